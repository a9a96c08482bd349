import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { MeController } from './me.controller.js';
import { SessionsService } from './sessions.service.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  controllers: [MeController],
  providers: [UsersService, SessionsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService, SessionsService],
})
export class IdentityModule {}
