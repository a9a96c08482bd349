import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { verifyExport } from '../../src/audit/export-verifier.js';
import { LedgerSealer } from '../../src/audit/sealer.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { planOneAction, startTestApp, type Reply, type TestApp } from '../support/test-app.js';
import {
  expectAccessible,
  expectEveryPageTitled,
  nextPage,
  openAs,
  sessionOf,
  STARTING,
  STEPS,
  type Session,
} from './helpers.js';

/** An auditor's pages: the record checked now, downloads for offline checking, histories, time travel. */

let t: TestApp;
let browser: Browser;
let auditor: Session;
let officer: Session;
let actionId: string;
let strategyId: string;

const ok = (reply: Reply) => {
  expect({ status: reply.status, body: reply.body }).toEqual({ status: 201, body: expect.anything() });
  return reply;
};

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp('2024-05-01T09:00:00Z'), launchBrowser()]);
  await t.app.get(LedgerSealer).stop(); // sealed below, once the story is written
  ({ actionId, strategyId } = await planOneAction(t, { reference: 'A1.1' }));
  t.clock.set(new Date('2024-06-28T12:00:00Z'));
  ok(
    await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: { narrative: 'Forum held; 42 groups came.', rag: 'green', percentComplete: 40 },
    }),
  );
  // Recorded on 30 June, about something that happened in May.
  t.clock.set(new Date('2024-06-30T12:00:00Z'));
  await shiftRecordedTimesBack();
  ok(
    await t.call('POST', `/api/v1/actions/${actionId}/progress`, {
      as: t.people.lead,
      body: {
        narrative: 'Bulletin delayed: printer contract lapsed.',
        rag: 'amber',
        ragJustification: 'The bulletin missed its May issue',
        percentComplete: 25,
        effectiveOn: '2024-05-15',
      },
    }),
  );
  await t.app.get(LedgerSealer).catchUp();
  [auditor, officer] = await Promise.all([
    sessionOf(browser, t, t.people.auditor),
    sessionOf(browser, t, t.people.lead),
  ]);
}, STARTING);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * The database stamps recorded_at with its own clock, which tests cannot set; so the events so
 * far are moved to 28 June, as a superuser could, before anything is sealed.
 */
async function shiftRecordedTimesBack() {
  const client = new pg.Client(t.database.url);
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(
      `UPDATE es_events SET recorded_at = timestamptz '2024-06-28T12:00:00Z' + global_position * interval '1 second'`,
    );
  } finally {
    await client.end();
  }
}

async function visit(session: Session, path: string): Promise<Page> {
  const { page } = await openAs(browser, t, session);
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  return page;
}

it(
  'shows the auditor the signed tree head, checked now, and exports that verify offline',
  async () => {
    const page = await visit(auditor, '/audit');
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain(
      'The latest signed tree head verifies',
    );
    await expectAccessible(page, 'audit record');
    await screenshot(page, '24-audit-record');

    const download = async (link: string | RegExp) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: link }).click(),
      ]);
      return readFileSync((await file.path())!, 'utf8');
    };
    const treeHead = JSON.parse(await download('Download the signed tree head (JSON)'));
    const publicKeyPem = await download('Download the public key (PEM)');
    const exported = await download(/Download the export of every sealed event/);
    const report = await verifyExport(
      (async function* () {
        yield* exported.split('\n');
      })(),
      { treeHead, publicKeyPem },
    );
    expect(report).toMatchObject({ ok: true, leavesChecked: 6, problems: [] }); // 4 to plan, 2 updates
  },
  STEPS,
);

it(
  "shows an action's history field by field, from the action page",
  async () => {
    const page = await visit(auditor, `/actions/${actionId}`);
    await nextPage(page, () =>
      page.getByRole('link', { name: 'Full audit history, field by field' }).click(),
    );
    expect(new URL(page.url()).pathname).toBe(`/audit/history/action/${actionId}`);
    const newest = page.locator('.app-history-entry').first();
    await expect(newest.innerText()).resolves.toContain('The bulletin missed its May issue');
    // Filed late about 15 May: what it changed is what it said about that day, before June's report.
    const changes = await newest.locator('table').innerText();
    expect(changes).toMatch(/Rag\s+\(none\)\s+amber/);
    expect(changes).toMatch(/Percent complete\s+0\s+25/);
    await expectAccessible(page, 'audit history of an action');
    await screenshot(page, '25-audit-history');
  },
  STEPS,
);

