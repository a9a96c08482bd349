import { ProjectionRunner } from '../libs/projections/index.js';
import { planOneAction, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let runner: ProjectionRunner;
let actionId: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ actionId } = await planOneAction(t, { reference: 'A1.1' }));
  runner = t.app.get(ProjectionRunner);
});
afterAll(async () => {
  runner.start();
  await t.close();
});

const logProgress = (percentComplete: number) =>
  t.call('POST', `/api/v1/actions/${actionId}/progress`, {
    as: t.people.lead,
    body: { narrative: `Now at ${percentComplete}%`, rag: 'green', percentComplete },
  });

describe('read-your-writes: a query sent with the position a command answered', () => {
  it('waits until the read models show that write, however far behind they were', async () => {
    await runner.stop(); // the read models fall behind the store
    const written = await logProgress(35);
    expect(written.status).toBe(201);

    // Without the header a query answers at once, from read models that do not show it yet.
    const stale = await t.call('GET', `/api/v1/actions/${actionId}`, { as: t.people.lead });
    expect(stale.body.percentComplete).toBe(0);

    let answeredAt = 0;
    const waiting = t
      .call('GET', `/api/v1/actions/${actionId}`, {
        as: t.people.lead,
        headers: { 'x-consistent-after': written.body.position },
      })
      .then((reply) => {
        answeredAt = performance.now();
        return reply;
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answeredAt).toBe(0); // still waiting
    const restartedAt = performance.now();
    runner.start();
    const fresh = await waiting;
    expect(answeredAt).toBeGreaterThanOrEqual(restartedAt); // answered once they could catch up
    expect(fresh.status).toBe(200);
    expect(fresh.body.percentComplete).toBe(35);
  });

  it('answers 503, never a read model without the write, when they do not catch up in time', async () => {
    await runner.stop();
    const written = await logProgress(45);
    const reply = await t.call('GET', `/api/v1/actions/${actionId}`, {
      as: t.people.lead,
      headers: { 'x-consistent-after': written.body.position },
    });
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ code: 'projections.behind' });
    runner.start();
  });
});
