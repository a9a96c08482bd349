import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  MemoryMerkleTree,
  ProofError,
  consistencyProof,
  consistencyProofFromStore,
  consistencyProofNodes,
  emptyRootHash,
  inclusionProof,
  inclusionProofFromStore,
  inclusionProofNodes,
  leafHash,
  nodeHash,
  nodesCompletedByAppend,
  rootFromLeafHashes,
  rootFromStore,
  rootNodes,
  subtreeHash,
  subtreeNodes,
  verifyConsistency,
  verifyInclusion,
  type GetNodeHash,
  type NodeRef,
} from './index.js';

// Reference implementation written straight from the recursive definitions in RFC 9162 section 2.1,
// independent of the library code under test. It works on index ranges of one leaf array (d[lo:hi])
// and memoises MTH so the exhaustive tests stay fast.
const sha256 = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const refLeaf = (data: Uint8Array): Buffer => sha256(Buffer.from([0]), data);
const refNode = (l: Buffer, r: Buffer): Buffer => sha256(Buffer.from([1]), l, r);
const refSplit = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

class Reference {
  private readonly memo = new Map<string, Buffer>();

  constructor(private readonly d: readonly Buffer[]) {}

  /** MTH(D[lo:hi]) */
  mth(lo: number, hi: number): Buffer {
    const key = `${lo}:${hi}`;
    let hash = this.memo.get(key);
    if (hash === undefined) {
      if (hi - lo === 0) hash = sha256();
      else if (hi - lo === 1) hash = this.d[lo];
      else {
        const k = refSplit(hi - lo);
        hash = refNode(this.mth(lo, lo + k), this.mth(lo + k, hi));
      }
      this.memo.set(key, hash);
    }
    return hash;
  }

  /** PATH(m, D[lo:hi]) */
  path(m: number, lo: number, hi: number): Buffer[] {
    if (hi - lo === 1) return [];
    const k = refSplit(hi - lo);
    return m < k
      ? [...this.path(m, lo, lo + k), this.mth(lo + k, hi)]
      : [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }

  /** SUBPROOF(m, D[lo:hi], b) */
  subproof(m: number, lo: number, hi: number, b: boolean): Buffer[] {
    if (m === hi - lo) return b ? [] : [this.mth(lo, hi)];
    const k = refSplit(hi - lo);
    return m <= k
      ? [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)]
      : [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }
}

const refMth = (d: readonly Buffer[]): Buffer => new Reference(d).mth(0, d.length);

const leafData = (i: number): Buffer => Buffer.from(`entry-${i}`);
const leaves = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => refLeaf(leafData(i)));

function buildTree(n: number): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  for (let i = 0; i < n; i++) tree.appendData(leafData(i));
  return tree;
}

function flipped(proof: Buffer[], element: number, byte: number): Buffer[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const copy = Buffer.from(hash);
    copy[byte] ^= 0x01;
    return copy;
  });
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Runs each attempt and returns the labels of those that did not throw a ProofError. */
function acceptedAttempts(attempts: Iterable<[label: string, run: () => void]>): string[] {
  const accepted: string[] = [];
  for (const [label, run] of attempts) {
    try {
      run();
      accepted.push(label);
    } catch (error) {
      if (!(error instanceof ProofError)) accepted.push(`${label} (threw ${String(error)})`);
    }
  }
  return accepted;
}

