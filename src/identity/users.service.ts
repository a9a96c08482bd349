import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ROLES, type Actor, type Role } from '../common/domain/actor.js';
import { DomainError, refuse } from '../common/domain/domain-error.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { ApiToken, User } from './user.entity.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: {
    email: string;
    displayName: string;
    role: Role;
    jobTitle?: string | null;
    id?: string;
  }): Promise<User> {
    const email = input.email.trim();
    if (!EMAIL.test(email)) refuse('user.email-invalid', `"${input.email}" is not an email address`, 'email');
    if (!ROLES.includes(input.role))
      refuse('user.role-invalid', `The role must be one of ${ROLES.join(', ')}`, 'role');
    if (!input.displayName?.trim()) refuse('user.name-required', 'A display name is required', 'displayName');
    const users = this.db.getRepository(User);
    if (await users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getExists()) {
      throw new DomainError('user.email-taken', `A user with the email ${email} already exists`, 'conflict', [
        { field: 'email', message: 'already in use' },
      ]);
    }
    return users.save(
      users.create({
        id: input.id ?? uuidv7(),
        email,
        displayName: input.displayName.trim(),
        role: input.role,
        jobTitle: input.jobTitle ?? null,
        createdAt: new Date(),
        disabledAt: null,
      }),
    );
  }

  /** Issues a bearer token; only its SHA-256 is kept, so this is the one time it can be shown. */
  async issueToken(userId: string, label: string): Promise<string> {
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    await this.db.getRepository(ApiToken).insert({
      id: uuidv7(),
      userId,
      label,
      tokenHash: hashToken(token),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    return token;
  }

  async actorForToken(token: string): Promise<Actor | undefined> {
    const found = await this.db.getRepository(ApiToken).findOne({
      where: { tokenHash: hashToken(token), revokedAt: IsNull(), user: { disabledAt: IsNull() } },
      relations: { user: true },
    });
    if (!found?.user) return undefined;
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 300_000) {
      await this.db.getRepository(ApiToken).update({ id: found.id }, { lastUsedAt: new Date() });
    }
    return { id: found.user.id, role: found.user.role, name: found.user.displayName };
  }

  async setPassword(userId: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH)
      refuse(
        'user.password-too-short',
        `A password needs at least ${MIN_PASSWORD_LENGTH} characters`,
        'password',
      );
    await this.db.getRepository(User).update({ id: userId }, { passwordHash: await hashPassword(password) });
  }

  async revokeTokens(userId: string): Promise<number> {
    const result = await this.db
      .getRepository(ApiToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  findById(id: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  list(): Promise<User[]> {
    return this.db.getRepository(User).find({ order: { role: 'ASC', displayName: 'ASC' } });
  }

  async namesById(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(users.map((user) => [user.id, user.displayName]));
  }
}
