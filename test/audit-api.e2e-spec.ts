import { Buffer } from 'node:buffer';
import pg from 'pg';
import {
  canonicalJson,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
} from '../libs/ledger/index.js';
import { LedgerSealer } from '../src/audit/sealer.js';
import { planOneAction, startTestApp, type Reply, type TestApp } from './support/test-app.js';

let t: TestApp;
let actionId: string;
let strategyId: string;
let onTrack: Reply;
let backDated: Reply;
let betweenTheTwo: string;

const sealNow = () => t.app.get(LedgerSealer).catchUp();
const problem = (reply: Reply) => ({ status: reply.status, code: reply.body?.code });
const countEvents = async () => {
  const client = new pg.Client(t.database.url);
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n as number;
  } finally {
    await client.end();
  }
};
const fromBase64 = (value: string) => Buffer.from(value, 'base64');

beforeAll(async () => {
  // Planned on 1 May; the updates are logged at the end of June.
  t = await startTestApp('2024-05-01T09:00:00Z');
  ({ actionId, strategyId } = await planOneAction(t, { reference: 'A1.1' }));
  t.clock.set(new Date('2024-06-30T12:00:00Z'));
  onTrack = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
    as: t.people.lead,
    body: {
      narrative: 'Forum held; 42 groups came.',
      rag: 'green',
      percentComplete: 40,
      effectiveOn: '2024-06-20',
    },
  });
  expect(onTrack.status).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 20));
  betweenTheTwo = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  // Learnt later, but it happened earlier: the bulletin slipped back in May.
  backDated = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
    as: t.people.lead,
    body: {
      narrative: 'Bulletin delayed: printer contract lapsed.',
      rag: 'amber',
      ragJustification: 'The bulletin missed its May issue',
      percentComplete: 25,
      effectiveOn: '2024-05-15',
    },
  });
  expect(backDated.status).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('the sealed log over HTTP', () => {
  it('publishes a signed tree head over every event, and the key that signs it, to anyone', async () => {
    const sealed = await sealNow();
    const latest = await t.call('GET', '/api/v1/ledger/tree-heads/latest');
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual({ ...sealed, treeSize: expect.any(Number) });
    expect(latest.body.treeSize).toBe(await countEvents());

    const key = await t.call('GET', '/api/v1/ledger/public-key', { headers: { accept: '*/*' } });
    expect(key.status).toBe(200);
    expect(key.body).toContain('BEGIN PUBLIC KEY');
    expect(verifyTreeHead(latest.body, key.body).treeSize).toBe(latest.body.treeSize);

    const bySize = await t.call('GET', `/api/v1/ledger/tree-heads/${latest.body.treeSize}`);
    expect(bySize.body).toEqual(latest.body);
    expect(problem(await t.call('GET', '/api/v1/ledger/tree-heads/999999'))).toEqual({
      status: 404,
      code: 'tree-head.not-found',
    });
  });

  it('proves an event is in the log: the proof verifies against the signed root', async () => {
    await sealNow();
    const history = await t.call('GET', `/api/v1/history/action/${actionId}`, { as: t.people.auditor });
    const eventId = history.body.events[1].eventId;
    const reply = await t.call('GET', `/api/v1/ledger/events/${eventId}/inclusion-proof`, {
      as: t.people.auditor,
    });
    expect(reply.status).toBe(200);
    const { leafIndex, treeSize, auditPath, event, treeHead } = reply.body;
    expect(event).toMatchObject({ eventId, type: 'ActionProgressLogged', streamId: `action-${actionId}` });
    // Anyone can recompute the leaf from the event itself.
    const leaf = leafHash(Buffer.from(canonicalJson(event), 'utf8'));
    expect(leaf.toString('base64')).toBe(reply.body.leafHash);
    expect(() =>
      verifyInclusion(leafIndex, treeSize, leaf, auditPath.map(fromBase64), fromBase64(treeHead.rootHash)),
    ).not.toThrow();
    // ... and a proof for another leaf does not pass for this one.
    expect(() =>
      verifyInclusion(
        leafIndex + 1,
        treeSize,
        leaf,
        auditPath.map(fromBase64),
        fromBase64(treeHead.rootHash),
      ),
    ).toThrow();
  });

  it('proves that a later tree head extends an earlier one', async () => {
    const first = (await sealNow())!;
    await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: {
        narrative: 'Second forum booked.',
        rag: 'amber',
        ragJustification: 'Venue costs rose',
        percentComplete: 45,
      },
    });
    const second = (await sealNow())!;
    expect(second.treeSize).toBe(first.treeSize + 1);
    const reply = await t.call(
      'GET',
      `/api/v1/ledger/consistency-proof?first=${first.treeSize}&second=${second.treeSize}`,
      { as: t.people.scrutiny },
    );
    expect(reply.status).toBe(200);
    expect(() =>
      verifyConsistency(
        first.treeSize,
        second.treeSize,
        reply.body.proof.map(fromBase64),
        fromBase64(first.rootHash),
        fromBase64(second.rootHash),
      ),
    ).not.toThrow();
    const verdict = await t.call('GET', '/api/v1/ledger/verify-now', { as: t.people.auditor });
    expect(verdict.body).toMatchObject({
      ok: true,
      treeSize: second.treeSize,
      leavesChecked: second.treeSize,
      eventsUnsealed: 0,
      firstMismatch: null,
      problems: [],
    });
    expect(verdict.body.treeHeadsChecked).toBeGreaterThanOrEqual(2);
  });

  it('proves inclusion at an earlier signed size, and says when an event came after that head', async () => {
    const earlier = (await sealNow())!;
    const logged = await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: { narrative: 'Venue confirmed for the third forum.', rag: 'amber', percentComplete: 47 },
    });
    expect(logged.status).toBe(201);
    const later = (await sealNow())!;
    const history = await t.call('GET', `/api/v1/history/action/${actionId}`, { as: t.people.auditor });
    const newest = history.body.events.at(-1).eventId;
    const tooEarly = await t.call(
      'GET',
      `/api/v1/ledger/events/${newest}/inclusion-proof?treeSize=${earlier.treeSize}`,
      { as: t.people.auditor },
    );
    expect(problem(tooEarly)).toEqual({ status: 404, code: 'event.not-in-tree-head' });
    const first = history.body.events[0].eventId;
    const atEarlier = await t.call(
      'GET',
      `/api/v1/ledger/events/${first}/inclusion-proof?treeSize=${earlier.treeSize}`,
      { as: t.people.auditor },
    );
    expect(atEarlier.status).toBe(200);
    expect(atEarlier.body.treeHead).toEqual(earlier);
    const leaf = leafHash(Buffer.from(canonicalJson(atEarlier.body.event), 'utf8'));
    expect(() =>
      verifyInclusion(
        atEarlier.body.leafIndex,
        earlier.treeSize,
        leaf,
        atEarlier.body.auditPath.map(fromBase64),
        fromBase64(earlier.rootHash),
      ),
    ).not.toThrow();

    // Every head is listed in order of size, and the key that signed them is published.
    const heads = await t.call('GET', `/api/v1/ledger/tree-heads?after=${earlier.treeSize - 1}&limit=5`);
    expect(heads.status).toBe(200);
    expect(heads.body.map((head: { treeSize: number }) => head.treeSize)).toEqual([
      earlier.treeSize,
      later.treeSize,
    ]);
    const keys = await t.call('GET', '/api/v1/ledger/public-keys');
    expect(keys.body).toEqual([expect.objectContaining({ keyId: later.keyId })]);
    expect(verifyTreeHead(later, keys.body[0].publicKeyPem).treeSize).toBe(later.treeSize);
  });

  it('runs the whole check now only for those who audit', async () => {
    const officer = await t.call('GET', '/api/v1/ledger/verify-now', { as: t.people.lead });
    expect(problem(officer)).toEqual({ status: 403, code: expect.any(String) });
    const scrutiny = await t.call('GET', '/api/v1/ledger/verify-now', { as: t.people.scrutiny });
    expect(scrutiny.status).toBe(200);
  });

  it('refuses malformed proof requests with the field that is wrong', async () => {
    const reversed = await t.call('GET', '/api/v1/ledger/consistency-proof?first=5&second=2', {
      as: t.people.auditor,
    });
    expect(problem(reversed)).toEqual({ status: 400, code: 'proof.sizes-out-of-order' });
    const words = await t.call('GET', '/api/v1/ledger/consistency-proof?first=one&second=2', {
      as: t.people.auditor,
    });
    expect(problem(words)).toEqual({ status: 400, code: 'request.invalid' });
    expect(words.body.errors).toContainEqual({
      field: 'first',
      message: 'first must be a whole number from 1 to 9223372036854775807, written in digits',
    });
    const notAnEvent = await t.call('GET', '/api/v1/ledger/events/not-a-uuid/inclusion-proof', {
      as: t.people.auditor,
    });
    expect(notAnEvent.status).toBe(400);
    const unknown = await t.call(
      'GET',
      '/api/v1/ledger/events/01890a5d-ac96-774b-bcce-b302099a8057/inclusion-proof',
      { as: t.people.auditor },
    );
    expect(problem(unknown)).toEqual({ status: 404, code: 'event.not-sealed' });
    expect(
      (await t.call('GET', '/api/v1/ledger/events/01890a5d-ac96-774b-bcce-b302099a8057/inclusion-proof'))
        .status,
    ).toBe(401);
  });
});

