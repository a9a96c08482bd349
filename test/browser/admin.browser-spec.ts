import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  errorsShown,
  expectAccessible,
  expectEveryPageTitled,
  follow,
  openAs,
  sessionOf,
  STARTING,
  STEPS,
  submit,
} from './helpers.js';

/**
 * An admin builds a strategy through the management pages, from nothing to an action its officer
 * can see; every page and its refusals are checked with axe and photographed.
 */

let t: TestApp;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  admin = await openAs(browser, t, await sessionOf(browser, t, t.people.admin));
}, STARTING);

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await t?.close();
});

async function summaryOf(page: Page): Promise<string[]> {
  return (await errorsShown(page)).links.map((link) => link.text);
}

async function fillDate(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`#${name}-day`).fill(day);
  await page.locator(`#${name}-month`).fill(month);
  await page.locator(`#${name}-year`).fill(year);
}

test(
  'an admin drafts a strategy, adds a theme, makes a pledge and plans an action, told plainly what is wrong on the way',
  async () => {
    const { page } = admin;
    await page.goto('/admin');
    await expectAccessible(page, 'manage strategies');
    await screenshot(page, '20-admin');

    await follow(page, 'Draft a strategy');
    expect((await submit(page, 'Draft strategy')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual(
      expect.arrayContaining([
        'Enter the title',
        'Enter the start of the period',
        'Enter the end of the period',
      ]),
    );
    await expectAccessible(page, 'draft a strategy, with errors');
    await screenshot(page, '21-admin-draft-strategy-errors');
    await page.locator('#title').fill('Community cohesion strategy');
    await fillDate(page, 'periodStart', '1', '4', '2024');
    await fillDate(page, 'periodEnd', '31', '3', '2027');
    // Entered after the fact: it was drafted in March.
    expect(await page.locator('#effectiveOn-day').inputValue()).toBe('30'); // today, to begin with
    await fillDate(page, 'effectiveOn', '1', '3', '2024');
    expect((await submit(page, 'Draft strategy')).status()).toBe(303);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'The strategy has been drafted',
    );
    await expectAccessible(page, 'a strategy to manage');

    await follow(page, 'Add a theme');
    await expectAccessible(page, 'add a theme');
    await page.locator('#title').fill('Neighbourhoods');
    await fillDate(page, 'effectiveOn', '29', '2', '2024');
    expect((await submit(page, 'Add theme')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual([
      'The strategy was drafted on 1 March 2024: a theme cannot be added to it on 29 February 2024',
    ]);
    await fillDate(page, 'effectiveOn', '1', '3', '2024');
    expect((await submit(page, 'Add theme')).status()).toBe(303);

    await follow(page, 'Make a pledge');
    expect((await submit(page, 'Make pledge')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual(
      expect.arrayContaining(['Choose the theme', 'Enter the title', 'Enter the lead']),
    );
    await expectAccessible(page, 'make a pledge, with errors');
    await screenshot(page, '22-admin-make-pledge-errors');
    await page.getByLabel('Neighbourhoods').check();
    await page.locator('#reference').fill('P1');
    await page.locator('#title').fill('Strong neighbourhood partnerships');
    await page.locator('#description').fill('Work with key groups in every ward.');
    await page.locator('#lead').fill('Assistant City Mayor for Neighbourhoods');
    await fillDate(page, 'effectiveOn', '1', '4', '2024');
    expect((await submit(page, 'Make pledge')).status()).toBe(303);
    expect(await page.locator('main').innerText()).toContain('P1 Strong neighbourhood partnerships');

    await follow(page, 'Adopt');
    await expectAccessible(page, 'adopt the strategy');
    await fillDate(page, 'adoptedOn', '30', '2', '2024');
    expect((await submit(page, 'Adopt strategy')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual(['The date of adoption must be a real date']);
    await fillDate(page, 'adoptedOn', '2', '4', '2024');
    expect((await submit(page, 'Adopt strategy')).status()).toBe(303);
    expect(await page.locator('.govuk-caption-l').innerText()).toContain('Adopted');

    await follow(page, 'P1 Strong neighbourhood partnerships');
    await expectAccessible(page, 'a pledge to manage');
    await follow(page, 'Plan an action');
    await page.locator('#reference').fill('A2.1');
    expect((await submit(page, 'Plan action')).status()).toBe(422);
    const planErrors = await summaryOf(page);
    expect(planErrors).toEqual(
      expect.arrayContaining(['Choose the lead officer', 'Enter the start date', 'Enter the due date']),
    );
    await expectAccessible(page, 'plan an action, with errors');
    await screenshot(page, '23-admin-plan-action-errors');
    await page.locator('#title').fill('Ward partnership in every ward');
    await page.locator('#description').fill('Agree a partnership with the key groups of each ward.');
    await page.locator('#leadOfficerId').selectOption({ label: `${t.people.lead.name} (officer)` });
    await page.locator('#partners').fill('Voluntary Action LeicesterShire | GB-CHC-1084520');
    await fillDate(page, 'startDate', '1', '5', '2024');
    await fillDate(page, 'dueDate', '31', '3', '2025');
    await fillDate(page, 'effectiveOn', '1', '3', '2024');
    expect((await submit(page, 'Plan action')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual(['Actions under pledge P1 are numbered A1.n']);
    await page.locator('#reference').fill('A1.1');
    expect((await submit(page, 'Plan action')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual([
      'Pledge P1 was made on 1 April 2024: an action under it cannot be planned on 1 March 2024',
    ]);
    await fillDate(page, 'effectiveOn', '15', '4', '2024');
    expect((await submit(page, 'Plan action')).status()).toBe(303);
    expect(await page.locator('h1').innerText()).toBe('A1.1 Ward partnership in every ward');
    // Its timeline says when it was planned, not only when that was entered.
    expect(await page.locator('.app-timeline__entry').first().innerText()).toMatch(
      /^Action planned\s*Effective 15 April 2024, recorded \d{1,2} \w+ \d{4}/,
    );
    expect(await page.locator('main').innerText()).toContain(
      'Voluntary Action LeicesterShire (GB-CHC-1084520)',
    );

    // The officer now leads it.
    const mine = await t.call('GET', '/api/v1/me/actions', { as: t.people.lead });
    expect(mine.body.map((action: { reference: string }) => action.reference)).toEqual(['A1.1']);

    await follow(page, 'Change the lead officer');
    await expectAccessible(page, 'change the lead officer');
    await page.locator('#leadOfficerId').selectOption({ label: `${t.people.otherOfficer.name} (officer)` });
    expect((await submit(page, 'Change lead officer')).status()).toBe(422);
    expect(await summaryOf(page)).toEqual(['Enter a reason']);
    await page.locator('#reason').fill('Olu has moved to the housing team');
    expect((await submit(page, 'Change lead officer')).status()).toBe(303);
    expect(await page.locator('main').innerText()).toContain(t.people.otherOfficer.name);

    // As effective at a day before the strategy was drafted, the overview says it did not exist yet.
    const [{ id: strategyId }] = (await t.call('GET', '/api/v1/strategies', { as: t.people.admin })).body;
    const before = await page.goto(`/strategies/${strategyId}?effectiveAt=2024-02-01`);
    expect(before?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('This strategy did not exist yet on 1 February 2024');
    expect(await page.locator('main').innerText()).toContain('it took effect on 1 March 2024');
    await expectAccessible(page, 'a strategy before it existed');
    await follow(page, 'See it as it stood on 1 March 2024, the day it took effect');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'You are looking at this strategy as it stood on 1 March 2024.',
    );
    // On 1 March it had been drafted and given its theme; the pledge came in April.
    expect(await page.locator('main').innerText()).toContain('Neighbourhoods');
    expect(await page.locator('main').innerText()).not.toContain('Strong neighbourhood partnerships');
    await expectAccessible(page, 'a strategy as effective at a past day');
  },
  STEPS * 4,
);

test(
  'nobody but an admin reaches the management pages',
  async () => {
    const officer = await openAs(browser, t, await sessionOf(browser, t, t.people.lead));
    try {
      const response = await officer.page.goto('/admin');
      expect(response?.status()).toBe(403);
      expect(await officer.page.locator('h1').innerText()).toBe('Not allowed');
    } finally {
      await officer.context.close();
    }
  },
  STEPS * 2,
);

// Last, once every test above has opened its pages.
describe('titles', () => {
  it('every page the tests above opened has a title of its own, naming the council', () => {
    expectEveryPageTitled();
  });
});
