/**
 * The API fuzzed from its own OpenAPI document (/api/docs-json). Every operation the document
 * lists is sent by every role and by nobody, once valid (built from its schemas and examples,
 * with the ids of a real story) and once spoiled in each way of test/support/openapi-fuzz.ts;
 * more drawn at random make up the count. Nothing may answer 5xx; every refusal of the API is
 * an RFC 9457 problem; and no refused request may record an event: requests go one at a time
 * and the store's events are counted after each, so the count is exact.
 *
 * A route added later is fuzzed with no edit here: its parameters, bodies and ids come from the
 * document. FUZZ_SEED picks another seed and FUZZ_REQUESTS another count; a failure names the
 * seed and each request exactly.
 */
import pg from 'pg';
import { LedgerSealer } from '../src/audit/sealer.js';
import {
  described,
  operationsOf,
  pick,
  requestOf,
  resolverOf,
  seeded,
  sender,
  shuffle,
  SPOILERS,
  validDraft,
  type Generation,
  type Operation,
  type Story,
} from './support/openapi-fuzz.js';
import { planOneAction, startTestApp, type TestApp } from './support/test-app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 82_024);
const AT_LEAST = Number(process.env.FUZZ_REQUESTS ?? 5000);
const IDENTITIES = ['admin', 'lead', 'scrutiny', 'auditor', 'nobody'] as const;

let t: TestApp;
let counter: pg.Client;

beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z');
  counter = new pg.Client(t.database.url);
  await counter.connect();
});
afterAll(async () => {
  await counter?.end();
  await t?.close();
});

const eventCount = async () =>
  (await counter.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n as number;

/** A strategy with a theme, a pledge and an action with a milestone, sealed under a signed head. */
async function newStory(previous?: Story): Promise<Story> {
  const planned = await planOneAction(t, { reference: 'A1.1' });
  const action = await t.call('GET', `/api/v1/actions/${planned.actionId}`, {
    as: t.people.admin,
    headers: { 'x-consistent-after': planned.created.body.position },
  });
  await t.app.get(LedgerSealer).catchUp();
  const head = await t.call('GET', '/api/v1/ledger/tree-heads/latest');
  const { rows } = await counter.query('SELECT event_id FROM es_events ORDER BY global_position LIMIT 1');
  return {
    ids: {
      strategy: planned.strategyId,
      theme: planned.themeId,
      pledge: planned.pledgeId,
      action: planned.actionId,
      milestone: action.body.milestones[0].id,
      event: rows[0].event_id,
      officer: t.people.lead.id,
      user: t.people.scrutiny.id,
    },
    size: String(head.body.treeSize),
    position: previous?.position ?? planned.created.body.position,
  };
}

it(
  `answers every operation, from every role and nobody, valid or spoiled, with no 5xx and records nothing it refuses (seed ${SEED})`,
  async () => {
    const started = Date.now();
    const random = seeded(SEED);
    const { body: document } = await t.call('GET', '/api/docs-json');
    const operations = operationsOf(document);
    const kinds = Object.keys(SPOILERS);
    type Planned = [Operation, (typeof IDENTITIES)[number], string];
    const plan: Planned[] = operations.flatMap((operation) =>
      IDENTITIES.flatMap((identity) => kinds.map((kind): Planned => [operation, identity, kind])),
    );
    while (plan.length < AT_LEAST)
      plan.push([pick(random, operations), pick(random, IDENTITIES), pick(random, kinds)]);
    shuffle(random, plan);

    const context: Generation = { random, story: await newStory(), resolve: resolverOf(document) };
    const http = sender(t.base);
    const statuses = new Map<number, number>();
    const tally = new Map<string, number>();
    const failures: string[] = [];
    let events = await eventCount();
    try {
      for (const [index, [operation, identity, kind]] of plan.entries()) {
        // A closed strategy freezes everything under it: valid writes need one still open.
        if (context.story.closed) {
          context.story = await newStory(context.story);
          events = await eventCount();
        }
        const draft = SPOILERS[kind](validDraft(operation, context), context);
        const request = requestOf(draft, identity === 'nobody' ? undefined : t.people[identity].token);
        const reply = await http.send(request);
        const now = await eventCount();
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);

        const problems: string[] = [];
        if (reply.status >= 500) problems.push(`answered ${reply.status}`);
        if (reply.status >= 400 && now !== events) problems.push(`refused with ${reply.status} but recorded`);
        if (reply.status >= 400 && request.target.startsWith('/api/')) {
          const problem = reply.type.startsWith('application/problem+json')
            ? JSON.parse(reply.body)
            : undefined;
          if (problem?.status !== reply.status || !problem.title || problem.title === 'Error')
            problems.push(`refused with ${reply.status} but not as an RFC 9457 problem`);
        }
        for (const problem of problems)
          tally.set(`${problem}: ${kind}`, (tally.get(`${problem}: ${kind}`) ?? 0) + 1);
        if (problems.length)
          failures.push(
            `#${index} (${kind}, as ${identity}) ${problems.join('; ')}: ${reply.type} ${reply.body.slice(0, 300)}\n  ${described(request)}`,
          );

        if (reply.status < 300 && reply.type.includes('json')) {
          const position = (JSON.parse(reply.body) as { position?: unknown }).position;
          if (typeof position === 'string') context.story.position = position;
          const closing = `/api/v1/strategies/${context.story.ids.strategy}/close`;
          if (request.method !== 'GET' && request.target.startsWith(closing)) context.story.closed = true;
        }
        events = now;
      }
    } finally {
      http.close();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.log(
      `fuzz, seed ${SEED}: ${plan.length} requests, ${operations.length} operations, ${seconds} s: ${seen.join(' ')}`,
    );
    if (failures.length)
      throw new Error(
        `${failures.length} of ${plan.length} requests failed (FUZZ_SEED=${SEED} repeats them):\n` +
          [...tally.entries()].map(([what, n]) => `  ${n} × ${what}`).join('\n') +
          `\n\nThe first ${Math.min(failures.length, 15)}:\n\n${failures.slice(0, 15).join('\n\n')}`,
      );
    expect(plan.length).toBeGreaterThanOrEqual(5000);
  },
  15 * 60_000,
);