describe("an entity's history and its state at a cut in time", () => {
  it('lists every event with who, why, both times, and the fields it changed', async () => {
    const reply = await t.call('GET', `/api/v1/history/action/${actionId}`, { as: t.people.scrutiny });
    expect(reply.status).toBe(200);
    const [planned, green, amber] = reply.body.events;
    expect(planned).toMatchObject({
      version: 1,
      type: 'ActionPlanned',
      actor: { name: 'Ada Admin', role: 'admin' },
    });
    expect(planned.changes).toContainEqual({ field: 'reference', before: null, after: 'A1.1' });
    expect(green).toMatchObject({
      type: 'ActionProgressLogged',
      actor: { id: t.people.lead.id, name: 'Olu Officer', role: 'officer' },
      effectiveAt: expect.stringMatching(/^2024-06-1\dT|^2024-06-20T/),
    });
    expect(green.changes).toContainEqual({ field: 'rag', before: null, after: 'green' });
    expect(green.changes).toContainEqual({ field: 'percentComplete', before: 0, after: 40 });
    expect(amber).toMatchObject({ reason: 'The bulletin missed its May issue' });
    // Filed late about 15 May, it changed that day (no RAG yet then), not the RAG of 20 June.
    expect(amber.changes).toContainEqual({ field: 'rag', before: null, after: 'amber' });
    expect(amber.changes).toContainEqual({ field: 'lastProgressOn', before: null, after: '2024-05-15' });
    expect(amber.changes.map((change: { field: string }) => change.field)).not.toContain('reference');
    expect(Date.parse(amber.recordedAt)).toBeGreaterThan(Date.parse(amber.effectiveAt));
  });

  it('as known at a moment before a back-dated update, leaves that update out', async () => {
    const reply = await t.call(
      'GET',
      `/api/v1/history/action/${actionId}/state?knownAt=${encodeURIComponent(betweenTheTwo)}`,
      { as: t.people.auditor },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ version: 2, state: { rag: 'green', percentComplete: 40 } });
    expect(reply.body.eventsLeftOut).toBeGreaterThanOrEqual(1);
  });

  it('as effective at a day after the back-dated update, includes it once recorded, and not the later one', async () => {
    const reply = await t.call('GET', `/api/v1/history/action/${actionId}/state?effectiveAt=2024-05-31`, {
      as: t.people.auditor,
    });
    expect(reply.body).toMatchObject({ state: { rag: 'amber', percentComplete: 25 } });
    const bothAxes = await t.call(
      'GET',
      `/api/v1/history/action/${actionId}/state?effectiveAt=2024-05-31&knownAt=${encodeURIComponent(betweenTheTwo)}`,
      { as: t.people.auditor },
    );
    // Known at that moment, nothing had yet been recorded as happening by the end of May.
    expect(bothAxes.body).toMatchObject({ version: 1, state: { rag: null, percentComplete: 0 } });
  });

  it('replays the strategy overview as known at a moment, and after a report filed late', async () => {
    const then = await t.call(
      'GET',
      `/api/v1/strategies/${strategyId}/overview-at?knownAt=${encodeURIComponent(betweenTheTwo)}&date=2024-06-30`,
      { as: t.people.scrutiny },
    );
    expect(then.status).toBe(200);
    expect(then.body.themes[0].pledges[0].actions[0]).toMatchObject({ reference: 'A1.1', rag: 'green' });
    expect(then.body.rollUp.byRag).toMatchObject({ green: 1 });
    // Once the May report was recorded too, the 20 June one is still the latest in effect.
    const afterTheLateReport = await t.call(
      'GET',
      `/api/v1/strategies/${strategyId}/overview-at?knownAtPosition=${backDated.body.position}&date=2024-06-30`,
      { as: t.people.scrutiny },
    );
    expect(afterTheLateReport.body.themes[0].pledges[0].actions[0]).toMatchObject({
      rag: 'green',
      percentComplete: 40,
      updatesLogged: 2,
      lastProgressOn: '2024-06-20',
    });
  });

  it('cuts at a position as well as at a moment, for an entity and for the overview', async () => {
    const atPosition = await t.call(
      'GET',
      `/api/v1/history/action/${actionId}/state?knownAtPosition=${onTrack.body.position}`,
      { as: t.people.auditor },
    );
    expect(atPosition.status).toBe(200);
    expect(atPosition.body).toMatchObject({ version: 2, state: { rag: 'green', percentComplete: 40 } });
    const overviewAtPosition = await t.call(
      'GET',
      `/api/v1/strategies/${strategyId}/overview-at?knownAtPosition=${onTrack.body.position}&date=2024-06-30`,
      { as: t.people.auditor },
    );
    expect(overviewAtPosition.body.themes[0].pledges[0].actions[0]).toMatchObject({ rag: 'green' });
    // As effective at the end of May: the back-dated amber update (15 May) had happened; the green
    // one (20 June) had not, though it was recorded first.
    const overviewEffective = await t.call(
      'GET',
      `/api/v1/strategies/${strategyId}/overview-at?effectiveAt=2024-05-31&date=2024-05-31`,
      { as: t.people.auditor },
    );
    expect(overviewEffective.status).toBe(200);
    expect(overviewEffective.body.themes[0].pledges[0].actions[0]).toMatchObject({ rag: 'amber' });
    const badPosition = await t.call(
      'GET',
      `/api/v1/history/action/${actionId}/state?knownAtPosition=yesterday`,
      { as: t.people.auditor },
    );
    expect(problem(badPosition)).toEqual({ status: 400, code: 'request.invalid' });
    expect(badPosition.body.errors[0].field).toBe('knownAtPosition');
  });

  it('refuses a cut it cannot read, and an entity kind it does not know', async () => {
    const badMoment = await t.call('GET', `/api/v1/history/action/${actionId}/state?knownAt=last-tuesday`, {
      as: t.people.auditor,
    });
    expect(problem(badMoment)).toEqual({ status: 400, code: 'request.invalid' });
    expect(badMoment.body.errors[0].field).toBe('knownAt');
    const badKind = await t.call('GET', `/api/v1/history/budget/${actionId}`, { as: t.people.auditor });
    expect(problem(badKind)).toEqual({ status: 400, code: 'request.invalid' });
    const missing = await t.call('GET', '/api/v1/history/pledge/01890a5d-ac96-774b-bcce-b302099a8057', {
      as: t.people.auditor,
    });
    expect(problem(missing)).toEqual({ status: 404, code: 'pledge.not-found' });
  });
});

describe('the audit API describes itself', () => {
  it('lists the ledger and history routes in the OpenAPI document, with their query parameters', async () => {
    const { body } = await t.call('GET', '/api/docs-json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ledger/tree-heads/latest',
        '/api/v1/ledger/tree-heads/{size}',
        '/api/v1/ledger/public-key',
        '/api/v1/ledger/events/{eventId}/inclusion-proof',
        '/api/v1/ledger/consistency-proof',
        '/api/v1/ledger/tree-heads',
        '/api/v1/ledger/public-keys',
        '/api/v1/ledger/verify-now',
        '/api/v1/history/{kind}/{id}',
        '/api/v1/history/{kind}/{id}/state',
        '/api/v1/strategies/{id}/overview-at',
      ]),
    );
    const consistency = body.paths['/api/v1/ledger/consistency-proof'].get.parameters;
    expect(
      consistency
        .filter((parameter: { required?: boolean }) => parameter.required)
        .map((parameter: { name: string }) => parameter.name)
        .sort(),
    ).toEqual(['first', 'second']);
    const state = body.paths['/api/v1/history/{kind}/{id}/state'].get;
    expect(state.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['kind', 'id', 'knownAt', 'knownAtPosition', 'effectiveAt']),
    );
  });
});
