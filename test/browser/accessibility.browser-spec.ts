import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import {
  planOneAction,
  startTestApp,
  TEST_COUNCIL_NAME,
  type Reply,
  type TestApp,
} from '../support/test-app.js';
import {
  errorsShown,
  expectAccessible,
  expectEveryPageTitled,
  lesserFindings,
  nextPage,
  openAs,
  openBrowserContext,
  sessionOf,
  settled,
  STARTING,
  STEPS,
  submit,
} from './helpers.js';

/**
 * Every page, in the states people meet it in, checked with axe against WCAG 2.2 AA (no serious or
 * critical violation) and photographed for the README (UPDATE_SCREENSHOTS=1 writes docs/screenshots).
 */

let t: TestApp;
let browser: Browser;
/** The lead officer, signed in, with the edit controls on the actions they lead. */
let lead: { context: BrowserContext; page: Page };
const ids = {} as Record<'strategy' | 'open' | 'closed' | 'overdue' | 'volunteering', string>;

const ok = (reply: Reply, status = 201) => {
  expect({ status: reply.status, body: reply.body }).toEqual({ status, body: expect.anything() });
  return reply;
};

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const as = { as: t.people.admin };

  // Theme "Communication", pledge P1: A1.1 on track but slipped, A1.2 completed after an amber
  // update, A1.3 overdue.
  const planned = await planOneAction(t, { reference: 'A1.1' });
  ids.strategy = planned.strategyId;
  ids.open = planned.actionId;
  const action = (reference: string, dueDate: string, leadOfficerId = t.people.lead.id) =>
    t.call('POST', `/api/v1/pledges/${planned.pledgeId}/actions`, {
      ...as,
      body: {
        reference,
        title: `Action ${reference} of the communication pledge`,
        description: 'Part of the communication pledge',
        leadOfficerId,
        startDate: '2024-01-01',
        dueDate,
        milestones: [],
        effectiveOn: '2023-12-01',
      },
    });
  ids.closed = ok(await action('A1.2', '2024-09-30')).body.id;
  ids.overdue = ok(await action('A1.3', '2024-05-31')).body.id;
  ok(
    await t.call('POST', `/api/v1/actions/${ids.open}/progress`, {
      as: t.people.lead,
      body: {
        narrative: 'The first forum met; 42 organisations attended.',
        rag: 'green',
        percentComplete: 30,
        effectiveOn: '2024-03-28',
        evidence: [{ title: 'Forum minutes', url: 'https://example.org/forum-minutes.pdf' }],
      },
    }),
  );
  ok(
    await t.call('POST', `/api/v1/actions/${ids.open}/due-date`, {
      as: t.people.lead,
      body: { newDueDate: '2025-03-31', reason: 'The bulletin waits for the new web platform.' },
    }),
    200,
  );
  // Rated amber, then completed: its amber is history, counted nowhere.
  ok(
    await t.call('POST', `/api/v1/actions/${ids.closed}/progress`, {
      as: t.people.lead,
      body: {
        narrative: 'The directory is late: entries are still arriving.',
        rag: 'amber',
        percentComplete: 80,
        effectiveOn: '2024-06-10',
      },
    }),
  );
  ok(
    await t.call('POST', `/api/v1/actions/${ids.closed}/complete`, {
      as: t.people.lead,
      body: { summary: 'The directory of groups is published.', completedOn: '2024-06-20' },
    }),
    200,
  );

  // A second theme, whose action another officer leads and has rated amber.
  const theme = ok(
    await t.call('POST', `/api/v1/strategies/${ids.strategy}/themes`, { ...as, body: { title: 'Funding' } }),
  );
  await settled(t, theme);
  const tree = await t.call('GET', `/api/v1/strategies/${ids.strategy}`, as);
  const funding = tree.body.themes.find((candidate: { title: string }) => candidate.title === 'Funding');
  const pledge = ok(
    await t.call('POST', `/api/v1/strategies/${ids.strategy}/pledges`, {
      ...as,
      body: {
        themeId: funding.id,
        reference: 'P2',
        title: 'Fund the sector fairly',
        description: 'Grants that are simpler to apply for',
        lead: 'Deputy City Mayor',
      },
    }),
  );
  const other = ok(
    await t.call('POST', `/api/v1/pledges/${pledge.body.id}/actions`, {
      ...as,
      body: {
        reference: 'A2.1',
        title: 'A simpler grants process',
        description: 'One form for small grants',
        leadOfficerId: t.people.otherOfficer.id,
        startDate: '2024-02-01',
        dueDate: '2025-01-31',
        milestones: [],
      },
    }),
  );
  const last = ok(
    await t.call('POST', `/api/v1/actions/${other.body.id}/progress`, {
      as: t.people.otherOfficer,
      body: { narrative: 'Waiting for the budget.', rag: 'amber', percentComplete: 10 },
    }),
  );
  await settled(t, last);

  // Another strategy whose first action is A1.1 too, led by the same officer.
  const volunteering = await planOneAction(
    t,
    { reference: 'A1.1', title: 'A volunteering portal', dueDate: '2024-12-31' },
    { strategy: 'Volunteering strategy', pledge: 'Grow volunteering' },
  );
  ids.volunteering = volunteering.actionId;

  lead = await openAs(browser, t, await sessionOf(browser, t, t.people.lead));
}, STARTING);

