/**
 * A bounded context plugs in by its registration alone: a throwaway one, written for this test in
 * test/support/action-notes/ and registered here, gets histories and states "as known at / as
 * effective at" through the audit API, its own projection fed only its own streams (named as an
 * action's begin), its routes, its pages with their templates and filters, and its navigation
 * entry, with no edit anywhere else.
 */
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { formatPosition, type EventStore } from '../libs/event-store/index.js';
import { ProjectionRunner } from '../libs/projections/index.js';
import { EVENT_STORE } from '../src/common/persistence/aggregate-repository.js';
import {
  ActionNotesProjection,
  context as actionNotes,
  NOTE_STREAM,
  NOTES_TABLE_SQL,
} from './support/action-notes/action-notes.context.js';
import { planOneAction, startTestApp, type TestApp } from './support/test-app.js';
import { signedInWebClient } from './support/web-client.js';

let t: TestApp;
let noteId: string;
let actionId: string;
let written: string;

beforeAll(async () => {
  t = await startTestApp('2024-06-30T12:00:00Z', {
    contexts: [actionNotes],
    prepare: async (url) => {
      const db = new pg.Client(url);
      await db.connect();
      await db.query(NOTES_TABLE_SQL);
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON test_action_notes TO pledge_app`);
      await db.end();
    },
  });
  ({ actionId } = await planOneAction(t));
  const store = t.app.get<EventStore>(EVENT_STORE);
  noteId = uuidv7();
  const streamId = `${NOTE_STREAM}-${noteId}`;
  const metadata = {
    actorId: t.people.admin.id,
    actorRole: 'admin' as const,
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
    client: 'test' as const,
  };
  const first = await store.append(
    streamId,
    0,
    [{ type: 'NoteWritten', data: { noteId, actionId, text: 'Forum venue booked' } }],
    { streamType: NOTE_STREAM, metadata, effectiveAt: new Date('2024-02-01T00:00:00Z') },
  );
  written = formatPosition(first.position);
  await store.append(streamId, 1, [{ type: 'NoteAmended', data: { text: 'Forum venue moved' } }], {
    streamType: NOTE_STREAM,
    metadata,
    effectiveAt: new Date('2024-03-01T00:00:00Z'),
  });
  await t.app.get(ProjectionRunner).catchUp();
});
afterAll(async () => {
  await t.close();
});

it('routes its streams to its own projection only, and every projection goes on past them', async () => {
  const note = await t.call('GET', `/api/v1/action-notes/${noteId}`, { as: t.people.scrutiny });
  expect(note.body).toEqual({ id: noteId, text: 'Forum venue moved', amendments: 1 });
  expect([...ActionNotesProjection.typesSeen]).toEqual([NOTE_STREAM]);
  // The action's streams and the note's both begin `action-`: the action's timeline has none of the note's.
  const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, { as: t.people.scrutiny });
  expect(timeline.body.map((entry: { eventType: string }) => entry.eventType)).toEqual(['ActionPlanned']);
  const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
  const checkpoints = await t.app.get(ProjectionRunner).checkpoints();
  expect(checkpoints.map((checkpoint) => checkpoint.projection)).toEqual([
    'action-notes',
    'action-timeline',
    'strategy-tree',
  ]);
  for (const checkpoint of checkpoints) expect(checkpoint.position).toEqual(head);
});

it('gives its entities a history field by field, through the audit API', async () => {
  const { status, body } = await t.call('GET', `/api/v1/history/action-note/${noteId}`, {
    as: t.people.auditor,
  });
  expect(status).toBe(200);
  expect(body).toMatchObject({
    kind: 'action-note',
    id: noteId,
    streamId: `action-note-${noteId}`,
    version: 2,
  });
  expect(body.state).toEqual({ id: noteId, actionId, text: 'Forum venue moved', amendments: 1 });
  expect(body.events.map((entry: { type: string; changes: unknown }) => [entry.type, entry.changes])).toEqual(
    [
      [
        'NoteWritten',
        [
          { field: 'id', before: null, after: noteId },
          { field: 'actionId', before: null, after: actionId },
          { field: 'text', before: null, after: 'Forum venue booked' },
          { field: 'amendments', before: null, after: 0 },
        ],
      ],
      [
        'NoteAmended',
        [
          { field: 'text', before: 'Forum venue booked', after: 'Forum venue moved' },
          { field: 'amendments', before: 0, after: 1 },
        ],
      ],
    ],
  );
});

it('answers its entities "as effective at" and "as known at", and before they existed says so', async () => {
  const state = (query: string) =>
    t.call('GET', `/api/v1/history/action-note/${noteId}/state?${query}`, { as: t.people.auditor });
  const before = await state('effectiveAt=2024-01-15');
  expect(before.body).toMatchObject({
    existed: false,
    state: null,
    inEffectFrom: '2024-02-01',
    explanation: 'This action note did not exist yet on 15 January 2024: it took effect on 1 February 2024.',
  });
  expect((await state('effectiveAt=2024-02-15')).body).toMatchObject({
    existed: true,
    version: 1,
    state: { text: 'Forum venue booked', amendments: 0 },
  });
  expect((await state(`knownAtPosition=${written}`)).body).toMatchObject({
    version: 1,
    eventsLeftOut: 1,
    state: { text: 'Forum venue booked' },
  });
  const { body: document } = await t.call('GET', '/api/docs-json');
  const kind = document.paths['/api/v1/history/{kind}/{id}'].get.parameters.find(
    (parameter: { name: string }) => parameter.name === 'kind',
  );
  expect(kind.schema.enum).toEqual(['strategy', 'pledge', 'action', 'action-note']);
});

it('serves its pages from its own folder, with its filters, in the navigation of the roles it names', async () => {
  const admin = await signedInWebClient(t, t.people.admin);
  const page = await admin.get('/action-notes');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<li>FORUM VENUE MOVED</li>');
  expect(page.body).toMatch(/href="\/action-notes" aria-current="true">\s*<strong[^>]*>Notes</);
  const officer = await signedInWebClient(t, t.people.lead);
  expect((await officer.get('/my-actions')).body).not.toContain('href="/action-notes"');
  const history = await admin.get(`/audit/history/action-note/${noteId}`);
  expect(history.status).toBe(200);
  expect(history.body).toContain('Audit history · Action note');
});
