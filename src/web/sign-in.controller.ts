import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../identity/auth.guard.js';
import { SessionsService, SignInThrottled } from '../identity/sessions.service.js';
import { formProblems, summaryOf, type FormBody } from './forms.js';
import { setSessionCookie } from './web-session.middleware.js';
import type { WebRequest, WebResponse } from './web-request.js';

/** Only same-site paths: a sign-in link must not send people elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) && !next.startsWith('/sign-')
    ? next
    : '/';
}

@ApiExcludeController()
@Public()
@Controller()
export class SignInController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('sign-in')
  form(@Req() request: WebRequest, @Res() response: WebResponse, @Query('next') next?: string) {
    if (request.actor) return response.redirect(303, safeNext(next));
    response.render('sign-in.njk', {
      title: 'Sign in',
      next: safeNext(next),
      values: {},
      signedOut: request.query.signedOut === '1',
    });
  }

  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Req() request: WebRequest, @Res() response: WebResponse, @Body() body: FormBody) {
    const malformed = formProblems(body);
    if (malformed.length) {
      const { errors, byField } = summaryOf(malformed);
      return response
        .status(400)
        .render('sign-in.njk', { title: 'Sign in', next: '/', values: {}, errors, byField });
    }
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const next = safeNext(body.next);
    const errors = [
      ...(!email ? [{ text: 'Enter your email address', href: '#email' }] : []),
      ...(!password ? [{ text: 'Enter your password', href: '#password' }] : []),
    ];
    if (errors.length) {
      return response.status(400).render('sign-in.njk', {
        title: 'Sign in',
        next,
        values: { email },
        errors,
        byField: fieldsOf(errors),
      });
    }
    try {
      const session = await this.sessions.signIn(
        email,
        password,
        request.ip ?? 'unknown',
        request.webSession?.token,
      );
      if (!session) {
        const wrong = [{ text: 'The email address or password is not right', href: '#email' }];
        return response.status(401).render('sign-in.njk', {
          title: 'Sign in',
          next,
          values: { email },
          errors: wrong,
          byField: fieldsOf(wrong),
        });
      }
      setSessionCookie(request, response, session.token);
      return response.redirect(303, next);
    } catch (error) {
      if (!(error instanceof SignInThrottled)) throw error;
      const throttled = [{ text: error.message, href: '#email' }];
      response.setHeader('Retry-After', String(error.retryAfterMinutes * 60));
      return response.status(429).render('sign-in.njk', {
        title: 'Sign in',
        next,
        values: { email },
        errors: throttled,
        byField: fieldsOf(throttled),
      });
    }
  }

  @Post('sign-out')
  async signOut(@Req() request: WebRequest, @Res() response: WebResponse) {
    await this.sessions.end(request.webSession?.token);
    setSessionCookie(request, response, null);
    response.redirect(303, '/sign-in?signedOut=1');
  }
}

function fieldsOf(errors: { text: string; href: string }[]) {
  return Object.fromEntries(errors.map((error) => [error.href.slice(1), { text: error.text }]));
}
