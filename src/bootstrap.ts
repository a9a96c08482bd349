import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule, type AppOptions } from './app.module.js';
import type { ContextRegistry } from './common/contexts/context-registry.js';
import { loadContextRegistry } from './common/contexts/discover.js';
import { useBodyParsers } from './common/http/request-body.js';
import { createValidationPipe } from './common/http/validation.js';
import { NEUTRAL_COUNCIL_NAME, type TrustProxy } from './config.js';
import { configureViews } from './web/views.js';

/** The HTTP application, configured the same way for the server and for end-to-end tests. */
export async function createApp(
  options: Omit<AppOptions, 'registry'> & {
    /** The contexts found in src/ (loadContextRegistry) when absent. */
    registry?: ContextRegistry;
    logger?: false;
    councilName?: string;
    trustProxy?: TrustProxy;
  },
): Promise<INestApplication> {
  const registry = options.registry ?? (await loadContextRegistry());
  // Routes are case-sensitive: `/API/V1/…` names nothing, and is answered 404 as the API answers.
  // Express reads the setting once, when it makes its router, which the adapter does at once.
  const server = express().set('case sensitive routing', true);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ ...options, registry }),
    new ExpressAdapter(server),
    { logger: options.logger === false ? false : ['error', 'warn'], bodyParser: false },
  );
  app.disable('x-powered-by');
  app.set('etag', false); // ETags carry aggregate versions (for If-Match), set by the handlers
  app.set('query parser', 'simple');
  // Behind a TLS proxy the request is secure only if the proxy's X-Forwarded-Proto is believed.
  app.set('trust proxy', options.trustProxy ?? false);
  useBodyParsers(app);
  app.useGlobalPipes(createValidationPipe());
  configureViews(app, options.councilName ?? NEUTRAL_COUNCIL_NAME, registry);
  // Everything but the static files (served above) may carry someone's data: never kept by a cache.
  app.use((_: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pledge and action tracker')
      .setDescription(
        "The council's VCSE engagement strategy: themes, pledges and actions, with every change recorded as an event. " +
          'Send an API token as a bearer token. Changes accept If-Match (the ETag you read) and Idempotency-Key; ' +
          'a command answers with a position that a later GET can send as X-Consistent-After to read its own write. ' +
          'Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'pt_…',
        description: 'An API token, printed at first start or by `npm run cli -- tokens:issue`',
      })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
