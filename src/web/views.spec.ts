import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseTemplatesNamedTwice } from './views.js';

describe("the contexts' templates", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pledge-views-'));
    for (const file of [
      'shell/layout.njk',
      'a/admin/index.njk',
      'a/ward.njk',
      'b/ward.njk',
      'b/admin/funds.njk',
    ]) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are refused at start when two folders hold a template of one name, which would be served from the first', () => {
    expect(() =>
      refuseTemplatesNamedTwice([
        { context: 'the web shell', folder: join(root, 'shell') },
        { context: 'partnerships', folder: join(root, 'a') },
        { context: 'funding', folder: join(root, 'b') },
      ]),
    ).toThrow(
      "The template ward.njk is in the views of both partnerships and funding: a template's name belongs to one folder",
    );
  });

  it('may share folder names, and be many', () => {
    rmSync(join(root, 'b/ward.njk'));
    expect(() =>
      refuseTemplatesNamedTwice([
        { context: 'the web shell', folder: join(root, 'shell') },
        { context: 'partnerships', folder: join(root, 'a') },
        { context: 'funding', folder: join(root, 'b') },
      ]),
    ).not.toThrow();
  });
});
