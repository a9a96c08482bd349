import pg from 'pg';

/** No event and no user yet: a first start. */
export async function isEmpty(ownerUrl: string): Promise<boolean> {
  const client = new pg.Client(ownerUrl);
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT NOT EXISTS (SELECT 1 FROM es_events) AND NOT EXISTS (SELECT 1 FROM users) AS empty`,
    );
    return rows[0].empty;
  } finally {
    await client.end();
  }
}
