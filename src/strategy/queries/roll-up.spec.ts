import { rollUp } from './roll-up.js';

describe('roll-ups', () => {
  const action = (
    status: string,
    rag: 'red' | 'amber' | 'green' | null,
    baselineDue: string,
    currentDue: string,
  ) => ({ status, rag, baselineDue, currentDue });

  it('counts by status and RAG, and overdue and slipped against the given day', () => {
    const actions = [
      action('on-track', 'green', '2024-12-31', '2024-12-31'),
      action('off-track', 'red', '2024-03-31', '2024-09-30'),
      action('at-risk', 'amber', '2024-05-31', '2024-05-31'),
      action('completed', 'green', '2024-01-31', '2024-02-28'),
      action('not-started', null, '2024-06-01', '2024-06-01'),
    ];
    expect(rollUp(actions, '2024-06-15')).toEqual({
      total: 5,
      byStatus: {
        'not-started': 1,
        'on-track': 1,
        'at-risk': 1,
        'off-track': 1,
        completed: 1,
        cancelled: 0,
        deferred: 0,
      },
      byRag: { red: 1, amber: 1, green: 1, none: 1 }, // the completed one is not rated
      overdue: 2, // the amber one due 31 May and the unstarted one due 1 June; the completed one is closed
      slipped: 2,
    });
    expect(rollUp(actions, '2024-05-31').overdue).toBe(0); // due today is not yet overdue
  });

  it('counts completed, cancelled and deferred actions by status, but not by their last RAG', () => {
    const actions = [
      action('at-risk', 'amber', '2024-12-31', '2024-12-31'),
      action('completed', 'amber', '2024-12-31', '2024-12-31'),
      action('cancelled', 'red', '2024-12-31', '2024-12-31'),
      action('deferred', 'green', '2024-12-31', '2024-12-31'),
      action('completed', null, '2024-12-31', '2024-12-31'),
    ];
    const counts = rollUp(actions, '2024-06-15');
    expect(counts.total).toBe(5);
    expect(counts.byStatus).toMatchObject({ 'at-risk': 1, completed: 2, cancelled: 1, deferred: 1 });
    expect(counts.byRag).toEqual({ red: 0, amber: 1, green: 0, none: 0 });
  });
});
