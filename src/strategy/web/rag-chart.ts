import { openCount, type RollUp } from '../queries/roll-up.js';

export interface ThemeRollUp {
  title: string;
  rollUp: RollUp;
}

const SEGMENTS = [
  ['red', 'Red'],
  ['amber', 'Amber'],
  ['green', 'Green'],
  ['none', 'No RAG yet'],
] as const;

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal stacked bar per theme: how many of its open actions are red, amber, green or not
 * yet rated. The SVG is an image with a title and a description that says the same in words; the
 * page shows the same figures as a table beside it.
 */
export function ragChartSvg(themes: readonly ThemeRollUp[]): string {
  const labelWidth = 260;
  const barWidth = 400;
  const rowHeight = 40;
  const height = themes.length * rowHeight + 10;
  const most = Math.max(1, ...themes.map((theme) => openCount(theme.rollUp)));
  const description = themes
    .map(
      (theme) =>
        `${theme.title}: ${SEGMENTS.map(([key, label]) => `${theme.rollUp.byRag[key]} ${label.toLowerCase()}`).join(', ')}`,
    )
    .join('. ');
  const rows = themes.map((theme, index) => {
    const y = index * rowHeight + 5;
    let x = labelWidth;
    const bars = SEGMENTS.filter(([key]) => theme.rollUp.byRag[key] > 0).map(([key, label]) => {
      const count = theme.rollUp.byRag[key];
      const width = (count / most) * barWidth;
      const bar = `<rect class="rag-${key}" x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="28"><title>${escape(theme.title)}: ${count} ${label.toLowerCase()}</title></rect>`;
      x += width;
      return bar;
    });
    const title = theme.title.length > 34 ? `${theme.title.slice(0, 33)}…` : theme.title;
    return `<text x="0" y="${y + 19}">${escape(title)}</text>${bars.join('')}<text x="${(x + 8).toFixed(1)}" y="${y + 19}">${openCount(theme.rollUp)}</text>`;
  });
  return (
    `<svg class="app-chart" role="img" aria-labelledby="rag-chart-title rag-chart-desc" viewBox="0 0 ${labelWidth + barWidth + 40} ${height}" width="${labelWidth + barWidth + 40}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="rag-chart-title">Open actions by RAG status in each theme</title>` +
    `<desc id="rag-chart-desc">${escape(description)}.</desc>` +
    rows.join('') +
    `</svg>`
  );
}