describe('hashing (RFC 9162 2.1.1)', () => {
  test('leaf and node hashes use the 0x00 and 0x01 prefixes', () => {
    const a = Buffer.from('a');
    expect(leafHash(a)).toEqual(sha256(Buffer.from([0x00, 0x61])));
    const l = refLeaf(Buffer.from('l'));
    const r = refLeaf(Buffer.from('r'));
    expect(nodeHash(l, r)).toEqual(sha256(Buffer.from([0x01]), l, r));
    expect(nodeHash(l, r)).not.toEqual(nodeHash(r, l));
  });

  test('the empty tree hashes to SHA-256 of the empty string', () => {
    const expected = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(emptyRootHash().toString('hex')).toBe(expected);
    expect(rootFromLeafHashes([]).toString('hex')).toBe(expected);
    expect(new MemoryMerkleTree().root().toString('hex')).toBe(expected);
  });

  test.each(range(0, 130))('rootFromLeafHashes matches the recursive definition for %i leaves', (n) => {
    expect(rootFromLeafHashes(leaves(n))).toEqual(refMth(leaves(n)));
  });

  test('rootFromLeafHashes handles 100,000 leaves and agrees with the tree and the definition', () => {
    const many = leaves(100_000);
    const tree = new MemoryMerkleTree();
    for (const hash of many) tree.append(hash);
    const root = rootFromLeafHashes(many);
    expect(root).toEqual(refMth(many));
    expect(tree.root()).toEqual(root);
    expect(tree.root(65_537)).toEqual(rootFromLeafHashes(many.slice(0, 65_537)));
  });

  test('rootFromLeafHashes rejects hashes that are not 32 bytes and does not alias its input', () => {
    expect(() => rootFromLeafHashes([Buffer.alloc(31)])).toThrow(TypeError);
    const single = refLeaf(leafData(0));
    const root = rootFromLeafHashes([single]);
    root[0] ^= 0xff;
    expect(single).toEqual(refLeaf(leafData(0)));
  });
});

describe('MemoryMerkleTree', () => {
  const tree = buildTree(70);

  test('stores exactly the complete subtrees', () => {
    expect(tree.size).toBe(70);
    expect(tree.getNode(0, 69)).toEqual(refLeaf(leafData(69)));
    expect(tree.getNode(6, 0)).toEqual(refMth(leaves(64)));
    expect(tree.getNode(2, 16)).toEqual(refMth(leaves(68).slice(64)));
    expect(() => tree.getNode(2, 17)).toThrow(RangeError);
    expect(() => tree.getNode(7, 0)).toThrow(RangeError);
    expect(() => tree.getNode(0, 70)).toThrow(RangeError);
  });

  test.each(range(0, 70))('root at historical size %i', (n) => {
    expect(tree.root(n)).toEqual(refMth(leaves(n)));
  });

  test('subtreeHash is MTH(D[start:end]) for every range up to 40 leaves', () => {
    const d = leaves(40);
    for (let start = 0; start <= 40; start++) {
      for (let end = start; end <= 40; end++) {
        expect(tree.subtreeHash(start, end)).toEqual(refMth(d.slice(start, end)));
      }
    }
  });

  test('rejects sizes beyond the current size and invalid arguments', () => {
    expect(() => tree.root(71)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 71)).toThrow(RangeError);
    expect(() => tree.inclusionProof(70, 70)).toThrow(RangeError);
    expect(() => tree.inclusionProof(-1, 70)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 10)).toThrow(RangeError);
    expect(() => tree.consistencyProof(11, 10)).toThrow(RangeError);
    expect(() => tree.subtreeHash(5, 4)).toThrow(RangeError);
    expect(() => tree.root(1.5)).toThrow(RangeError);
    expect(() => new MemoryMerkleTree().append(Buffer.alloc(16))).toThrow(TypeError);
  });

  test('append reports each new leaf index', () => {
    const t = new MemoryMerkleTree();
    expect(t.append(refLeaf(leafData(0)))).toBe(0);
    expect(t.appendData(leafData(1))).toBe(1);
    expect(t.size).toBe(2);
  });
});

