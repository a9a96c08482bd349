import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { planOneAction, startTestApp, type TestApp } from '../support/test-app.js';
import {
  csrfTokenOf,
  errorsShown,
  eventTypes,
  expectAccessible,
  expectEveryPageTitled,
  follow,
  openAs,
  openBrowserContext,
  sessionOf,
  settled,
  type Session,
  signedIn,
  submit,
  submitSignIn,
  STARTING,
  STEPS,
} from './helpers.js';

let t: TestApp;
let browser: Browser;
/** Each person signs in once, through the sign-in page; the tests reuse their sessions. */
const sessions = {} as Record<'lead' | 'admin' | 'scrutiny', Session>;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  [sessions.lead, sessions.admin, sessions.scrutiny] = await Promise.all([
    sessionOf(browser, t, t.people.lead),
    sessionOf(browser, t, t.people.admin),
    sessionOf(browser, t, t.people.scrutiny),
  ]);
}, STARTING);
afterAll(async () => {
  await browser?.close();
  await t?.close();
}, STARTING);

/** A fresh action, led by the lead officer, that the pages already show. */
async function freshAction(reference: string) {
  const planned = await planOneAction(t, { reference });
  await settled(t, planned.created);
  return planned;
}

const path = (page: Page) => new URL(page.url()).pathname;
const successBanner = (page: Page) => page.locator('.govuk-notification-banner--success');
const newestEntry = (page: Page) => page.locator('.app-timeline__entry').first();

describe('an officer logs progress on an action they lead', () => {
  it(
    'is shown what is wrong, corrects it, and finds the update in the timeline; the refused form recorded nothing',
    async () => {
      const { actionId } = await freshAction('A1.1');
      const { context, page } = await openAs(browser, t, sessions.lead);
      try {
        await page.goto('/');
        expect(path(page)).toBe('/my-actions'); // where an officer starts
        await follow(page, /^A1\.1 Mechanisms/);
        expect(path(page)).toBe(`/actions/${actionId}`);
        expect(await page.locator('h1').innerText()).toContain(
          'A1.1 Mechanisms for more effective communication',
        );

        await follow(page, 'Log an update');
        expect(path(page)).toBe(`/actions/${actionId}/update`);
        expect(await page.locator('h1').innerText()).toBe('Log an update');
        // The date defaults to today, the app's 30 June 2024.
        expect(await page.locator('#effectiveOn-day').inputValue()).toBe('30');
        expect(await page.locator('#effectiveOn-month').inputValue()).toBe('6');
        expect(await page.locator('#effectiveOn-year').inputValue()).toBe('2024');

        // A mistake: no narrative, and 150 percent.
        await page.getByRole('radio', { name: 'Green – on track' }).check();
        await page.locator('#percentComplete').fill('150');
        const refused = await submit(page, 'Log update');
        expect(refused.status()).toBe(422);
        const shown = await errorsShown(page);
        expect(shown.title).toBe('There is a problem');
        expect(shown.links).toEqual([
          { text: 'Enter what has happened', href: '#narrative' },
          { text: 'Percent complete must be a whole number from 0 to 100', href: '#percentComplete' },
        ]);
        expect(shown.inline).toEqual([
          'Enter what has happened',
          'Percent complete must be a whole number from 0 to 100',
        ]);
        expect(await page.title()).toMatch(/^Error: Log an update/);
        // What was typed stays, and the summary's links lead to the fields.
        expect(await page.locator('#percentComplete').inputValue()).toBe('150');
        expect(await page.getByRole('radio', { name: 'Green – on track' }).isChecked()).toBe(true);
        await page
          .locator('.govuk-error-summary')
          .getByRole('link', { name: 'Enter what has happened' })
          .click();
        await page.waitForFunction("document.activeElement?.id === 'narrative'"); // focus moved to the field
        expect(await eventTypes(t, actionId)).toEqual(['ActionPlanned']); // nothing recorded

        await page.locator('#narrative').fill('Forum met; 42 organisations attended.');
        await page.locator('#percentComplete').fill('30');
        const accepted = await submit(page, 'Log update');
        expect(accepted.status()).toBe(303);
        expect(path(page)).toBe(`/actions/${actionId}`);
        expect(await successBanner(page).innerText()).toContain('Your update has been logged');
        const entry = newestEntry(page);
        expect(await entry.innerText()).toContain('Update: Green, 30% complete');
        expect(await entry.innerText()).toContain('Forum met; 42 organisations attended.');
        expect(await entry.innerText()).toContain('Olu Officer (officer)');
        await screenshot(page, '15-action-after-update');
      } finally {
        await context.close();
      }

      // The refused submission recorded nothing: one update, the accepted one.
      const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, { as: t.people.lead });
      const updates = timeline.body.filter(
        (entry: { eventType: string }) => entry.eventType === 'ActionProgressLogged',
      );
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        actorId: t.people.lead.id,
        details: { narrative: 'Forum met; 42 organisations attended.', rag: 'green', percentComplete: 30 },
      });
    },
    STEPS,
  );
});

