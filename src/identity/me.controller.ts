import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ROLES, type Actor } from '../common/domain/actor.js';
import { ApiRead } from '../common/http/api-docs.js';
import { CurrentActor } from '../common/http/request-context.js';
import { Roles } from './auth.guard.js';
import { UsersService } from './users.service.js';

class ActorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty() name!: string;
}

class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: 'string', nullable: true }) jobTitle!: string | null;
  @ApiProperty() disabled!: boolean;
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiRead(ActorResponse, { description: 'Who the token speaks for' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('users')
  @Roles('admin')
  @ApiRead(UserResponse, {
    isArray: true,
    description: 'Everyone who can sign in or hold a token',
    roles: true,
  })
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