describe('inclusion proofs (RFC 9162 2.1.3)', () => {
  const n = 70;
  const tree = buildTree(n);
  const d = leaves(n + 1);
  const ref = new Reference(d);
  const notInTree = refLeaf(Buffer.from('not in the tree'));

  test.each(range(1, n))('every leaf of a tree of size %i', (size) => {
    const root = ref.mth(0, size);
    for (let i = 0; i < size; i++) {
      const proof = tree.inclusionProof(i, size);
      expect(proof).toEqual(ref.path(i, 0, size));
      expect(() => verifyInclusion(i, size, d[i], proof, root)).not.toThrow();
      expect(() => verifyInclusion(i, size, notInTree, proof, root)).toThrow(ProofError);
      if (size > 1)
        expect(() => verifyInclusion((i + 1) % size, size, d[i], proof, root)).toThrow(ProofError);
      expect(() => verifyInclusion(i, size, d[i], proof, ref.mth(0, size + 1))).toThrow(ProofError);
    }
  });

  test.each(range(1, 24))('tampering with any byte of a proof for size %i is detected', (size) => {
    const root = ref.mth(0, size);
    function* attempts(): Generator<[string, () => void]> {
      for (let i = 0; i < size; i++) {
        const proof = tree.inclusionProof(i, size);
        for (let e = 0; e < proof.length; e++) {
          for (let byte = 0; byte < 32; byte++) {
            const bad = flipped(proof, e, byte);
            yield [`leaf ${i}: proof[${e}] byte ${byte}`, () => verifyInclusion(i, size, d[i], bad, root)];
          }
        }
        for (let byte = 0; byte < 32; byte++) {
          const badLeaf = flipped([d[i]], 0, byte)[0];
          const badRoot = flipped([root], 0, byte)[0];
          yield [`leaf ${i}: leaf hash byte ${byte}`, () => verifyInclusion(i, size, badLeaf, proof, root)];
          yield [`leaf ${i}: root byte ${byte}`, () => verifyInclusion(i, size, d[i], proof, badRoot)];
        }
        yield [`leaf ${i}: extra hash after`, () => verifyInclusion(i, size, d[i], [...proof, d[0]], root)];
        yield [`leaf ${i}: extra hash before`, () => verifyInclusion(i, size, d[i], [d[0], ...proof], root)];
        if (proof.length > 0) {
          yield [`leaf ${i}: first hash dropped`, () => verifyInclusion(i, size, d[i], proof.slice(1), root)];
          yield [
            `leaf ${i}: last hash dropped`,
            () => verifyInclusion(i, size, d[i], proof.slice(0, -1), root),
          ];
        }
        if (proof.length > 1) {
          const swapped = [proof[1], proof[0], ...proof.slice(2)];
          yield [`leaf ${i}: first two swapped`, () => verifyInclusion(i, size, d[i], swapped, root)];
        }
      }
    }
    expect(acceptedAttempts(attempts())).toEqual([]);
  });

  test('rejects malformed arguments with a ProofError code', () => {
    const proof = tree.inclusionProof(3, 10);
    const root = ref.mth(0, 10);
    const code = (run: () => void): string | undefined => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ProofError);
        return (error as ProofError).code;
      }
      return undefined;
    };
    expect(code(() => verifyInclusion(3, 10, d[3], proof, root))).toBeUndefined();
    expect(code(() => verifyInclusion(10, 10, d[3], proof, root))).toBe('INVALID_ARGUMENT');
    expect(code(() => verifyInclusion(-1, 10, d[3], proof, root))).toBe('INVALID_ARGUMENT');
    expect(code(() => verifyInclusion(3.5, 10, d[3], proof, root))).toBe('INVALID_ARGUMENT');
    expect(code(() => verifyInclusion(2 ** 64, 10, d[3], proof, root))).toBe('INVALID_ARGUMENT');
    expect(code(() => verifyInclusion(3, 10, d[3].subarray(1), proof, root))).toBe('MALFORMED_HASH');
    expect(code(() => verifyInclusion(3, 10, d[3], proof, root.subarray(1)))).toBe('MALFORMED_HASH');
    expect(code(() => verifyInclusion(3, 10, d[3], [...proof, Buffer.alloc(0)], root))).toBe(
      'MALFORMED_HASH',
    );
    expect(code(() => verifyInclusion(3, 10, d[3], [...proof, d[0]], root))).toBe('PROOF_TOO_LONG');
    expect(code(() => verifyInclusion(3, 10, d[3], proof.slice(0, -1), root))).toBe('PROOF_TOO_SHORT');
    expect(code(() => verifyInclusion(3, 10, d[4], proof, root))).toBe('ROOT_MISMATCH');
  });
});

