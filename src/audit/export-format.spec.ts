/**
 * docs/audit-export-format.md is what an auditor writes a verifier from: its worked examples are
 * made here by the real code from fixed inputs (UPDATE_DOCS=1 writes them into the document), and
 * checked twice, by the project's code and by a computation written from the document alone with
 * nothing but SHA-256 and Ed25519 from node:crypto.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { verifyConsistency, verifyInclusion } from '../../libs/ledger/index.js';
import { asLines } from '../../test/support/audit-export.js';
import {
  documentedExamples,
  documentedFields,
  exampleSigner,
  rewriteExamples,
  undocumented,
  workedExamples,
} from '../../test/support/export-format-doc.js';
import { verifyExport } from './export-verifier.js';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const ZERO = Buffer.from([0x00]);
const ONE = Buffer.from([0x01]);

let doc: Map<string, string>;
beforeAll(async () => {
  if (process.env.UPDATE_DOCS === '1') rewriteExamples(await workedExamples());
  doc = documentedExamples();
});

const block = (name: string) => {
  const text = doc.get(name);
  if (text === undefined) throw new Error(`docs/audit-export-format.md has no example "${name}"`);
  return text;
};
const hexOf = (name: string) => Buffer.from(block(name).replace(/\s/g, ''), 'hex');
/** A hash block: "hex <hex>" and "base64 <base64>" of the same 32 bytes. */
function hashOf(name: string): Buffer {
  const [, hex] = /^hex +([0-9a-f]{64})$/m.exec(block(name))!;
  const [, base64] = /^base64 +(\S{44})$/m.exec(block(name))!;
  expect(Buffer.from(base64, 'base64').toString('hex')).toBe(hex);
  return Buffer.from(hex, 'hex');
}
const exportLines = () =>
  block('export')
    .split('\n')
    .map((line) => JSON.parse(line));
const leafLines = () => exportLines().filter((line) => line.kind === 'leaf');
const headOf = (size: number) => JSON.parse(block(`tree-head-${size}`));

/** RFC 8785 from section 4 of the document: sorted members, ECMAScript strings and numbers. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
    .join(',')}}`;
}

/** RFC 9162's MTH, as section 5 of the document states it. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(ONE, mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const signingInput = (head: { treeSize: number; rootHash: string; timestamp: string }) =>
  Buffer.from(
    `{"rootHash":"${head.rootHash}","timestamp":"${head.timestamp}","treeSize":${head.treeSize}}`,
    'utf8',
  );

/** A verifier written from section 7 of the document, for exports whose leaves are all in order. */
interface Head {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
  keyId: string;
}

function minimalVerify(text: string, head: Head, publicKeyPem: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').map((line) => JSON.parse(line));
  const keyId = sha256(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).toString('hex');
  const checkSignature = (h: Head) => {
    if (!verify(null, signingInput(h), publicKeyPem, Buffer.from(h.signature, 'base64')))
      problems.push(`head ${h.treeSize}: bad signature`);
  };
  checkSignature(head);
  if (
    lines[0].kind !== 'header' ||
    lines[0].format !== 'pledge-tracker/audit-export' ||
    lines[0].formatVersion !== 1
  )
    problems.push('no header');
  const leaves = lines.filter((line) => line.kind === 'leaf');
  const hashes = leaves.map((leaf, i) => {
    if (leaf.leafIndex !== i) problems.push(`line for leaf ${i} is labelled ${leaf.leafIndex}`);
    const hash = sha256(ZERO, Buffer.from(canonical(leaf.event), 'utf8'));
    if (hash.toString('base64') !== leaf.sealedLeafHash || leaf.event.eventId !== leaf.sealedEventId)
      problems.push(`leaf ${i} does not match what was sealed`);
    return hash;
  });
  const heads: Head[] = [head, ...lines.filter((line) => line.kind === 'treeHead' && line.keyId === keyId)];
  for (const h of heads) {
    if (h !== head) checkSignature(h);
    if (mth(hashes.slice(0, h.treeSize)).toString('base64') !== h.rootHash)
      problems.push(`root ${h.treeSize} differs`);
  }
  return problems;
}

