import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuditPagesController } from './audit-pages.controller.js';
import { FormRunner } from './form-runner.js';
import { SignInController } from './sign-in.controller.js';
import { WebSessionMiddleware } from './web-session.middleware.js';

/**
 * The shell of the pages people use, in GOV.UK Frontend: sessions, sign-in, the layout and its
 * navigation, the audit pages, and the form runner every context's pages post through. The
 * contexts' own pages are their modules' controllers, over the same commands and queries as the
 * API.
 */
@Global()
@Module({
  controllers: [SignInController, AuditPagesController],
  providers: [WebSessionMiddleware, FormRunner],
  exports: [FormRunner],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebSessionMiddleware).forRoutes('*');
  }
}
