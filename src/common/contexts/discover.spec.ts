import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverContexts } from './discover.js';

/** A source tree of its own: each path and its text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pledge-contexts-'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const registration = (name: string) => `export const context = { name: '${name}', title: '${name}' };\n`;

let roots: string[] = [];
const made = (files: Record<string, string>) => {
  const root = tree(files);
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe('finding the bounded contexts', () => {
  it('registers each folder that has a <name>.context file, and passes over the folders that have none', async () => {
    const root = made({
      'alpha/alpha.context.js': registration('alpha'),
      // A context's domain written before it is wired: not a context yet.
      'beta/domain/beta.aggregate.js': 'export const x = 1;\n',
      'common/http/thing.js': 'export const y = 2;\n',
    });
    expect((await discoverContexts(root)).map((context) => context.name)).toEqual(['alpha']);
  });

  it('refuses a folder with two registrations', async () => {
    const root = made({
      'alpha/alpha.context.js': registration('alpha'),
      'alpha/more.context.js': registration('more'),
    });
    await expect(discoverContexts(root)).rejects.toThrow(
      'src/alpha registers 2 contexts (alpha.context.js, more.context.js); a folder is one context',
    );
  });

  it('refuses a registration named for another folder', async () => {
    const root = made({ 'alpha/alpha.context.js': registration('gamma') });
    await expect(discoverContexts(root)).rejects.toThrow(
      'alpha/alpha.context.js registers the context "gamma": a context is named for its folder, src/alpha/alpha.context.ts',
    );
  });

  it('refuses a context file that exports no registration', async () => {
    const root = made({ 'alpha/alpha.context.js': 'export const contexts = [];\n' });
    await expect(discoverContexts(root)).rejects.toThrow(
      'alpha/alpha.context.js exports no `context` registration',
    );
  });

  it('finds the strategy context in src', async () => {
    expect((await discoverContexts()).map((context) => context.name)).toContain('strategy');
  });
});
