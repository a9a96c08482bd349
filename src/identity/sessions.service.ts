import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Actor } from '../common/domain/actor.js';
import { APP_POOL } from '../common/persistence/persistence.module.js';
import { verifyPassword } from './passwords.js';

export interface WebSession {
  /** The secret in the cookie; only its SHA-256 is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly actor?: Actor;
}

const SESSION_HOURS = 8;
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class SignInThrottled extends Error {
  override readonly name = 'SignInThrottled';
  constructor(readonly retryAfterMinutes: number) {
    super(`Too many failed sign-ins. Try again in ${retryAfterMinutes} minutes.`);
  }
}

/**
 * Web sessions live in PostgreSQL so that any replica can serve any request. Every session, even
 * before sign-in, has a CSRF token; signing in replaces the session (against session fixation).
 */
@Injectable()
export class SessionsService {
  constructor(@Inject(APP_POOL) private readonly db: pg.Pool) {}

  async start(userId: string | null = null): Promise<WebSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO web_sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [digest(token), userId, csrfToken, SESSION_HOURS],
    );
    return { token, csrfToken, ...(userId ? { actor: await this.actorOf(userId) } : {}) };
  }

  async find(token: string | undefined): Promise<WebSession | undefined> {
    if (!token) return undefined;
    const { rows } = await this.db.query(
      `UPDATE web_sessions SET last_seen_at = now() WHERE id_hash = $1 AND expires_at > now() RETURNING user_id, csrf_token`,
      [digest(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    const actor = row.user_id ? await this.actorOf(row.user_id) : undefined;
    if (row.user_id && !actor) return undefined; // the user was disabled
    return { token, csrfToken: row.csrf_token, ...(actor ? { actor } : {}) };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.db.query(`DELETE FROM web_sessions WHERE id_hash = $1`, [digest(token)]);
  }

  /**
   * Checks the password and answers a new signed-in session, or undefined. Failures are counted
   * per email and per address; past the limit nobody is told whether the password was right.
   */
  async signIn(
    email: string,
    password: string,
    clientIp: string,
    previous?: string,
  ): Promise<WebSession | undefined> {
    const {
      rows: [{ by_email, by_address }],
    } = await this.db.query(
      `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS by_email,
              count(*) FILTER (WHERE client_ip = $2)::int AS by_address
         FROM sign_in_failures WHERE failed_at > now() - make_interval(mins => $3)`,
      [email, clientIp, THROTTLE_WINDOW_MINUTES],
    );
    if (by_email >= MAX_FAILURES_PER_EMAIL || by_address >= MAX_FAILURES_PER_ADDRESS) {
      throw new SignInThrottled(THROTTLE_WINDOW_MINUTES);
    }
    const {
      rows: [user],
    } = await this.db.query(
      `SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL`,
      [email],
    );
    if (!(await verifyPassword(password, user?.password_hash))) {
      await this.db.query(`INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2)`, [
        email,
        clientIp,
      ]);
      return undefined;
    }
    await this.db.query(`DELETE FROM sign_in_failures WHERE lower(email) = lower($1)`, [email]);
    await this.end(previous);
    await this.purgeExpired();
    return this.start(user.id);
  }

  private async actorOf(userId: string): Promise<Actor | undefined> {
    const {
      rows: [user],
    } = await this.db.query(
      `SELECT id, role, display_name FROM users WHERE id = $1 AND disabled_at IS NULL`,
      [userId],
    );
    return user ? { id: user.id, role: user.role, name: user.display_name } : undefined;
  }

  /** Sessions past their expiry go at each sign-in; an expired one is never honoured anyway. */
  async purgeExpired(): Promise<void> {
    await this.db.query(`DELETE FROM web_sessions WHERE expires_at < now()`);
    await this.db.query(`DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'`);
  }
}
