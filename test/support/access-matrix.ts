import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApp } from './test-app.js';

/** The people of a test app, by what they are to its story. */
export type Who = keyof TestApp['people'];

export interface Write {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document, `{name}` for each path parameter. */
  path: string;
  /** A value for each path parameter, from the story. */
  params: Record<string, string>;
  /** A body it would accept. */
  body: object;
  /** Who may make it; everyone else must be refused. */
  allowed: readonly Who[];
}

/**
 * A context's table of who may make each of its writes: `src/<context>/testing/<context>.access.ts`
 * exports one as `access`, and the access matrix (test/access-matrix.e2e-spec.ts) finds it there.
 */
export interface ContextAccess {
  /** Makes a story of its own for the writes to act on, and answers the writes with its ids. */
  story(t: TestApp): Promise<Write[]>;
  /** `METHOD path` of every write, in an order in which each is allowed after the ones before. */
  order: readonly string[];
}

export const keyOf = (write: Pick<Write, 'method' | 'path'>) => `${write.method} ${write.path}`;

export const urlOf = (write: Write) =>
  write.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in write.params)) throw new Error(`${keyOf(write)} has no value for {${name}}`);
    return write.params[name];
  });

const SOURCE = fileURLToPath(new URL('../../src', import.meta.url));

/** Every context's table, by context. */
export async function contextAccessTables(): Promise<{ context: string; access: ContextAccess }[]> {
  const tables = [];
  for (const folder of readdirSync(SOURCE, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const file = join(SOURCE, folder.name, 'testing', `${folder.name}.access.ts`);
    if (!existsSync(file)) continue;
    const { access } = (await import(file)) as { access?: ContextAccess };
    if (!access) throw new Error(`${file} exports no \`access\` table`);
    tables.push({ context: folder.name, access });
  }
  return tables;
}
