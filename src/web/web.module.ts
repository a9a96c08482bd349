import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { StrategyModule } from '../strategy/strategy.module.js';
import { ActionPagesController } from './action-pages.controller.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { AuditPagesController } from './audit-pages.controller.js';
import { FormRunner } from './form-runner.js';
import { SignInController } from './sign-in.controller.js';
import { StrategyPagesController } from './strategy-pages.controller.js';
import { WebSessionMiddleware } from './web-session.middleware.js';

/** The pages people use, in GOV.UK Frontend, over the same commands and queries as the API. */
@Module({
  imports: [StrategyModule], // and the AuditModule, which is global
  controllers: [
    SignInController,
    StrategyPagesController,
    ActionPagesController,
    AdminPagesController,
    AuditPagesController,
  ],
  providers: [WebSessionMiddleware, FormRunner],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebSessionMiddleware).forRoutes('*');
  }
}
