/** Summaries and formatting for benchmark figures. Nothing here judges a figure: it only reports. */

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('Cannot summarise no runs');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** The value at quantile q (0..1) of the values, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** 12345.6 → "12,346"; small values keep a decimal so that 3.4 is not shown as 3. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) < 100 ? 1 : 0;
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** The one-line form: `figure: median X/s (min Y, max Z, N runs)`. */
export function figureLine(figure: string, summary: Summary, unit = '/s'): string {
  return (
    `${figure}: median ${formatNumber(summary.median)}${unit} ` +
    `(min ${formatNumber(summary.min)}, max ${formatNumber(summary.max)}, ${summary.runs} runs)`
  );
}

/** A plain-text table with a header rule; numeric-looking cells are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (cell: string) => /^[\d,.\s%/a-z×-]*\d[\d,.\s%/a-z×-]*$/i.test(cell) && /^\d/.test(cell);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