describe('a scrutiny member reads but cannot change', () => {
  it(
    'sees the overview and the action with no edit controls, and a forged form post is refused',
    async () => {
      const { strategyId, actionId } = await freshAction('A1.2');
      const { context, page } = await openAs(browser, t, sessions.scrutiny);
      try {
        await page.goto(`/strategies/${strategyId}`);
        expect(await page.locator('h1').innerText()).toBe('VCSE engagement strategy');
        const chart = page.locator('svg.app-chart');
        expect(await chart.getAttribute('role')).toBe('img');
        expect(await chart.locator('> title').textContent()).toBe('Open actions by RAG status in each theme');
        expect(await chart.locator('> desc').textContent()).toBe(
          'Communication: 0 red, 0 amber, 0 green, 1 no rag yet.',
        );
        expect(
          await page.locator('.govuk-summary-list__row', { hasText: 'Actions' }).first().innerText(),
        ).toMatch(/Actions\s+1/);
        // No link to the admin pages for a scrutiny member.
        expect(await page.getByRole('link', { name: 'Manage' }).count()).toBe(0);

        await follow(page, /^A1\.2 Mechanisms/);
        expect(path(page)).toBe(`/actions/${actionId}`);
        expect(await page.locator('h1').innerText()).toContain('A1.2');
        for (const control of [
          'Log an update',
          'Revise the due date',
          'Mark as completed',
          'Defer',
          'Cancel',
        ]) {
          expect({ control, shown: await page.getByText(control, { exact: true }).count() }).toEqual({
            control,
            shown: 0,
          });
        }
        expect(await page.locator('main form').count()).toBe(0);
        await screenshot(page, '16-action-read-only');

        // Opening a form's address directly is refused too.
        const direct = await page.goto(`/actions/${actionId}/update`);
        expect(direct?.status()).toBe(403);
        await page.goBack();

        // A forgery with the session's own CSRF token: authenticated, but not allowed.
        const csrf = await csrfTokenOf(page);
        const form = {
          version: '1',
          narrative: 'Forged by scrutiny',
          rag: 'green',
          percentComplete: '50',
          'effectiveOn-day': '30',
          'effectiveOn-month': '6',
          'effectiveOn-year': '2024',
        };
        const forged = await page.request.post(`${t.base}/actions/${actionId}/update`, {
          form: { ...form, _csrf: csrf },
          headers: { accept: 'text/html' },
        });
        expect(forged.status()).toBe(403);
        expect(await forged.text()).toContain(
          'Only the lead officer of this action or an admin can change it',
        );

        // Without the token the form is refused before anyone looks at who sent it.
        const tokenless = await page.request.post(`${t.base}/actions/${actionId}/update`, {
          form,
          headers: { accept: 'text/html' },
        });
        expect(tokenless.status()).toBe(403);
        expect(await tokenless.text()).toContain('This form has expired');
      } finally {
        await context.close();
      }
      expect(await eventTypes(t, actionId)).toEqual(['ActionPlanned']);
    },
    STEPS,
  );
});