afterAll(async () => {
  if (process.env.AXE_VERBOSE && lesserFindings.length)
    process.stderr.write(`axe, moderate and minor findings:\n${lesserFindings.join('\n')}\n`);
  await lead?.context.close();
  await browser?.close();
  await t?.close();
}, STARTING);

/** Opens a page as the lead officer and checks it answered 200. */
async function visit(path: string): Promise<Page> {
  const response = await lead.page.goto(path);
  expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
  return lead.page;
}

const heading = (page: Page) => page.locator('h1').innerText();

describe('signed out', () => {
  let anonymous: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    anonymous = await openBrowserContext(browser, t);
  });
  afterAll(async () => {
    await anonymous?.context.close();
  });

  it(
    'the sign-in page',
    async () => {
      const { page } = anonymous;
      await page.goto('/sign-in');
      expect(await heading(page)).toBe('Sign in');
      await expectAccessible(page, 'sign-in');
      await screenshot(page, '01-sign-in');
    },
    STEPS,
  );

  it(
    'the sign-in page showing errors',
    async () => {
      const { page } = anonymous;
      await page.goto('/sign-in');
      const refused = await submit(page, 'Sign in');
      expect(refused.status()).toBe(400);
      expect((await errorsShown(page)).links).toEqual([
        { text: 'Enter your email address', href: '#email' },
        { text: 'Enter your password', href: '#password' },
      ]);
      await expectAccessible(page, 'sign-in with errors');
      await screenshot(page, '07-sign-in-errors');
    },
    STEPS,
  );
});

