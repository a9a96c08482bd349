import type pg from 'pg';

/**
 * Waits until `sessions` sessions of the database are each waiting for a lock another session
 * holds (a command held at its append, say). Fails as soon as one of `pending` settles first: what
 * should have waited did not.
 */
export async function untilWaitingForLocks(
  db: pg.Pool | pg.Client,
  sessions: number,
  ...pending: Promise<unknown>[]
): Promise<void> {
  let settled = false;
  for (const promise of pending)
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
    );
    if (rows[0].n === sessions) return;
    if (settled) throw new Error(`Expected ${sessions} sessions to wait for a lock, but one finished first`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
