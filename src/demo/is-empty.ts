import pg from 'pg';
import { DEMO_EMAIL_DOMAIN } from './demo-seed.js';

async function ask(ownerUrl: string, sql: string, values: unknown[] = []): Promise<boolean> {
  const client = new pg.Client(ownerUrl);
  await client.connect();
  try {
    const { rows } = await client.query(sql, values);
    return rows[0].answer;
  } finally {
    await client.end();
  }
}

/** No event and no user yet: a first start. */
export function isEmpty(ownerUrl: string): Promise<boolean> {
  return ask(
    ownerUrl,
    `SELECT NOT EXISTS (SELECT 1 FROM es_events) AND NOT EXISTS (SELECT 1 FROM users) AS answer`,
  );
}

/** The demonstration was recorded here, on this start or an earlier one. */
export function holdsDemo(ownerUrl: string): Promise<boolean> {
  return ask(ownerUrl, `SELECT EXISTS (SELECT 1 FROM users WHERE email LIKE $1) AS answer`, [
    `%@${DEMO_EMAIL_DOMAIN}`,
  ]);
}
