import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { TEST_COUNCIL_NAME, type Person, type Reply, type TestApp } from '../support/test-app.js';

/** Time for starting the app (the first file to start one migrates the template database). */
export const STARTING = 120_000;
/** Time for one test: a browser walking through a few pages. */
export const STEPS = 30_000;

/** Every page is looked at, and photographed, at the same size. */
export const VIEWPORT = { width: 1100, height: 900 };

/** What a page showed as it loaded: enough to judge its title. */
interface PageSeen {
  url: string;
  title: string;
  headings: string[];
  refused: boolean;
}

/** Every HTML page any browser context of this test file has loaded, in order. */
const pagesSeen: PageSeen[] = [];

/**
 * Has each page the context loads report its title and main headings as its DOM is ready. The
 * report is sent before the load event, so before any test can move the page on.
 */
async function recordPagesSeen(context: BrowserContext): Promise<BrowserContext> {
  await context.exposeBinding('reportPageSeen', (_, seen: PageSeen) => void pagesSeen.push(seen));
  // Runs in each page, as plain JavaScript (this file has no DOM types).
  await context.addInitScript(`
    document.addEventListener('DOMContentLoaded', () => {
      if (document.contentType !== 'text/html') return;
      window.reportPageSeen({
        url: location.href,
        title: document.title,
        headings: [...document.querySelectorAll('h1')].map((h1) => h1.textContent.replace(/\\s+/g, ' ').trim()),
        refused: document.querySelector('.govuk-error-summary') !== null,
      });
    });
  `);
  return context;
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every page the test file's browsers loaded had a title of its own, as GOV.UK asks: words
 * holding the page's one main heading, then the service, then the council; and "Error: " first
 * while it shows a refusal.
 */
export function expectEveryPageTitled(): void {
  expect(pagesSeen.length).toBeGreaterThan(0);
  for (const { url, title, headings, refused } of pagesSeen) {
    const where = new URL(url).pathname + new URL(url).search;
    expect({ where, headings: headings.length }).toEqual({ where, headings: 1 });
    expect({ where, heading: headings[0] }).toEqual({ where, heading: expect.stringMatching(/\S/) });
    const pattern = new RegExp(
      `^${refused ? 'Error: ' : ''}(?:[^–]+ )?${literally(headings[0])} – VCSE pledge tracker – ${literally(TEST_COUNCIL_NAME)}$`,
    );
    expect({ where, title }).toEqual({ where, title: expect.stringMatching(pattern) });
  }
}

/** A fresh browser context (its own cookies, so nobody is signed in) at the test app. */
export async function openBrowserContext(
  browser: Browser,
  t: TestApp,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await recordPagesSeen(await browser.newContext({ baseURL: t.base, viewport: VIEWPORT }));
  const page = await context.newPage();
  return { context, page };
}

/** Fills in the sign-in form and sends it; answers the response to the POST. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<Response> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  return submit(page, 'Sign in');
}

/** Signs `person` in through the sign-in page, in a context of their own. */
export async function signedIn(
  browser: Browser,
  t: TestApp,
  person: Person,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openBrowserContext(browser, t);
  await page.goto('/sign-in');
  const response = await submitSignIn(page, person.email, person.password);
  expect(response.status()).toBe(303); // accepted, and sent onwards
  expect(new URL(page.url()).pathname).not.toBe('/sign-in');
  expect(await page.locator('.app-sign-out').innerText()).toContain(person.name);
  return { context, page };
}

export type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs `person` in through the sign-in page once and answers the session's cookies, so that
 * tests can open pages as them without paying for the (deliberately slow) password check again.
 */
export async function sessionOf(browser: Browser, t: TestApp, person: Person): Promise<Session> {
  const { context } = await signedIn(browser, t, person);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** A new browser context, already signed in with a session from `sessionOf`. */
export async function openAs(
  browser: Browser,
  t: TestApp,
  session: Session,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await recordPagesSeen(
    await browser.newContext({ baseURL: t.base, viewport: VIEWPORT, storageState: session }),
  );
  return { context, page: await context.newPage() };
}

/** Resolves when the page's main frame has moved to a new document and that document has loaded. */
export async function nextPage(page: Page, act: () => Promise<void>): Promise<void> {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    act(),
  ]);
  await page.waitForLoadState('load');
}

