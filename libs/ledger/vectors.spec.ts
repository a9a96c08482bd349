import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  MemoryMerkleTree,
  ProofError,
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

const VECTOR_DIR = path.resolve(process.cwd(), 'test/fixtures/merkle');
if (!existsSync(VECTOR_DIR)) {
  throw new Error(`Merkle test vectors not found at ${VECTOR_DIR} (vendored from shared/testdata/merkle)`);
}

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface KnownAnswers {
  leafInputsHex: string[];
  rootHashesHexBySize: string[];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return jsonFiles(full);
      return name.endsWith('.json') ? [full] : [];
    });
}

function load<T>(kind: string): { file: string; vector: T }[] {
  return jsonFiles(path.join(VECTOR_DIR, kind)).map((full) => ({
    file: path.relative(VECTOR_DIR, full),
    vector: JSON.parse(readFileSync(full, 'utf8')) as T,
  }));
}

const b64 = (value: string): Buffer => Buffer.from(value, 'base64');
// The vectors come from Go, where a nil proof is serialised as null.
const proofOf = (proof: string[] | null): Buffer[] => (proof ?? []).map(b64);

const inclusionCases = load<InclusionVector>('inclusion');
const consistencyCases = load<ConsistencyVector>('consistency');
const knownAnswers = JSON.parse(
  readFileSync(path.join(VECTOR_DIR, 'rfc6962-known-answers.json'), 'utf8'),
) as KnownAnswers;

function knownTree(): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  for (const hex of knownAnswers.leafInputsHex) tree.appendData(Buffer.from(hex, 'hex'));
  return tree;
}

test('vector folders are not empty', () => {
  expect(inclusionCases.length).toBeGreaterThan(0);
  expect(consistencyCases.length).toBeGreaterThan(0);
  expect(inclusionCases.filter((c) => !c.vector.wantErr).length).toBeGreaterThan(0);
  expect(consistencyCases.filter((c) => !c.vector.wantErr).length).toBeGreaterThan(0);
});

describe('inclusion vectors', () => {
  test.each(inclusionCases)('$file', ({ vector }) => {
    const run = (): void =>
      verifyInclusion(
        vector.leafIdx,
        vector.treeSize,
        b64(vector.leafHash),
        proofOf(vector.proof),
        b64(vector.root),
      );
    if (vector.wantErr) expect(run).toThrow(ProofError);
    else expect(run).not.toThrow();
  });
});

describe('consistency vectors', () => {
  test.each(consistencyCases)('$file', ({ vector }) => {
    const run = (): void =>
      verifyConsistency(
        vector.size1,
        vector.size2,
        proofOf(vector.proof),
        b64(vector.root1),
        b64(vector.root2),
      );
    if (vector.wantErr) expect(run).toThrow(ProofError);
    else expect(run).not.toThrow();
  });
});

describe('rfc6962-known-answers.json', () => {
  const sizes = knownAnswers.rootHashesHexBySize.map((hex, size) => ({ size, hex }));

  test('has a root for every prefix of the leaves', () => {
    expect(knownAnswers.leafInputsHex.length).toBeGreaterThan(0);
    expect(sizes).toHaveLength(knownAnswers.leafInputsHex.length + 1);
  });

  test.each(sizes)('root of the first $size leaves', ({ size, hex }) => {
    const leaves = knownAnswers.leafInputsHex
      .slice(0, size)
      .map((input) => leafHash(Buffer.from(input, 'hex')));
    expect(rootFromLeafHashes(leaves).toString('hex')).toBe(hex);
    expect(knownTree().root(size).toString('hex')).toBe(hex);
  });
});

describe('proof generation reproduces the happy-path vectors built on the known-answer leaves', () => {
  const numbered = /^(inclusion|consistency)\/\d+\//;
  const inclusionHappy = inclusionCases.filter((c) => !c.vector.wantErr && numbered.test(c.file));
  const consistencyHappy = consistencyCases.filter((c) => !c.vector.wantErr && numbered.test(c.file));

  test('there are such vectors', () => {
    expect(inclusionHappy.length).toBeGreaterThan(0);
    expect(consistencyHappy.length).toBeGreaterThan(0);
  });

  test.each(inclusionHappy)('$file', ({ vector }) => {
    const tree = knownTree();
    expect(tree.root(vector.treeSize)).toEqual(b64(vector.root));
    expect(tree.leafHash(vector.leafIdx)).toEqual(b64(vector.leafHash));
    expect(tree.inclusionProof(vector.leafIdx, vector.treeSize)).toEqual(proofOf(vector.proof));
  });

  test.each(consistencyHappy)('$file', ({ vector }) => {
    const tree = knownTree();
    expect(tree.root(vector.size1)).toEqual(b64(vector.root1));
    expect(tree.root(vector.size2)).toEqual(b64(vector.root2));
    expect(tree.consistencyProof(vector.size1, vector.size2)).toEqual(proofOf(vector.proof));
  });
});