describe('consistency proofs (RFC 9162 2.1.4)', () => {
  const n = 40;
  const tree = buildTree(n);
  const ref = new Reference(leaves(n));
  const roots = range(0, n).map((size) => ref.mth(0, size));

  test.each(range(1, n))('every size1 up to size2 = %i', (size2) => {
    for (let size1 = 1; size1 <= size2; size1++) {
      const proof = tree.consistencyProof(size1, size2);
      expect(proof).toEqual(ref.subproof(size1, 0, size2, true));
      expect(() => verifyConsistency(size1, size2, proof, roots[size1], roots[size2])).not.toThrow();
      if (size1 < size2) {
        expect(() => verifyConsistency(size1, size2, proof, roots[size2], roots[size1])).toThrow(ProofError);
        expect(() => verifyConsistency(size1, size2, proof, roots[size1 - 1], roots[size2])).toThrow(
          ProofError,
        );
        expect(() => verifyConsistency(size1, size2, [], roots[size1], roots[size2])).toThrow(ProofError);
      } else {
        expect(proof).toEqual([]);
        if (size1 > 1)
          expect(() => verifyConsistency(size1, size2, proof, roots[size1], roots[1])).toThrow(ProofError);
      }
    }
  });

  test.each(range(2, 20))('tampering with any byte of a proof for size2 = %i is detected', (size2) => {
    function* attempts(): Generator<[string, () => void]> {
      for (let size1 = 1; size1 < size2; size1++) {
        const proof = tree.consistencyProof(size1, size2);
        const [root1, root2] = [roots[size1], roots[size2]];
        const verify =
          (p: Buffer[], r1 = root1, r2 = root2) =>
          () =>
            verifyConsistency(size1, size2, p, r1, r2);
        for (let e = 0; e < proof.length; e++) {
          for (let byte = 0; byte < 32; byte++) {
            yield [`size1 ${size1}: proof[${e}] byte ${byte}`, verify(flipped(proof, e, byte))];
          }
        }
        for (let byte = 0; byte < 32; byte++) {
          yield [`size1 ${size1}: root1 byte ${byte}`, verify(proof, flipped([root1], 0, byte)[0])];
          yield [`size1 ${size1}: root2 byte ${byte}`, verify(proof, root1, flipped([root2], 0, byte)[0])];
        }
        yield [`size1 ${size1}: extra hash after`, verify([...proof, root1])];
        yield [`size1 ${size1}: extra hash before`, verify([root1, ...proof])];
        yield [`size1 ${size1}: first hash dropped`, verify(proof.slice(1))];
        yield [`size1 ${size1}: last hash dropped`, verify(proof.slice(0, -1))];
      }
    }
    expect(acceptedAttempts(attempts())).toEqual([]);
  });

  test('rejects sizes RFC 9162 does not define a proof for', () => {
    const empty = roots[0];
    expect(() => verifyConsistency(0, 0, [], empty, empty)).toThrow(ProofError);
    expect(() => verifyConsistency(0, 5, [], empty, roots[5])).toThrow(ProofError);
    expect(() => verifyConsistency(6, 5, [], roots[6], roots[5])).toThrow(ProofError);
    expect(() => verifyConsistency(5, 5, [roots[5]], roots[5], roots[5])).toThrow(ProofError);
    expect(() => verifyConsistency(1, Number.MAX_SAFE_INTEGER + 1, [roots[1]], roots[1], roots[1])).toThrow(
      ProofError,
    );
  });
});

