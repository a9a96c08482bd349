import {
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../common/domain/actor.js';
import { forbidden } from '../common/domain/domain-error.js';
import type { AuthenticatedRequest } from '../common/http/request-context.js';
import { UsersService } from './users.service.js';

const PUBLIC = 'identity:public';
const ROLES_KEY = 'identity:roles';

/** The route needs no sign-in (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route; everyone signed in may when absent. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Bearer tokens for the API: every request but public ones names its actor, or is refused with 401. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
    if (!match)
      throw new UnauthorizedException({
        message: 'Send an API token as "Authorization: Bearer <token>"',
        code: 'auth.token-missing',
      });
    const actor = await this.users.actorForToken(match[1]);
    if (!actor)
      throw new UnauthorizedException({
        message: 'The API token is unknown, revoked, or its user is disabled',
        code: 'auth.token-invalid',
      });
    request.actor = actor;
    request.client = 'api';
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role as Role)) {
      forbidden(
        'auth.role-not-allowed',
        `This needs the role ${roles.join(' or ')}; you are signed in as ${actor.role}`,
      );
    }
    return true;
  }
}
