/**
 * docs/audit-export-format.md as tests read it: the worked examples (a fenced block after each
 * `<!-- example: name -->`), made here with the real code from fixed inputs, and the field tables
 * (after each `<!-- fields: name -->`), against which real lines are checked.
 */
import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import {
  canonicalJson,
  consistencyProofFromStore,
  emptyRootHash,
  inclusionProofFromStore,
  treeHeadSigningInput,
} from '../../libs/ledger/index.js';
import { envelopeFromRow, envelopeLeafHash } from '../../src/audit/event-envelope.js';
import type { ConsistencyProofAnswer, InclusionProofAnswer } from '../../src/audit/ledger.queries.js';
import { TreeHeadSigner } from '../../src/audit/signing-key.js';
import { buildExport } from './audit-export.js';

export const DOC_PATH = fileURLToPath(new URL('../../docs/audit-export-format.md', import.meta.url));

/** RFC 8032 section 7.1, TEST 1: an Ed25519 key anyone can check against the RFC. */
export const EXAMPLE_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';

const STRATEGY = '0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e01';
const PLEDGE = 'c2b1f1a4-5d2e-5c3b-9a41-7e0d3f8b6a10';
const ADMIN = '0190b2c3-1f00-7a21-8c3e-5b9d2e4f6a01';
const metadata = (command: string, reason?: string) => ({
  actorId: ADMIN,
  actorRole: 'admin',
  correlationId: command,
  causationId: command,
  commandId: command,
  client: 'ui',
  ...(reason ? { reason } : {}),
});

/** Three rows of es_events as the sealer selects them (envelopeColumns), in commit order. */
const ROWS = [
  {
    global_position: '1041',
    transaction_id: '8812',
    stream_id: `strategy-${STRATEGY}`,
    stream_version: 1,
    event_id: '0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8f01',
    event_type: 'StrategyDrafted',
    schema_version: 1,
    data: {
      strategyId: STRATEGY,
      title: 'VCSE Engagement Strategy 2023–2026',
      description: 'How the council works with voluntary, community and social enterprise groups',
      periodStart: '2023-11-01',
      periodEnd: '2026-10-31',
    },
    metadata: metadata('0190b2c4-7a10-7000-8000-000000000001'),
    recorded_at: '2023-11-14T10:02:31.482913Z',
    effective_at: '2023-11-14T10:02:31.482913Z',
  },
  {
    global_position: '1042',
    transaction_id: '8815',
    stream_id: `strategy-${STRATEGY}`,
    stream_version: 2,
    event_id: '0190b2c4-7b02-7cc1-9f5a-2f0c6c1d8f02',
    event_type: 'ThemeAdded',
    schema_version: 1,
    data: {
      strategyId: STRATEGY,
      themeId: 'c2b1f1a4-0000-5c3b-9a41-7e0d3f8b6a01',
      title: 'Working together',
      description: 'Partnership with VCSE organisations in every ward',
    },
    metadata: metadata('0190b2c4-7b00-7000-8000-000000000002'),
    recorded_at: '2023-11-14T10:04:12.006120Z',
    effective_at: '2023-11-14T10:04:12.006120Z',
  },
  {
    global_position: '1047',
    transaction_id: '8841',
    stream_id: `pledge-${PLEDGE}`,
    stream_version: 1,
    event_id: '0190b2c4-9c11-7cc1-9f5a-2f0c6c1d8f03',
    event_type: 'PledgeMade',
    schema_version: 1,
    data: {
      pledgeId: PLEDGE,
      strategyId: STRATEGY,
      themeId: 'c2b1f1a4-0000-5c3b-9a41-7e0d3f8b6a01',
      reference: 'P1',
      title: 'A £250,000 fund for ward partnerships',
      description: 'Match funding for community-led projects',
      principles: ['Shared decisions', 'Open books'],
      lead: 'Head of Communities',
    },
    metadata: metadata('0190b2c4-9c10-7000-8000-000000000003', 'Agreed at the VCSE forum'),
    recorded_at: '2023-11-27T09:15:04.120000Z',
    effective_at: '2023-11-20T00:00:00.000000Z',
  },
];
const SIGNED_AT: Record<number, Date> = {
  2: new Date('2023-11-14T10:05:00.000Z'),
  3: new Date('2023-11-27T09:15:10.250Z'),
};
const EXPORTED_AT = new Date('2023-11-27T09:20:00.000Z');