describe('proofs from a node store', () => {
  const tree = buildTree(45);

  function recording(): { get: GetNodeHash; reads: NodeRef[] } {
    const reads: NodeRef[] = [];
    return {
      reads,
      get: (level, index) => {
        reads.push({ level, index });
        return tree.getNode(level, index);
      },
    };
  }
  const keys = (refs: NodeRef[]): string[] => [...new Set(refs.map((r) => `${r.level}:${r.index}`))].sort();

  test('the planned nodes are exactly the nodes generation reads', () => {
    for (let size = 1; size <= 45; size++) {
      for (let i = 0; i < size; i++) {
        const { get, reads } = recording();
        inclusionProof(i, size, get);
        expect(keys(inclusionProofNodes(i, size))).toEqual(keys(reads));
      }
      for (let old = 1; old <= size; old++) {
        const { get, reads } = recording();
        consistencyProof(old, size, get);
        expect(keys(consistencyProofNodes(old, size))).toEqual(keys(reads));
      }
      const { get, reads } = recording();
      subtreeHash(0, size, get);
      expect(keys(rootNodes(size))).toEqual(keys(reads));
    }
  });

  test('aligned ranges need one node per set bit of their size', () => {
    expect(subtreeNodes(0, 45)).toEqual([
      { level: 5, index: 0 },
      { level: 3, index: 4 },
      { level: 2, index: 10 },
      { level: 0, index: 44 },
    ]);
    expect(subtreeNodes(32, 45)).toHaveLength(3);
    expect(subtreeNodes(7, 7)).toEqual([]);
  });

  test('async store helpers agree with the in-memory tree', async () => {
    for (const size of [1, 2, 3, 17, 32, 45]) {
      await expect(rootFromStore(tree, size)).resolves.toEqual(tree.root(size));
      for (const i of [0, size - 1, Math.floor(size / 2)]) {
        await expect(inclusionProofFromStore(tree, i, size)).resolves.toEqual(tree.inclusionProof(i, size));
      }
      for (const old of [1, size, Math.ceil(size / 3)]) {
        await expect(consistencyProofFromStore(tree, old, size)).resolves.toEqual(
          tree.consistencyProof(old, size),
        );
      }
    }
    await expect(rootFromStore(tree, 0)).resolves.toEqual(emptyRootHash());
  });

  test('a store that loses a node makes generation fail loudly', async () => {
    const broken = { getNodes: async (refs: readonly NodeRef[]) => (await tree.getNodes(refs)).slice(1) };
    const wanted = inclusionProofNodes(0, 45).length;
    await expect(inclusionProofFromStore(broken, 0, 45)).rejects.toThrow(
      `node store returned ${wanted - 1} hashes for ${wanted} nodes`,
    );
  });

  test('nodesCompletedByAppend lists the leaf and every subtree it completes', () => {
    const t = buildTree(7);
    const leaf = refLeaf(leafData(7));
    const nodes = nodesCompletedByAppend(7, leaf, (level, index) => t.getNode(level, index));
    expect(nodes.map(({ level, index }) => ({ level, index }))).toEqual([
      { level: 0, index: 7 },
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
    expect(nodes[3].hash).toEqual(refMth(leaves(8)));
    expect(nodesCompletedByAppend(8, leaf, () => Buffer.alloc(32))).toHaveLength(1);
  });

  test('sizes beyond 2^32 use exact arithmetic', () => {
    // Every leaf has the same hash, so the complete subtree at each level has one hash per level.
    const perLevel = [refLeaf(Buffer.from('same'))];
    for (let level = 1; level <= 53; level++)
      perLevel.push(refNode(perLevel[level - 1], perLevel[level - 1]));
    const get: GetNodeHash = (level) => perLevel[level];
    const big = [2 ** 32 + 1, 2 ** 40 + 12_345, 2 ** 52 + 3, Number.MAX_SAFE_INTEGER];
    for (const size of big) {
      const root = subtreeHash(0, size, get);
      for (const i of [0, 2 ** 31, 2 ** 32 - 1, 2 ** 32, size - 2, size - 1]) {
        const proof = inclusionProof(i, size, get);
        expect(() => verifyInclusion(i, size, perLevel[0], proof, root)).not.toThrow();
        expect(() => verifyInclusion(i, size, perLevel[0], proof.slice(1), root)).toThrow(ProofError);
      }
      for (const old of [1, 3, 2 ** 32 - 1, 2 ** 32 + 1, size - 1].filter((m) => m < size)) {
        const proof = consistencyProof(old, size, get);
        const oldRoot = subtreeHash(0, old, get);
        expect(() => verifyConsistency(old, size, proof, oldRoot, root)).not.toThrow();
        expect(() => verifyConsistency(old, size, proof, root, root)).toThrow(ProofError);
      }
    }
  });
});
