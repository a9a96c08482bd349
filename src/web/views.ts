import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
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
 * header, title and footer name `councilName`.
 */
export function configureViews(nest: INestApplication, councilName: string): void {
  const app = nest as NestExpressApplication;
  const root = projectRoot();
  const govuk = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
  const environment = nunjucks.configure([join(root, 'src/web/views'), govuk], {
    autoescape: true,
    express: app.getHttpAdapter().getInstance(),
    noCache: process.env.NODE_ENV === 'development',
  });
  installFilters(environment);
  environment.addGlobal('councilName', councilName);
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
