import pg from 'pg';

/**
 * Writes rows, given as objects keyed by column name, with one statement whatever their number:
 * jsonb_populate_recordset turns the JSON into rows of the table's own type. Table names resolve
 * through the search path, which is how a rebuild writes into its fresh tables.
 */
export async function upsertRows(
  db: pg.ClientBase,
  table: string,
  key: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const quoted = columns.map((column) => pg.escapeIdentifier(column));
  const updates = columns
    .filter((column) => !key.includes(column))
    .map((column) => `${pg.escapeIdentifier(column)} = EXCLUDED.${pg.escapeIdentifier(column)}`);
  const identifier = pg.escapeIdentifier(table);
  await db.query(
    `INSERT INTO ${identifier} (${quoted.join(', ')})
     SELECT ${quoted.join(', ')} FROM jsonb_populate_recordset(NULL::${identifier}, $1::jsonb)
     ON CONFLICT (${key.map((column) => pg.escapeIdentifier(column)).join(', ')})
     ${updates.length ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`,
    [JSON.stringify(rows)],
  );
}

/** Inserts rows that are new by construction (each event's own row): no conflict handling to pay for. */
export async function insertRows(
  db: pg.ClientBase,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const quoted = Object.keys(rows[0]).map((column) => pg.escapeIdentifier(column));
  const identifier = pg.escapeIdentifier(table);
  await db.query(
    `INSERT INTO ${identifier} (${quoted.join(', ')})
     SELECT ${quoted.join(', ')} FROM jsonb_populate_recordset(NULL::${identifier}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

export async function selectRowsByKey<Row>(
  db: pg.ClientBase,
  table: string,
  key: string,
  values: readonly string[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  const { rows } = await db.query(
    `SELECT to_jsonb(t) AS row FROM ${pg.escapeIdentifier(table)} t WHERE ${pg.escapeIdentifier(key)} = ANY($1)`,
    [values],
  );
  return rows.map((row) => row.row as Row);
}