/**
 * Presses a form's button and waits for the page the form's POST leads to; answers the POST's own
 * response (303 when it was accepted, or the status of the page shown again).
 */
export async function submit(page: Page, buttonName: string): Promise<Response> {
  const posted = page.waitForResponse(
    (candidate) => candidate.request().method() === 'POST' && candidate.request().isNavigationRequest(),
  );
  await nextPage(page, () => page.getByRole('button', { name: buttonName, exact: true }).click());
  return posted;
}

/** Follows a link, or a link styled as a button (role=button), and waits for the page it opens. */
export async function follow(page: Page, name: string | RegExp): Promise<void> {
  const target = page
    .getByRole('link', { name, exact: true })
    .or(page.getByRole('button', { name, exact: true }));
  await nextPage(page, () => target.click());
}

/** Waits until the read side has caught up with a command answered by the API. */
export async function settled(t: TestApp, reply: Reply): Promise<void> {
  expect(reply.body?.position).toEqual(expect.any(String));
  const read = await t.call('GET', '/api/v1/strategies', {
    as: t.people.admin,
    headers: { 'x-consistent-after': reply.body.position },
  });
  expect(read.status).toBe(200);
}

/** The types of the events on an action's timeline, oldest first, as the API tells them. */
export async function eventTypes(t: TestApp, actionId: string): Promise<string[]> {
  const timeline = await t.call('GET', `/api/v1/actions/${actionId}/timeline`, { as: t.people.lead });
  expect(timeline.status).toBe(200);
  return timeline.body.map((entry: { eventType: string }) => entry.eventType);
}

/** The session's CSRF token, as every form on a signed-in page carries it (here: the sign-out form). */
export async function csrfTokenOf(page: Page): Promise<string> {
  const token = await page.locator('form.app-sign-out input[name="_csrf"]').getAttribute('value');
  expect(token).toMatch(/^[\w-]{20,}$/);
  return token!;
}

/** The texts of the error summary's links with where they point, and the inline messages. */
export async function errorsShown(page: Page) {
  const summary = page.locator('.govuk-error-summary');
  const links = await summary
    .locator('.govuk-error-summary__list a')
    .evaluateAll((anchors) =>
      anchors.map((anchor) => ({ text: anchor.textContent!.trim(), href: anchor.getAttribute('href') })),
    );
  const inline = (await page.locator('.govuk-error-message').allInnerTexts()).map((text) =>
    // GOV.UK prefixes each inline message with a visually hidden "Error:".
    text.replace(/^Error:\s*/, '').trim(),
  );
  return { title: (await summary.locator('.govuk-error-summary__title').innerText()).trim(), links, inline };
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Lesser (moderate, minor) findings, by page, for whoever wants to read them (AXE_VERBOSE=1). */
export const lesserFindings: string[] = [];

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, naming each
 * one's rule, impact, help text and the first few elements it was found on.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Legacy mode runs axe in the page itself instead of gathering the results in a new blank page:
  // half the time, and the pages have no cross-origin frames that it would miss.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const explain = ({ id, impact, help, helpUrl, nodes }: (typeof results.violations)[number]) => {
    const targets = nodes.slice(0, 3).map((node) => node.target.join(' '));
    if (nodes.length > 3) targets.push(`and ${nodes.length - 3} more`);
    return `${id} [${impact}] ${help} — at ${targets.join(' | ')} (${helpUrl})`;
  };
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  lesserFindings.push(
    ...results.violations
      .filter((violation) => !serious.includes(violation))
      .map((violation) => `${where}: ${explain(violation)}`),
  );
  expect({ page: where, violations: serious.map(explain) }).toEqual({ page: where, violations: [] });
}