describe('a closed strategy', () => {
  it(
    'shows its actions to their lead with no edit controls, says why, and will not open their forms',
    async () => {
      const { strategyId, pledgeId, actionId } = await freshAction('A1.7');
      for (const [step, body] of [
        ['adopt', { adoptedOn: '2023-11-14' }],
        ['close', { reason: 'Superseded by the 2027 strategy' }],
      ] as const) {
        const reply = await t.call('POST', `/api/v1/strategies/${strategyId}/${step}`, {
          as: t.people.admin,
          body,
        });
        expect(reply.status).toBe(200);
        await settled(t, reply);
      }
      const { context, page } = await openAs(browser, t, sessions.lead);
      try {
        await page.goto(`/actions/${actionId}`);
        await expect(page.locator('.govuk-inset-text').innerText()).resolves.toContain(
          'The strategy this action belongs to is closed',
        );
        expect(await page.getByRole('button', { name: 'Log an update' }).count()).toBe(0);
        const refused = await page.goto(`/actions/${actionId}/update`);
        expect(refused?.status()).toBe(422);
        await expect(page.locator('main').innerText()).resolves.toContain(
          'This strategy is closed and takes no further changes',
        );
        await expectAccessible(page, 'action of a closed strategy');
      } finally {
        await context.close();
      }
      const admin = await openAs(browser, t, sessions.admin);
      try {
        await admin.page.goto(`/admin/pledges/${pledgeId}`);
        await expect(admin.page.locator('.govuk-inset-text').innerText()).resolves.toContain(
          'The strategy this pledge belongs to is closed',
        );
        expect(await admin.page.getByRole('button', { name: 'Plan an action' }).count()).toBe(0);
        expect((await admin.page.goto(`/admin/pledges/${pledgeId}/withdraw`))?.status()).toBe(422);
        expect((await admin.page.goto(`/admin/strategies/${strategyId}/theme`))?.status()).toBe(422);
        expect((await admin.page.goto(`/admin/actions/${actionId}/lead`))?.status()).toBe(422);
      } finally {
        await admin.context.close();
      }
      // Someone who could never change the action is told that first, closed strategy or not.
      const scrutiny = await openAs(browser, t, sessions.scrutiny);
      try {
        expect((await scrutiny.page.goto(`/actions/${actionId}/update`))?.status()).toBe(403);
      } finally {
        await scrutiny.context.close();
      }
    },
    STEPS,
  );
});

describe('two people change the same action at once', () => {
  it(
    'tells the later one it changed, shows the latest state, keeps what they typed, and accepts it sent again',
    async () => {
      const { actionId } = await freshAction('A1.3');
      const [officer, admin] = await Promise.all([
        openAs(browser, t, sessions.lead),
        openAs(browser, t, sessions.admin),
      ]);
      try {
        await Promise.all([
          officer.page.goto(`/actions/${actionId}/update`),
          admin.page.goto(`/actions/${actionId}/update`),
        ]);

        await admin.page.locator('#narrative').fill('Admin: the forum date is confirmed for July.');
        await admin.page.getByRole('radio', { name: 'Green – on track' }).check();
        await admin.page.locator('#percentComplete').fill('40');
        expect((await submit(admin.page, 'Log update')).status()).toBe(303);
        expect(await successBanner(admin.page).innerText()).toContain('Your update has been logged');

        const mine = 'Officer: the first bulletin went to 300 groups.';
        await officer.page.locator('#narrative').fill(mine);
        await officer.page.getByRole('radio', { name: 'Green – on track' }).check();
        await officer.page.locator('#percentComplete').fill('45');
        const stale = await submit(officer.page, 'Log update');
        expect(stale.status()).toBe(409);
        const page = officer.page;
        expect(path(page)).toBe(`/actions/${actionId}/update`);
        expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
          'This action changed since you opened it.',
        );
        // The latest state: the admin's update, shown above the form.
        const latest = page.locator('.govuk-summary-list__row', { hasText: 'Latest update' });
        expect(await latest.innerText()).toContain('Admin: the forum date is confirmed for July.');
        expect(
          await page.locator('.govuk-summary-list__row', { hasText: 'Percent complete' }).first().innerText(),
        ).toContain('40%');
        // What the officer typed is all still there, and no field is marked wrong.
        expect(await page.locator('#narrative').inputValue()).toBe(mine);
        expect(await page.locator('#percentComplete').inputValue()).toBe('45');
        expect(await page.getByRole('radio', { name: 'Green – on track' }).isChecked()).toBe(true);
        expect(await page.locator('.govuk-error-message').count()).toBe(0);
        expect(await page.locator('input[name="version"]').inputValue()).toBe('2');
        await expectAccessible(page, 'log an update: changed since opened (409)');
        await screenshot(page, '17-log-update-changed-meanwhile');

        expect((await submit(page, 'Log update')).status()).toBe(303);
        expect(path(page)).toBe(`/actions/${actionId}`);
        expect(await successBanner(page).innerText()).toContain('Your update has been logged');
        const entries = page.locator('.app-timeline__entry');
        expect(await entries.nth(0).innerText()).toContain(mine);
        expect(await entries.nth(0).innerText()).toContain('Olu Officer (officer)');
        expect(await entries.nth(1).innerText()).toContain('Admin: the forum date is confirmed for July.');
        expect(await entries.nth(1).innerText()).toContain('Ada Admin (admin)');
      } finally {
        await Promise.all([officer.context.close(), admin.context.close()]);
      }
      expect(await eventTypes(t, actionId)).toEqual([
        'ActionPlanned',
        'ActionProgressLogged',
        'ActionProgressLogged',
      ]);
    },
    STEPS,
  );
});