describe('the audit export format, as published in docs/audit-export-format.md', () => {
  it('has exactly the worked examples the code makes from the fixed inputs (UPDATE_DOCS=1 rewrites them)', async () => {
    const made = await workedExamples();
    expect([...doc.keys()].sort()).toEqual([...made.keys()].sort());
    for (const [name, text] of made) expect({ name, text: block(name) }).toEqual({ name, text });
  });

  it("derives the key from RFC 8032's seed, and the key id from its DER form", () => {
    const der = hexOf('public-key-der');
    expect(der.toString('hex')).toBe(`302a300506032b6570032100${block('public-key-raw')}`);
    // RFC 8032 section 7.1, TEST 1: the public key of this secret key.
    expect(block('key-seed')).toBe('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(block('public-key-raw')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const pem = block('public-key-pem');
    expect(pem).toBe(
      `-----BEGIN PUBLIC KEY-----\n${der
        .toString('base64')
        .match(/.{1,64}/g)!
        .join('\n')}\n-----END PUBLIC KEY-----`,
    );
    expect(block('key-id')).toBe(sha256(der).toString('hex'));
    expect(exampleSigner().keyId).toBe(block('key-id'));
  });

  it.each([0, 1, 2])(
    "gives leaf %i's canonical JSON, its bytes and its leaf hash, from its event alone",
    (i) => {
      const event = leafLines()[i].event;
      const text = block(`event-${i}-canonical`);
      expect(text).toBe(canonical(event));
      expect(hexOf(`event-${i}-bytes`).equals(Buffer.from(text, 'utf8'))).toBe(true);
      const leaf = sha256(ZERO, hexOf(`event-${i}-bytes`));
      expect(hashOf(`leaf-${i}-hash`).equals(leaf)).toBe(true);
      expect(leafLines()[i].sealedLeafHash).toBe(leaf.toString('base64'));
    },
  );

  it('builds the interior node and the roots as RFC 9162 does, with 0x01 before the children', () => {
    const [l0, l1, l2] = [0, 1, 2].map((i) => hashOf(`leaf-${i}-hash`));
    expect(hashOf('node-0-1').equals(sha256(ONE, l0, l1))).toBe(true);
    expect(hashOf('root-3').equals(sha256(ONE, hashOf('node-0-1'), l2))).toBe(true);
    expect(hashOf('root-3').equals(mth([l0, l1, l2]))).toBe(true);
    expect(hashOf('empty-root').equals(sha256())).toBe(true);
    expect(headOf(2).rootHash).toBe(hashOf('node-0-1').toString('base64'));
    expect(headOf(3).rootHash).toBe(hashOf('root-3').toString('base64'));
  });

  it.each([2, 3])('signs the tree head of size %i with Ed25519 over exactly the stated message', (size) => {
    const head = headOf(size);
    expect(block(`signing-input-${size}`)).toBe(signingInput(head).toString('utf8'));
    const signature = Buffer.from(head.signature, 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, signingInput(head), block('public-key-pem'), signature)).toBe(true);
    expect(head.keyId).toBe(block('key-id'));
    expect(head.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // A different message, or another signature, does not pass.
    const tampered = { ...head, treeSize: size + 1 };
    expect(verify(null, signingInput(tampered), block('public-key-pem'), signature)).toBe(false);
  });

  it('has an example export that verifies with a verifier written from the document, and with ours', async () => {
    expect(minimalVerify(block('export'), headOf(3), block('public-key-pem'))).toEqual([]);
    const report = await verifyExport(asLines(block('export').split('\n')), {
      treeHead: headOf(3),
      publicKeyPem: block('public-key-pem'),
      earlierTreeHeads: [headOf(2)],
    });
    expect(report).toMatchObject({ ok: true, leavesChecked: 3, problems: [], rootHash: headOf(3).rootHash });
    expect(report.treeHeadsChecked).toBe(4); // 2 and 3 in the export, and the two given
    // The document's own verifier notices a changed event too, or it would prove nothing.
    const changed = block('export').replace('Working together', 'Working apart');
    expect(minimalVerify(changed, headOf(3), block('public-key-pem'))).toEqual([
      'leaf 1 does not match what was sealed',
      'root 3 differs',
      'root 2 differs',
      'root 3 differs',
    ]);
  });

  it('writes every time in the forms section 2 gives', () => {
    const [header] = exportLines();
    expect(header.exportedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const { event } of leafLines()) {
      expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(event.effectiveAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect([event.position, event.transactionId]).toEqual([
        expect.stringMatching(/^[1-9][0-9]*$/),
        expect.stringMatching(/^[1-9][0-9]*$/),
      ]);
    }
  });

  it('proves leaf 1 included at size 3 by the steps the document gives, and by RFC 9162 section 2.1.3.2', () => {
    const answer = JSON.parse(block('inclusion-proof'));
    const [l0, l1, l2] = [0, 1, 2].map((i) => hashOf(`leaf-${i}-hash`));
    expect(sha256(ZERO, Buffer.from(canonical(answer.event), 'utf8')).equals(l1)).toBe(true);
    expect(answer.leafHash).toBe(l1.toString('base64'));
    const path = answer.auditPath.map((hash: string) => Buffer.from(hash, 'base64'));
    expect(path).toEqual([l0, l2]);
    const node = sha256(ONE, path[0], l1); // leaf 1 is a right child
    expect(sha256(ONE, node, path[1]).toString('base64')).toBe(answer.treeHead.rootHash);
    expect(answer.treeHead).toEqual(headOf(3));
    expect(() =>
      verifyInclusion(1, 3, l1, path, Buffer.from(answer.treeHead.rootHash, 'base64')),
    ).not.toThrow();
  });

  it('proves size 3 consistent with size 2 by the steps the document gives, and by RFC 9162 section 2.1.4.2', () => {
    const answer = JSON.parse(block('consistency-proof'));
    const proof = answer.proof.map((hash: string) => Buffer.from(hash, 'base64'));
    expect(proof).toEqual([hashOf('leaf-2-hash')]);
    const [first, second] = [answer.firstTreeHead, answer.secondTreeHead].map((h) =>
      Buffer.from(h.rootHash, 'base64'),
    );
    expect(sha256(ONE, first, proof[0]).equals(second)).toBe(true);
    expect([answer.firstTreeHead, answer.secondTreeHead]).toEqual([headOf(2), headOf(3)]);
    expect(() => verifyConsistency(2, 3, proof, first, second)).not.toThrow();
  });

  it('describes every field of the example lines and answers in its tables, with their types', () => {
    const lines = exportLines();
    const check = (value: Record<string, unknown>, table: string) => ({
      table,
      problems: undocumented(value, documentedFields(table)),
    });
    const results = [
      ...lines.map((line) => check(line, line.kind)),
      ...leafLines().map((line) => check(line.event, 'event')),
      check(headOf(3), 'tree-head'),
      check(JSON.parse(block('inclusion-proof')), 'inclusion-proof'),
      check(JSON.parse(block('inclusion-proof')).event, 'event'),
      check(JSON.parse(block('consistency-proof')), 'consistency-proof'),
    ];
    for (const result of results) expect(result).toEqual({ table: result.table, problems: [] });
  });
});