describe('reading', () => {
  it(
    'my actions',
    async () => {
      const page = await visit('/my-actions');
      expect(await heading(page)).toBe('My actions');
      expect(await page.locator('.govuk-generic-header').innerText()).toBe(TEST_COUNCIL_NAME);
      expect(await page.locator('.govuk-warning-text').innerText()).toContain('1 action is overdue.');
      const cells = (row: number) => page.locator('tbody tr').nth(row).locator('td').allInnerTexts();
      expect(await page.locator('tbody tr').count()).toBe(4);
      expect((await cells(0))[0]).toMatch(/^A1\.3 /); // overdue first
      expect((await cells(0))[4]).toMatch(/Overdue/);
      // Two actions called A1.1, told apart by their pledge and strategy.
      expect((await cells(2)).slice(0, 2)).toEqual([
        'A1.1 A volunteering portal',
        'P1 Grow volunteering\nVolunteering strategy',
      ]);
      expect((await cells(3)).slice(0, 2)).toEqual([
        'A1.1 Mechanisms for more effective communication with the sector',
        'P1 Communicate better\nVCSE engagement strategy',
      ]);
      // The completed action: its status, and no RAG of its own any more.
      expect((await cells(1)).slice(2, 4)).toEqual(['Completed', 'No longer rated']);
      await expectAccessible(page, 'my actions');
      await screenshot(page, '02-my-actions');
    },
    STEPS,
  );

  it(
    'the list of strategies',
    async () => {
      const page = await visit('/strategies');
      expect(await heading(page)).toBe('Strategies');
      expect(await page.locator('tbody tr').first().innerText()).toContain('VCSE engagement strategy');
      await expectAccessible(page, 'strategies');
      await screenshot(page, '08-strategies');
    },
    STEPS,
  );

  it(
    "a strategy's overview, with its chart and the chart as a table",
    async () => {
      const page = await visit(`/strategies/${ids.strategy}`);
      expect(await page.locator('svg.app-chart').getAttribute('role')).toBe('img');
      await page.getByText('The chart as a table').click();
      await page.getByText('The chart as a table').blur(); // no focus ring in the screenshot
      const table = page.locator('.govuk-details table');
      // Red, amber, green, no RAG yet, open: A1.2's last RAG, amber, is not counted now it is completed.
      expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^Communication\s+0\s+0\s+1\s+1\s+2$/),
        expect.stringMatching(/^Funding\s+0\s+1\s+0\s+0\s+1$/),
      ]);
      expect(await page.locator('#rag-counts-open-only').innerText()).toContain(
        'count open actions only. Completed, cancelled and deferred actions take no more updates',
      );
      const summary = page.locator('.govuk-summary-list').first();
      expect(await summary.innerText()).toMatch(/Actions\s+4 \(3 open\)/);
      expect(await summary.innerText()).toMatch(/Open and off track \(red\) \/ at risk \(amber\)\s+0 \/ 1/);
      const completed = page.locator('tbody tr', { hasText: 'A1.2 ' });
      expect((await completed.locator('td').allInnerTexts()).slice(2, 4)).toEqual([
        'Completed',
        'No longer rated',
      ]);
      await expectAccessible(page, 'strategy overview');
      await screenshot(page, '03-strategy-overview');
    },
    STEPS,
  );

  it(
    "a strategy's overview with filters applied",
    async () => {
      const page = await visit(`/strategies/${ids.strategy}`);
      await page.locator('#themeId').selectOption({ label: 'Communication' });
      await page.locator('#status').selectOption({ label: 'On track' });
      await page.locator('#rag').selectOption({ label: 'Green' });
      await page.locator('#leadOfficerId').selectOption({ label: t.people.lead.name });
      await page.locator('#date-day').fill('30');
      await page.locator('#date-month').fill('6');
      await page.locator('#date-year').fill('2024');
      await nextPage(page, () => page.getByRole('button', { name: 'Apply filters' }).click());
      const query = new URL(page.url()).searchParams;
      expect(Object.fromEntries(query)).toMatchObject({
        status: 'on-track',
        rag: 'green',
        leadOfficerId: t.people.lead.id,
        'date-day': '30',
        'date-month': '6',
        'date-year': '2024',
      });
      expect(await page.locator('#rag').inputValue()).toBe('green');
      const shown = await page.locator('main tbody a[href^="/actions/"]').allInnerTexts();
      expect(shown).toEqual([expect.stringMatching(/^A1\.1 /)]);
      expect(await page.getByRole('link', { name: 'Clear filters' }).count()).toBe(1);
      await expectAccessible(page, 'strategy overview, filtered');
      await screenshot(page, '09-strategy-overview-filtered');
    },
    STEPS,
  );

  it(
    "a strategy's overview refusing an impossible date, with the GOV.UK error summary",
    async () => {
      const page = await visit(`/strategies/${ids.strategy}`);
      await page.locator('#date-day').fill('30');
      await page.locator('#date-month').fill('2');
      await page.locator('#date-year').fill('2024');
      const refused = page.waitForResponse((response) => response.request().isNavigationRequest());
      await nextPage(page, () => page.getByRole('button', { name: 'Apply filters' }).click());
      expect((await refused).status()).toBe(400);
      expect(await errorsShown(page)).toEqual({
        title: 'There is a problem',
        links: [{ text: 'The date to count overdue actions on must be a real date', href: '#date-day' }],
        inline: ['The date to count overdue actions on must be a real date'],
      });
      // What was typed stays, to be corrected; the counts are today's meanwhile.
      expect(await page.locator('#date-day').inputValue()).toBe('30');
      expect(await page.locator('#date-month').inputValue()).toBe('2');
      expect(await page.locator('.govuk-summary-list').first().innerText()).toContain(
        'Overdue on 30 June 2024',
      );
      await expectAccessible(page, 'strategy overview, an impossible date');
      await screenshot(page, '28-strategy-overview-date-error');

      // The same for a link that carries the date itself, and for "as known at" a day to come.
      const linked = await page.goto(`/strategies/${ids.strategy}?date=2024-02-30`);
      expect(linked?.status()).toBe(400);
      expect((await errorsShown(page)).links).toEqual([
        { text: 'The date to count overdue actions on must be a real date', href: '#date-day' },
      ]);
      const scrutiny = await openAs(browser, t, await sessionOf(browser, t, t.people.scrutiny));
      try {
        const ahead = await scrutiny.page.goto(
          `/strategies/${ids.strategy}?knownAt-day=1&knownAt-month=7&knownAt-year=2024`,
        );
        expect(ahead?.status()).toBe(400);
        expect((await errorsShown(scrutiny.page)).links).toEqual([
          { text: 'The date it was known at must be today or earlier', href: '#knownAt-day' },
        ]);
      } finally {
        await scrutiny.context.close();
      }
    },
    STEPS,
  );
});

