import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { SessionsService } from '../identity/sessions.service.js';
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
  constructor(private readonly sessions: SessionsService) {}

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
        navigation: navigation(request, path),
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
}

function navigation(request: WebRequest, path: string) {
  const actor = request.actor;
  if (!actor) return [];
  const items = [
    { href: '/strategies', text: 'Strategies' },
    ...(actor.role === 'officer' || actor.role === 'admin'
      ? [{ href: '/my-actions', text: 'My actions' }]
      : []),
    ...(actor.role === 'admin' ? [{ href: '/admin', text: 'Manage' }] : []),
    ...(actor.role !== 'officer' ? [{ href: '/audit', text: 'Audit record' }] : []),
  ];
  return items.map((item) => ({ ...item, active: path.startsWith(item.href) }));
}
