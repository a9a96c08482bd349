import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { ContextRegistry } from '../common/contexts/context-registry.js';
import { ContextRegistrationError } from '../common/contexts/context-registry.js';
import { installFilters } from './filters.js';

/** The folder holding package.json, found from this file whether it runs from src/ or dist/src/. */
function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === dirname(dir)) throw new Error('package.json not found above the web module');
  }
}

/**
 * Server-rendered pages: GOV.UK Frontend's Nunjucks templates and assets, a strict content
 * security policy with a nonce for the one inline script the GOV.UK template needs. Every page's
 * header, title and footer name `councilName`. The shell's templates (layout, sign-in, errors, the
 * audit pages) are looked up first, then each context's, then GOV.UK Frontend's.
 */
export function configureViews(nest: INestApplication, councilName: string, registry: ContextRegistry): void {
  const app = nest as NestExpressApplication;
  const root = projectRoot();
  const govuk = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
  const shell = join(root, 'src/web/views');
  const contexts = registry.views;
  refuseTemplatesNamedTwice([
    { context: 'the web shell', folder: shell },
    ...contexts.map(({ context, views }) => ({ context, folder: views.folder })),
  ]);
  const environment = nunjucks.configure([shell, ...contexts.map(({ views }) => views.folder), govuk], {
    autoescape: true,
    express: app.getHttpAdapter().getInstance(),
    noCache: process.env.NODE_ENV === 'development',
  });
  installFilters(environment);
  environment.addGlobal('councilName', councilName);
  const given = new Map<string, string>();
  for (const { context, views } of contexts) {
    for (const name of [...Object.keys(views.filters ?? {}), ...Object.keys(views.globals ?? {})]) {
      if (given.has(name) || hasFilter(environment, name) || SHELL_GLOBALS.includes(name))
        throw new ContextRegistrationError(
          `${context}'s views name ${name}, which ${given.get(name) ?? 'the web shell'} names already`,
        );
      given.set(name, context);
    }
    for (const [name, filter] of Object.entries(views.filters ?? {})) environment.addFilter(name, filter);
    for (const [name, value] of Object.entries(views.globals ?? {})) environment.addGlobal(name, value);
  }
  app.setViewEngine('njk');
  // Static files are answered before helmet runs: they say their type is meant, on their own.
  const setHeaders = (response: Response) => response.setHeader('X-Content-Type-Options', 'nosniff');
  app.useStaticAssets(join(govuk, 'govuk/assets'), { prefix: '/assets/', maxAge: '1d', setHeaders });
  app.useStaticAssets(join(govuk, 'govuk'), { prefix: '/govuk/', maxAge: '1d', index: false, setHeaders });
  app.useStaticAssets(resolve(root, 'src/web/public'), { prefix: '/public/', maxAge: '1h', setHeaders });

  app.use((_: Request, response: Response, next: NextFunction) => {
    response.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  const pages = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null, // a council may run it on plain HTTP inside its network
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
    // One frame policy: no page is ever framed, as frame-ancestors 'none' says to newer browsers.
    xFrameOptions: { action: 'deny' },
  });
  // Swagger UI runs inline scripts and styles of its own; it keeps helmet's other headers.
  const docs = helmet({ contentSecurityPolicy: false, xFrameOptions: { action: 'deny' } });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/api/docs') ? docs : pages)(request, response, next),
  );
}

/** Globals every page has, beside the shell's filters. */
const SHELL_GLOBALS = ['councilName', 'cspNonce', 'navigation', 'actor', 'csrfToken'];

/** A template found under one name in two folders would be served from whichever comes first: refused. */
export function refuseTemplatesNamedTwice(folders: readonly { context: string; folder: string }[]): void {
  const owners = new Map<string, string>();
  for (const { context, folder } of folders) {
    for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.njk')) continue;
      const owner = owners.get(file);
      if (owner)
        throw new ContextRegistrationError(
          `The template ${file} is in the views of both ${owner} and ${context}: a template's name belongs to one folder`,
        );
      owners.set(file, context);
    }
  }
}

function hasFilter(environment: nunjucks.Environment, name: string): boolean {
  try {
    environment.getFilter(name);
    return true;
  } catch {
    return false; // nunjucks answers an unknown filter by throwing
  }
}