describe('changing an action', () => {
  it(
    'the action page, as its lead officer, with the edit controls',
    async () => {
      const page = await visit(`/actions/${ids.open}`);
      expect(await heading(page)).toContain('A1.1');
      const controls = {
        'Log an update': 'update',
        'Revise the due date': 'due-date',
        'Mark as completed': 'complete',
        Defer: 'defer',
        Cancel: 'cancel',
      };
      for (const [name, form] of Object.entries(controls)) {
        const control = page.getByText(name, { exact: true });
        expect({ name, href: await control.getAttribute('href') }).toEqual({
          name,
          href: `/actions/${ids.open}/${form}`,
        });
      }
      // Baseline against current due date, and the update logged before.
      expect(await page.locator('.govuk-summary-list').first().innerText()).toMatch(
        /Baseline due date\s+31 December 2024[\s\S]*Current due date\s+31 March 2025\s+Slipped/,
      );
      expect(await page.locator('.app-timeline').innerText()).toContain(
        'The first forum met; 42 organisations attended.',
      );
      await expectAccessible(page, 'action (lead officer)');
      await screenshot(page, '04-action');
    },
    STEPS,
  );

  it(
    'the "Log an update" form',
    async () => {
      const page = await visit(`/actions/${ids.open}/update`);
      expect(await heading(page)).toBe('Log an update');
      await expectAccessible(page, 'log an update');
      await screenshot(page, '06-log-update');
    },
    STEPS,
  );

  it(
    'the "Log an update" form showing errors',
    async () => {
      const page = await visit(`/actions/${ids.open}/update`);
      await page.locator('#effectiveOn-day').fill('31');
      await page.locator('#effectiveOn-month').fill('2');
      await page.locator('#percentComplete').fill('150');
      const refused = await submit(page, 'Log update');
      expect(refused.status()).toBe(422);
      // In any order: the summary now lists the date first although it is the fourth field on the
      // page; GOV.UK asks for page order (action-pages.controller.ts pushes date problems first).
      const { links } = await errorsShown(page);
      expect(links).toHaveLength(4);
      expect(links).toEqual(
        expect.arrayContaining([
          { text: 'Enter what has happened', href: '#narrative' },
          { text: 'Select a RAG status', href: '#rag' },
          { text: 'Percent complete must be a whole number from 0 to 100', href: '#percentComplete' },
          { text: 'The date of this update must be a real date', href: '#effectiveOn-day' },
        ]),
      );
      await expectAccessible(page, 'log an update, with errors');
      await screenshot(page, '05-log-update-errors');
    },
    STEPS,
  );

  it(
    'the "Revise the due date" form',
    async () => {
      const page = await visit(`/actions/${ids.open}/due-date`);
      expect(await heading(page)).toBe('Revise the due date');
      await expectAccessible(page, 'revise the due date');
      await screenshot(page, '10-revise-due-date');
    },
    STEPS,
  );

  it(
    'the "Mark as completed" form',
    async () => {
      const page = await visit(`/actions/${ids.open}/complete`);
      expect(await heading(page)).toBe('Mark as completed');
      await expectAccessible(page, 'mark as completed');
      await screenshot(page, '11-mark-as-completed');
    },
    STEPS,
  );

  it(
    'the "Cancel this action" form',
    async () => {
      const page = await visit(`/actions/${ids.open}/cancel`);
      expect(await heading(page)).toBe('Cancel this action');
      await expectAccessible(page, 'cancel');
      await screenshot(page, '12-cancel');
    },
    STEPS,
  );

  it(
    'the "Defer this action" form',
    async () => {
      const page = await visit(`/actions/${ids.open}/defer`);
      expect(await heading(page)).toBe('Defer this action');
      await expectAccessible(page, 'defer');
      await screenshot(page, '13-defer');
    },
    STEPS,
  );

  it(
    'a completed action, and the "Reopen this action" form',
    async () => {
      const page = await visit(`/actions/${ids.closed}`);
      expect(await page.locator('main p .govuk-tag').allInnerTexts()).toEqual(['Completed']); // no "RAG: Amber"
      expect(
        await page.locator('.govuk-summary-list__row', { hasText: 'Last RAG' }).locator('dd').innerText(),
      ).toBe('Amber when it was completed, and not rated since');
      expect(await page.locator('.app-timeline').innerText()).toContain('Update: Amber, 80% complete');
      expect(await page.getByText('Log an update', { exact: true }).count()).toBe(0);
      const reopen = page.getByText('Reopen this action', { exact: true });
      expect(await reopen.getAttribute('href')).toBe(`/actions/${ids.closed}/reopen`);
      expect(await reopen.getAttribute('class')).toContain('govuk-button--secondary');
      await expectAccessible(page, 'action (completed)');
      await screenshot(page, '19-action-completed');

      await visit(`/actions/${ids.closed}/reopen`);
      expect(await heading(page)).toBe('Reopen this action');
      await expectAccessible(page, 'reopen');
      await screenshot(page, '14-reopen');
    },
    STEPS,
  );
});

// Last, once every test above has opened its pages.
describe('titles', () => {
  it('every page the tests above opened has a title of its own, naming the council', () => {
    expectEveryPageTitled();
  });
});