it(
  'shows the strategy overview as known at a past date, and as effective at one, each without what came later',
  async () => {
    const page = await visit(auditor, `/strategies/${strategyId}`);
    await page.locator('#knownAt-day').fill('29');
    await page.locator('#knownAt-month').fill('6');
    await page.locator('#knownAt-year').fill('2024');
    await nextPage(page, () => page.getByRole('button', { name: 'Apply filters' }).click());
    expect(new URL(page.url()).searchParams.get('knownAt-day')).toBe('29');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'as it was known at the end of 29 June 2024',
    );
    const row = page.locator('tr', { hasText: 'A1.1' });
    await expect(row.innerText()).resolves.toContain('Green');
    await expectAccessible(page, 'strategy overview as known at');
    await screenshot(page, '26-overview-as-known-at');

    // As effective at the end of May: the May report, recorded last, is what held then.
    for (const part of ['day', 'month', 'year']) await page.locator(`#knownAt-${part}`).fill('');
    await page.locator('#effectiveAt-day').fill('31');
    await page.locator('#effectiveAt-month').fill('5');
    await page.locator('#effectiveAt-year').fill('2024');
    await nextPage(page, () => page.getByRole('button', { name: 'Apply filters' }).click());
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      'as it stood on 31 May 2024',
    );
    await expect(page.locator('tr', { hasText: 'A1.1' }).innerText()).resolves.toContain('Amber');
    await expectAccessible(page, 'strategy overview as effective at');

    // Now, June's report is still the latest in effect, though May's was recorded after it.
    const now = await visit(auditor, `/strategies/${strategyId}`);
    await expect(now.locator('tr', { hasText: 'A1.1' }).innerText()).resolves.toContain('Green');
  },
  STEPS,
);

it(
  "shows a pledge's and a strategy's history from the overview",
  async () => {
    const page = await visit(auditor, `/strategies/${strategyId}`);
    await nextPage(page, () => page.getByRole('link', { name: 'Audit history of pledge P1' }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/audit\/history\/pledge\//);
    const made = page.locator('.app-history-entry').last();
    await expect(made.innerText()).resolves.toContain('Version 1: PledgeMade');
    await expect(made.locator('table').innerText()).resolves.toMatch(/Title\s+\S*\s*Communicate better/);
    await expectAccessible(page, 'audit history of a pledge');

    const overview = await visit(auditor, `/strategies/${strategyId}`);
    await nextPage(overview, () =>
      overview.getByRole('link', { name: 'Audit history of this strategy' }).click(),
    );
    expect(new URL(overview.url()).pathname).toBe(`/audit/history/strategy/${strategyId}`);
    await expect(overview.locator('.app-history-entry').last().innerText()).resolves.toContain(
      'Version 1: StrategyDrafted',
    );
    await expectAccessible(overview, 'audit history of a strategy');
  },
  STEPS,
);

it(
  'opens the audit pages to scrutiny members as to auditors, and keeps officers out',
  async () => {
    const { page } = await openAs(browser, t, officer);
    expect((await page.goto('/audit'))?.status()).toBe(403);
    expect((await page.goto('/audit/export.jsonl'))?.status()).toBe(403);
    expect((await page.goto(`/audit/history/action/${actionId}`))?.status()).toBe(403);
    expect(await page.locator('.govuk-service-navigation').innerText()).not.toContain('Audit record');

    const scrutiny = await openAs(browser, t, await sessionOf(browser, t, t.people.scrutiny));
    expect((await scrutiny.page.goto('/audit'))?.status()).toBe(200);
    expect(await scrutiny.page.locator('.govuk-service-navigation').innerText()).toContain('Audit record');
    expect((await scrutiny.page.goto(`/audit/history/action/${actionId}`))?.status()).toBe(200);
  },
  STEPS,
);

it(
  'shows the auditor which event no longer matches, after a superuser changes one',
  async () => {
    const client = new pg.Client(t.database.url);
    await client.connect();
    let eventId: string;
    try {
      await client.query('SET session_replication_role = replica');
      const { rows } = await client.query(
        `UPDATE es_events SET data = jsonb_set(data, '{narrative}', '"All going well."')
          WHERE event_type = 'ActionProgressLogged' AND data->>'rag' = 'amber' RETURNING event_id::text`,
      );
      eventId = rows[0].event_id;
    } finally {
      await client.end();
    }
    const page = await visit(auditor, '/audit');
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('The record does not match its signed tree head');
    expect(alert).toContain(`event ${eventId} (ActionProgressLogged, action-${actionId} v3`);
    await expectAccessible(page, 'audit record, tampered');
    await screenshot(page, '27-audit-record-tampered');
  },
  STEPS,
);

// Last, once every test above has opened its pages.
describe('titles', () => {
  it('every page the tests above opened has a title of its own, naming the council', () => {
    expectEveryPageTitled();
  });
});