describe('signing in and out', () => {
  it(
    'after signing out, the pages send you to sign in again',
    async () => {
      const { context, page } = await signedIn(browser, t, t.people.lead);
      const cookies = await context.cookies();
      try {
        const out = await submit(page, 'Sign out');
        expect(out.status()).toBe(303);
        expect(path(page)).toBe('/sign-in');
        expect(await successBanner(page).innerText()).toContain('You have signed out.');
        expect(await page.locator('form.app-sign-out').count()).toBe(0);

        const again = await page.goto('/my-actions');
        expect(again?.request().redirectedFrom()?.url()).toBe(`${t.base}/my-actions`);
        expect(path(page)).toBe('/sign-in');
        expect(new URL(page.url()).searchParams.get('next')).toBe('/my-actions');
        expect(await page.locator('h1').innerText()).toBe('Sign in');
      } finally {
        await context.close();
      }

      // The session ended on the server too: its old cookie, sent again, signs nobody in.
      const replay = await openBrowserContext(browser, t);
      try {
        await replay.context.addCookies(cookies);
        await replay.page.goto('/my-actions');
        expect(path(replay.page)).toBe('/sign-in');
      } finally {
        await replay.context.close();
      }
    },
    STEPS,
  );

  it(
    'a wrong password is refused with a message, and does not sign in',
    async () => {
      const { context, page } = await openBrowserContext(browser, t);
      try {
        await page.goto('/my-actions');
        expect(path(page)).toBe('/sign-in');
        const refused = await submitSignIn(page, t.people.lead.email, 'not-the-password');
        expect(refused.status()).toBe(401);
        expect(path(page)).toBe('/sign-in');
        const shown = await errorsShown(page);
        expect(shown.title).toBe('There is a problem');
        expect(shown.links).toEqual([{ text: 'The email address or password is not right', href: '#email' }]);
        expect(await page.locator('#email').inputValue()).toBe(t.people.lead.email);
        expect(await page.locator('#password').inputValue()).toBe(''); // a password is never sent back
        expect(await page.locator('form.app-sign-out').count()).toBe(0);

        await page.goto('/my-actions');
        expect(path(page)).toBe('/sign-in');
      } finally {
        await context.close();
      }
    },
    STEPS,
  );

  it(
    'after five wrong passwords for one email, even the right one is refused for a while',
    async () => {
      const person = t.people.auditor;
      const { context, page } = await openBrowserContext(browser, t);
      try {
        await page.goto('/sign-in');
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          const wrong = await submitSignIn(page, person.email, `wrong-${attempt}`);
          expect({ attempt, status: wrong.status() }).toEqual({ attempt, status: 401 });
        }
        const sixth = await submitSignIn(page, person.email, person.password);
        expect(sixth.status()).toBe(429);
        expect(await sixth.headerValue('retry-after')).toBe('900');
        const shown = await errorsShown(page);
        expect(shown.links).toEqual([
          { text: 'Too many failed sign-ins. Try again in 15 minutes.', href: '#email' },
        ]);
        expect(await page.locator('.govuk-error-message').innerText()).toContain('Too many failed sign-ins');
        await screenshot(page, '18-sign-in-throttled');
        await page.goto('/strategies');
        expect(path(page)).toBe('/sign-in');

        // Someone else, from the same place, can still sign in.
        const other = await submitSignIn(page, t.people.scrutiny.email, t.people.scrutiny.password);
        expect(other.status()).toBe(303);
        expect(await page.locator('.app-sign-out').innerText()).toContain(t.people.scrutiny.name);
      } finally {
        await context.close();
      }
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
