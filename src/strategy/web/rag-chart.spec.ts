import { rollUp } from '../queries/roll-up.js';
import { ragChartSvg } from './rag-chart.js';

const action = (rag: 'red' | 'amber' | 'green' | null, status = 'on-track') => ({
  status,
  rag,
  baselineDue: '2025-01-01',
  currentDue: '2025-01-01',
});

describe('the RAG chart', () => {
  const svg = ragChartSvg([
    {
      title: 'Funding & resources',
      rollUp: rollUp([action('red'), action('green'), action('green')], '2024-01-01'),
    },
    { title: 'Volunteering', rollUp: rollUp([action(null)], '2024-01-01') },
  ]);

  it('is an image named and described in words, with the counts a screen reader needs', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="rag-chart-title rag-chart-desc"/);
    expect(svg).toContain('<title id="rag-chart-title">Open actions by RAG status in each theme</title>');
    expect(svg).toContain(
      '<desc id="rag-chart-desc">Funding &#38; resources: 1 red, 0 amber, 2 green, 0 no rag yet. Volunteering: 0 red, 0 amber, 0 green, 1 no rag yet.</desc>',
    );
  });

  it('draws one segment per RAG present, as wide as its share of the largest theme', () => {
    expect(svg.match(/<rect class="rag-red"[^>]*width="133.3"/)).not.toBeNull();
    expect(svg.match(/<rect class="rag-green"[^>]*width="266.7"/)).not.toBeNull();
    expect(svg.match(/class="rag-amber"/g)).toBeNull();
    expect(svg.match(/<rect class="rag-none"[^>]*width="133.3"/)).not.toBeNull();
  });

  it('leaves out completed, cancelled and deferred actions, whatever their last RAG', () => {
    const closedToo = ragChartSvg([
      {
        title: 'Communication',
        rollUp: rollUp(
          [
            action('green'),
            action('amber', 'completed'),
            action('red', 'cancelled'),
            action('amber', 'deferred'),
          ],
          '2024-01-01',
        ),
      },
    ]);
    expect(closedToo).toContain(
      '<desc id="rag-chart-desc">Communication: 0 red, 0 amber, 1 green, 0 no rag yet.</desc>',
    );
    expect(closedToo.match(/<rect /g)).toHaveLength(1);
    // One open action: the whole bar, and the figure beside it is 1, not 4.
    expect(closedToo).toMatch(
      /<rect class="rag-green"[^>]*width="400.0"[^>]*>.*<\/rect><text [^>]*>1<\/text>/,
    );
  });
});
