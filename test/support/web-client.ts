import type { Person, Reply, TestApp } from './test-app.js';

/** A browser's side of the pages over plain HTTP: one session cookie and its CSRF token. */
export interface WebClient {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Reply<string>>;
  /** Posts a form; `fields` is sent as written (so a field can be sent twice, or with brackets). */
  post(path: string, fields: string, headers?: Record<string, string>): Promise<Reply<string>>;
}

const SESSION = /pledge_session=([^;]*)/;
const CSRF = /name="_csrf" value="([^"]+)"/;

/** A session that has not signed in, as the sign-in page starts one. */
export async function anonymousWebClient(t: TestApp): Promise<WebClient> {
  const page = await fetch(`${t.base}/sign-in`);
  const cookie = `pledge_session=${SESSION.exec(page.headers.get('set-cookie') ?? '')![1]}`;
  return webClient(t, cookie, CSRF.exec(await page.text())![1]);
}

/** A session signed in as `person` through the sign-in form. */
export async function signedInWebClient(t: TestApp, person: Person): Promise<WebClient> {
  const anonymous = await anonymousWebClient(t);
  const signedIn = await anonymous.post(
    '/sign-in',
    new URLSearchParams({ email: person.email, password: person.password }).toString(),
  );
  expect(signedIn.status).toBe(303);
  const cookie = `pledge_session=${SESSION.exec(signedIn.headers.get('set-cookie') ?? '')![1]}`;
  const page = await fetch(`${t.base}/strategies`, { headers: { cookie } });
  return webClient(t, cookie, CSRF.exec(await page.text())![1]);
}

function webClient(t: TestApp, cookie: string, csrf: string): WebClient {
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const response = await fetch(`${t.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'text/html', cookie, ...headers },
      body,
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return {
    cookie,
    csrf,
    get: (path, headers = {}) => send('GET', path, headers),
    post: (path, fields, headers = {}) =>
      send(
        'POST',
        path,
        { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        `_csrf=${encodeURIComponent(csrf)}&${fields}`,
      ),
  };
}

/** The entries of the GOV.UK error summary on a page: each link's target and its text. */
export function errorSummary(html: string): { href: string; text: string }[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(([, href, text]) => ({
    href,
    text: text.trim(),
  }));
}
