import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/domain/actor.js';
import { CurrentActor } from '../common/http/request-context.js';
import { Roles } from './auth.guard.js';
import { UsersService } from './users.service.js';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('users')
  @Roles('admin')
  async list() {
    return (await this.users.list()).map(({ id, email, displayName, role, jobTitle, disabledAt }) => ({
      id,
      email,
      displayName,
      role,
      jobTitle,
      disabled: Boolean(disabledAt),
    }));
  }
}
