import { Presets, SingleBar } from 'cli-progress';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { SignedTreeHead } from '../libs/ledger/index.js';
import { verifyExport, type VerificationReport } from './audit/export-verifier.js';
import { CommandLineError, runCommandLine } from './operations/command-line.js';

const HELP = `Usage: npm run audit -- <command> [options]

  export [--out FILE]     write the sealed log up to the newest signed tree head as JSON Lines
                          (default audit-export-<size>.jsonl), with that tree head and the
                          public key beside it (<FILE>.tree-head.json, <FILE>.public-key.pem)
  verify EXPORT --tree-head FILE --public-key FILE [--earlier-tree-head FILE ...] [--json]
                          check an export offline, with no database: every leaf, the root, the
                          signature, and consistency with earlier tree heads you kept; names what
                          happened to which event (changed, gone, moved, swapped, added, missing).
                          Exit code 0 verified, 1 not, 2 misuse. The format is specified in
                          docs/audit-export-format.md, for checking it with a verifier of your own.

export reads DATABASE_URL, or the embedded database under DATA_DIR (./data), also while the server
runs. Keep tree heads somewhere the database's administrators cannot change them.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'tree-head': { type: 'string' },
      'public-key': { type: 'string' },
      'earlier-tree-head': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  if (command === 'export') return exportCommand(values.out);
  if (command === 'verify') {
    if (rest.length !== 1) return usage('verify needs exactly one export file');
    if (!values['tree-head'] || !values['public-key'])
      return usage('verify needs --tree-head and --public-key');
    return verifyCommand(
      rest[0],
      values['tree-head'],
      values['public-key'],
      values['earlier-tree-head'] ?? [],
      values.json ?? false,
    );
  }
  return usage(`Unknown command "${command}"`);
}

async function exportCommand(out: string | undefined): Promise<number> {
  // Only export touches a database; verify must run where there is none.
  const [{ loadConfig }, database, { writeExport }, { loadMigrations }] = await Promise.all([
    import('./config.js'),
    import('../libs/database/index.js'),
    import('./audit/exporter.js'),
    import('../migrations/index.js'),
  ]);
  const config = loadConfig();
  const location = await database.locateDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    create: false,
    attachToRunning: true,
  });
  const pool = database.createAppPool(location.ownerUrl, 2);
  const bar = progressBar('exported');
  try {
    await database.runMigrations(location.ownerUrl, await loadMigrations());
    const { rows } = await pool.query(`SELECT max(tree_size) AS size FROM ledger_tree_heads`);
    if (rows[0].size === null)
      throw new CommandLineError(
        `No tree head has been signed yet in ${location.embedded ? `the embedded database in ${config.dataDir}/postgres` : 'the database at DATABASE_URL'}: ` +
          'the server signs one as it starts, and then as events arrive; export again once it has.',
      );
    const path = out ?? `audit-export-${rows[0].size}.jsonl`;
    const result = await writeExport(pool, path, (written, total) => bar.show(written, total));
    bar.stop();
    const { rows: sealed } = await pool.query(`SELECT tree_size FROM ledger_state`);
    const uncovered = Number(sealed[0].tree_size) - result.treeHead.treeSize;
    const base = join(dirname(path), basename(path, '.jsonl'));
    writeFileSync(`${base}.tree-head.json`, `${JSON.stringify(result.treeHead, null, 2)}\n`);
    const key = result.publicKeys.find((candidate) => candidate.keyId === result.treeHead.keyId);
    if (key) writeFileSync(`${base}.public-key.pem`, key.publicKeyPem);
    console.log(
      `Wrote ${result.leaves} sealed events to ${path}\n` +
        `  tree head (size ${result.treeHead.treeSize}, root ${result.treeHead.rootHash}): ${base}.tree-head.json\n` +
        `  public key ${result.treeHead.keyId}: ${base}.public-key.pem\n` +
        `Verify with: npm run audit -- verify ${path} --tree-head ${base}.tree-head.json --public-key ${base}.public-key.pem`,
    );
    if (uncovered > 0)
      console.log(
        `Note: ${uncovered} more sealed event(s) are not yet under a signed tree head, so they are not in this ` +
          `export. The running server signs one every ${config.treeHeadEverySeconds} s or ` +
          `${config.treeHeadEveryEvents} events (and when it stops); export again then to include them.`,
      );
    return 0;
  } finally {
    bar.stop();
    await pool.end();
    await location.stop();
  }
}

async function verifyCommand(
  path: string,
  treeHeadFile: string,
  publicKeyFile: string,
  earlierFiles: string[],
  json: boolean,
): Promise<number> {
  const treeHead = readJson<SignedTreeHead>(treeHeadFile, 'tree head');
  const publicKeyPem = readText(publicKeyFile, 'public key');
  const earlierTreeHeads = earlierFiles.map((file) => readJson<SignedTreeHead>(file, 'earlier tree head'));
  const bar = progressBar('verified');
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let report: VerificationReport;
  try {
    report = await verifyExport(lines, { treeHead, publicKeyPem, earlierTreeHeads }, (checked, total) =>
      bar.show(checked, total),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).syscall)
      throw new CommandLineError(`Cannot read the export file ${path}: ${(error as Error).message}`, 2);
    if ((error as Error).name !== 'TreeHeadError') throw error;
    console.log(
      `NOT VERIFIED: the tree head ${treeHeadFile} does not check out: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    bar.stop();
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  else if (report.ok)
    console.log(
      `Verified: ${report.leavesChecked} events hash to the signed root ${report.rootHash} (tree size ${report.treeSize}); ` +
        `${report.treeHeadsChecked} tree head(s) checked, signatures good.`,
    );
  else {
    console.log(`NOT VERIFIED: ${report.problems.length} problem(s) in ${path}`);
    for (const problem of report.problems) console.log(`  - ${problem}`);
  }
  return report.ok ? 0 : 1;
}

/** A progress bar on stderr for exports large enough to wait for (10,000 events or more). */
function progressBar(verb: string) {
  let bar: SingleBar | undefined;
  return {
    show(done: number, total: number) {
      if (total < 10_000) return;
      if (!bar) {
        bar = new SingleBar(
          {
            format: `[{bar}] {percentage}% | {value}/{total} events ${verb} | {eta_formatted} left`,
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 2000,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CommandLineError(`Cannot read the ${what} file ${path}: ${(error as Error).message}`, 2);
  }
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readText(path, what)) as T;
  } catch (error) {
    if (error instanceof CommandLineError) throw error;
    throw new CommandLineError(`The ${what} file ${path} is not JSON`, 2);
  }
}

const SEE_HELP = 'Run npm run audit -- --help for the commands and their options.';

function usage(message: string): never {
  throw new CommandLineError(`${message}. ${SEE_HELP}`, 2);
}

runCommandLine(main, SEE_HELP);
