// RFC 9162 section 2.1.3.2 (verifying an inclusion proof) and section 2.1.4.2 (verifying consistency
// between two tree heads). Both functions return nothing on success and throw ProofError otherwise.
import { Buffer } from 'node:buffer';
import { HASH_SIZE, nodeHash } from './hash.js';

export type ProofErrorCode =
  'INVALID_ARGUMENT' | 'MALFORMED_HASH' | 'PROOF_TOO_LONG' | 'PROOF_TOO_SHORT' | 'ROOT_MISMATCH';

export class ProofError extends Error {
  override readonly name = 'ProofError';

  constructor(
    readonly code: ProofErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function checkSize(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProofError(
      'INVALID_ARGUMENT',
      `${name} must be a non-negative safe integer, got ${String(value)}`,
    );
  }
}

function checkHash(hash: Uint8Array, name: string): void {
  if (!(hash instanceof Uint8Array)) throw new ProofError('MALFORMED_HASH', `${name} is not a byte array`);
  if (hash.length !== HASH_SIZE) {
    throw new ProofError('MALFORMED_HASH', `${name} is ${hash.length} bytes, expected ${HASH_SIZE}`);
  }
}

function checkProof(proof: readonly Uint8Array[]): void {
  if (!Array.isArray(proof)) throw new ProofError('INVALID_ARGUMENT', 'proof must be an array of hashes');
  proof.forEach((hash, i) => checkHash(hash, `proof[${i}]`));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** Throws ProofError unless proof shows leafHash at leafIndex in the tree of treeSize leaves with this root. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkSize(leafIndex, 'leafIndex');
  checkSize(treeSize, 'treeSize');
  checkHash(leafHash, 'leafHash');
  checkHash(root, 'root');
  checkProof(proof);

  // Step 1.
  if (leafIndex >= treeSize) {
    throw new ProofError(
      'INVALID_ARGUMENT',
      `leafIndex (${leafIndex}) is not less than treeSize (${treeSize})`,
    );
  }
  // Steps 2 and 3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  // Step 4.
  for (const p of proof) {
    if (sn === 0) {
      throw new ProofError(
        'PROOF_TOO_LONG',
        `proof has more than the hashes a tree of size ${treeSize} needs`,
      );
    }
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  if (sn !== 0) {
    throw new ProofError(
      'PROOF_TOO_SHORT',
      `proof has fewer than the hashes a tree of size ${treeSize} needs`,
    );
  }
  if (!equal(r, root)) {
    throw new ProofError(
      'ROOT_MISMATCH',
      'root computed from the inclusion proof does not match the given root',
    );
  }
}

/**
 * Throws ProofError unless proof shows the tree of size1 leaves with root1 is a prefix of the tree of
 * size2 leaves with root2. RFC 9162 defines the algorithm for 0 < size1 < size2; size1 = 0 is rejected.
 * For size1 = size2 the proof must be empty and root1 must equal root2 byte for byte (nothing is hashed,
 * so the roots are not otherwise checked, as in the reference vectors).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSize(size1, 'size1');
  checkSize(size2, 'size2');
  if (size1 === 0) {
    throw new ProofError(
      'INVALID_ARGUMENT',
      'size1 must be positive: consistency with the empty tree proves nothing',
    );
  }
  if (size1 > size2) throw new ProofError('INVALID_ARGUMENT', `size1 (${size1}) exceeds size2 (${size2})`);
  if (size1 === size2) {
    if (!Array.isArray(proof) || proof.length !== 0) {
      throw new ProofError('PROOF_TOO_LONG', 'proof must be empty when size1 equals size2');
    }
    if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array) || !equal(root1, root2)) {
      throw new ProofError('ROOT_MISMATCH', 'root1 and root2 differ although size1 equals size2');
    }
    return;
  }
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');
  checkProof(proof);

  // Step 1.
  if (proof.length === 0) throw new ProofError('PROOF_TOO_SHORT', 'proof is empty');
  // Step 2.
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  let fr = path[0];
  let sr = path[0];
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) {
      throw new ProofError(
        'PROOF_TOO_LONG',
        `proof has more than the hashes sizes ${size1} and ${size2} need`,
      );
    }
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) {
    throw new ProofError(
      'PROOF_TOO_SHORT',
      `proof has fewer than the hashes sizes ${size1} and ${size2} need`,
    );
  }
  if (!equal(fr, root1)) {
    throw new ProofError('ROOT_MISMATCH', 'root computed for size1 does not match root1');
  }
  if (!equal(sr, root2)) {
    throw new ProofError('ROOT_MISMATCH', 'root computed for size2 does not match root2');
  }
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
