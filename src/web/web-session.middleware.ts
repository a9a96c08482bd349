import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { NavigationEntry } from '../common/contexts/bounded-context.js';
import { ContextRegistry } from '../common/contexts/context-registry.js';
import type { Role } from '../common/domain/actor.js';
import { SessionsService } from '../identity/sessions.service.js';
import { AUDIT_ROLES } from './audit-pages.controller.js';
import { SESSION_COOKIE, type WebRequest, type WebResponse } from './web-request.js';

// Any case: `/API/V1/…` is no route (routes are case-sensitive), and must be answered as the API's.
const NOT_PAGES = /^\/(api|health|assets|govuk|public)(\/|$)/i;
const OPEN_PAGES = new Set(['/sign-in']);

export function readCookie(request: WebRequest, name: string): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // not percent-encoded as any cookie of ours is: no session
    }
  }
  return undefined;
}

export function setSessionCookie(request: WebRequest, response: WebResponse, token: string | null): void {
  response.cookie(SESSION_COOKIE, token ?? '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure, // behind TLS (with trust proxy set) the cookie never travels in clear
    path: '/',
    ...(token ? { maxAge: 8 * 3600 * 1000 } : { maxAge: 0 }),
  });
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * For the pages: finds the session from its cookie, refuses any form post without the session's
 * CSRF token, and sends anyone not signed in to the sign-in page.
 */
@Injectable()
export class WebSessionMiddleware implements NestMiddleware {
  constructor(
    private readonly sessions: SessionsService,
    private readonly registry: ContextRegistry,
  ) {}

  async use(request: WebRequest, response: WebResponse, next: NextFunction): Promise<void> {
    // Mounted by Nest under a wildcard, request.path is relative to the mount: take the full path.
    const path = new URL(request.originalUrl, 'http://localhost').pathname;
    if (NOT_PAGES.test(path)) return next();
    try {
      let session = await this.sessions.find(readCookie(request, SESSION_COOKIE));
      if (!session && OPEN_PAGES.has(path)) {
        session = await this.sessions.start();
        setSessionCookie(request, response, session.token);
      }
      request.webSession = session;
      request.actor = session?.actor;
      request.client = 'ui';
      Object.assign(response.locals, {
        actor: session?.actor,
        csrfToken: session?.csrfToken,
        navigation: this.navigation(request, path),
      });

      if (
        request.method !== 'GET' &&
        request.method !== 'HEAD' &&
        (!session || !sameToken(request.body?._csrf, session.csrfToken))
      ) {
        response.status(403).render('error.njk', {
          title: 'This form has expired',
          detail: 'For your security the form could not be sent. Go back, reload the page and try again.',
        });
        return;
      }
      if (!session?.actor && !OPEN_PAGES.has(path)) {
        response.redirect(303, `/sign-in?next=${encodeURIComponent(request.originalUrl)}`);
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  }

  /** The contexts' entries for the person's role, and the shell's own, in order. */
  private navigation(request: WebRequest, path: string) {
    const role = request.actor?.role;
    if (!role || role === 'system') return [];
    const entries = [
      ...this.registry.navigationFor(role),
      ...SHELL_NAVIGATION.filter((entry) => entry.roles.includes(role)),
    ];
    return entries
      .sort((a, b) => a.order - b.order)
      .map(({ href, text }) => ({ href, text, active: path.startsWith(href) }));
  }
}

const SHELL_NAVIGATION: readonly NavigationEntry[] = [
  { href: '/audit', text: 'Audit record', roles: AUDIT_ROLES as readonly Role[], order: 100 },
];