export function exampleSigner(): TreeHeadSigner {
  const der = Buffer.from(PKCS8_ED25519_PREFIX + EXAMPLE_SEED, 'hex');
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return new TreeHeadSigner({
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const hexLines = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .match(/.{1,64}/g)!
    .join('\n');
const hash = (bytes: Uint8Array) => `hex    ${Buffer.from(bytes).toString('hex')}\nbase64 ${b64(bytes)}`;
/** JSON as the document shows it: formatted as the repository's Prettier formats code in markdown. */
const shown = async (value: unknown) =>
  (
    await prettier.format(JSON.stringify(value, null, 2), {
      ...(await prettier.resolveConfig(DOC_PATH)),
      parser: 'json',
    })
  ).trimEnd();

/** Every worked example of the specification, made by the real code: block name -> contents. */
export async function workedExamples(): Promise<Map<string, string>> {
  const signer = exampleSigner();
  const events = ROWS.map(envelopeFromRow);
  const built = buildExport(events, {
    signer,
    headsAt: [2],
    signedAt: (size) => SIGNED_AT[size],
    exportedAt: EXPORTED_AT,
  });
  const [head2, head3] = built.heads;
  const der = createPublicKey(signer.publicKeyPem).export({ type: 'spki', format: 'der' });
  const examples = new Map<string, string>([
    ['key-seed', EXAMPLE_SEED],
    ['public-key-raw', der.subarray(-32).toString('hex')],
    ['public-key-der', der.toString('hex')],
    ['public-key-pem', signer.publicKeyPem.trimEnd()],
    ['key-id', signer.keyId],
  ]);
  events.forEach((event, i) => {
    const canonical = canonicalJson(event);
    examples.set(`event-${i}-canonical`, canonical);
    examples.set(`event-${i}-bytes`, hexLines(Buffer.from(canonical, 'utf8')));
    examples.set(`leaf-${i}-hash`, hash(envelopeLeafHash(event)));
  });
  examples.set('node-0-1', hash(built.tree.root(2)));
  examples.set('root-3', hash(built.tree.root(3)));
  examples.set('empty-root', hash(emptyRootHash()));
  for (const head of [head2, head3]) {
    examples.set(
      `signing-input-${head.treeSize}`,
      treeHeadSigningInput(head.treeSize, head.rootHash, head.timestamp).toString('utf8'),
    );
    examples.set(`tree-head-${head.treeSize}`, await shown(head));
  }
  examples.set('export', built.lines.join('\n'));
  const inclusion: InclusionProofAnswer = {
    leafIndex: 1,
    treeSize: 3,
    leafHash: b64(envelopeLeafHash(events[1])),
    auditPath: (await inclusionProofFromStore(built.tree, 1, 3)).map(b64),
    event: events[1],
    treeHead: head3,
  };
  examples.set('inclusion-proof', await shown(inclusion));
  const consistency: ConsistencyProofAnswer = {
    firstSize: 2,
    secondSize: 3,
    proof: (await consistencyProofFromStore(built.tree, 2, 3)).map(b64),
    firstTreeHead: head2,
    secondTreeHead: head3,
  };
  examples.set('consistency-proof', await shown(consistency));
  return examples;
}

/** A marker, the blank line Prettier puts after it, and the fenced block. */
const EXAMPLE = /<!-- example: ([a-z0-9-]+) -->\n\n```([a-z]*)\n([\s\S]*?)\n```/g;

/** The worked examples as the document has them. */
export function documentedExamples(markdown = readFileSync(DOC_PATH, 'utf8')): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, , body] of markdown.matchAll(EXAMPLE)) {
    if (found.has(name)) throw new Error(`${DOC_PATH}: the example "${name}" appears twice`);
    found.set(name, body);
  }
  return found;
}

/** Writes `examples` into the document in place of its blocks; every one must have a marker there. */
export function rewriteExamples(examples: Map<string, string>): void {
  const markdown = readFileSync(DOC_PATH, 'utf8');
  const missing = [...examples.keys()].filter((name) => !markdown.includes(`<!-- example: ${name} -->`));
  if (missing.length) throw new Error(`${DOC_PATH} has no marker for the examples ${missing.join(', ')}`);
  writeFileSync(
    DOC_PATH,
    markdown.replace(EXAMPLE, (block, name: string, lang: string) =>
      examples.has(name)
        ? `<!-- example: ${name} -->\n\n\`\`\`${lang}\n${examples.get(name)}\n\`\`\``
        : block,
    ),
  );
}

export interface DocumentedField {
  name: string;
  type: string;
  required: boolean;
}

/** The field table after `<!-- fields: name -->`. */
export function documentedFields(
  table: string,
  markdown = readFileSync(DOC_PATH, 'utf8'),
): DocumentedField[] {
  const start = markdown.indexOf(`<!-- fields: ${table} -->`);
  if (start < 0) throw new Error(`${DOC_PATH} has no field table "${table}"`);
  const after = markdown.slice(start).split('\n').slice(1);
  const first = after.findIndex((line) => line.startsWith('|'));
  const length = after.slice(first).findIndex((line) => !line.startsWith('|'));
  const rows = after.slice(first + 2, length < 0 ? undefined : first + length);
  return rows.map((row) => {
    const [name, type, required] = row
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim());
    return { name: name.replace(/`/g, ''), type, required: required === 'yes' };
  });
}

const TYPES: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isSafeInteger(value),
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'object or null': (value) => value === null || (typeof value === 'object' && !Array.isArray(value)),
  'array of strings': (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  any: () => true,
};

/** What in `value` the table does not describe: unknown fields, missing ones, wrong types. */
export function undocumented(value: Record<string, unknown>, fields: DocumentedField[]): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(value))
    if (!fields.some((field) => field.name === key)) problems.push(`${key} is not documented`);
  for (const field of fields) {
    const check = TYPES[field.type];
    if (!check) problems.push(`${field.name} has an unknown documented type "${field.type}"`);
    else if (!(field.name in value)) {
      if (field.required) problems.push(`${field.name} is required but absent`);
    } else if (!check(value[field.name]))
      problems.push(`${field.name} is not ${field.type}: ${JSON.stringify(value[field.name])}`);
  }
  return problems;
}
