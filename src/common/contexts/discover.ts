import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundedContext } from './bounded-context.js';
import { ContextRegistrationError, ContextRegistry } from './context-registry.js';

/** src/, or dist/src/ when built: the folder whose sub-folders are the contexts. */
const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const CONTEXT_FILE = /^[a-z][a-z0-9-]*\.context\.(ts|js)$/;

/**
 * Every bounded context: each sub-folder of src/ holding a `<name>.context.ts` that exports
 * `context`. A folder without one is not a context (yet): the shared folders, or a context whose
 * domain is written before it is wired, which lint covers all the same. A folder with two, or a
 * file that exports no registration, or one named for another folder, stops the start.
 */
export async function discoverContexts(root = SOURCE_ROOT): Promise<BoundedContext[]> {
  const contexts: BoundedContext[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const files = readdirSync(join(root, folder.name)).filter((file) => CONTEXT_FILE.test(file));
    if (files.length === 0) continue;
    if (files.length > 1)
      throw new ContextRegistrationError(
        `src/${folder.name} registers ${files.length} contexts (${files.join(', ')}); a folder is one context`,
      );
    const file = join(root, folder.name, files[0]);
    const { context } = (await import(file)) as { context?: BoundedContext };
    if (!context || typeof context !== 'object' || typeof context.name !== 'string')
      throw new ContextRegistrationError(`${relative(root, file)} exports no \`context\` registration`);
    if (context.name !== folder.name || !files[0].startsWith(`${folder.name}.context.`))
      throw new ContextRegistrationError(
        `${relative(root, file)} registers the context "${context.name}": a context is named for its folder, src/${folder.name}/${folder.name}.context.ts`,
      );
    contexts.push(context);
  }
  return contexts;
}

/** The registry of the contexts this application is built of. */
export async function loadContextRegistry(): Promise<ContextRegistry> {
  return ContextRegistry.of(await discoverContexts());
}

/**
 * A folder of the source tree that is not compiled (templates), from a module's import.meta.url,
 * whether the module runs from src/ (tests) or from dist/src/ (built): `src/<name>/web/views`.
 */
export function sourceFolder(moduleUrl: string, path: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dir === dirname(dir)) throw new Error(`No package.json above ${moduleUrl}`);
    dir = dirname(dir);
  }
  const inTree = relative(dir, resolve(dirname(fileURLToPath(moduleUrl)), path));
  const [first, ...rest] = inTree.split(sep);
  return join(dir, first === 'dist' ? rest.join(sep) : inTree);
}
