// RFC 9162 section 2.1.1 (identical to RFC 6962 section 2.1): Merkle Tree Hash with SHA-256.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || data): the hash of one log entry. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256 of the empty string. */
export function emptyRootHash(): Buffer {
  return createHash('sha256').digest();
}

/**
 * MTH of the tree whose leaves have the given hashes, for any number of leaves.
 * Works level by level in one scratch array (O(n) hashes, O(n) memory, no recursion).
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRootHash();
  const level: Uint8Array[] = leafHashes.slice();
  level.forEach((hash, i) => assertHashSize(hash, `leafHashes[${i}]`));
  let width = level.length;
  while (width > 1) {
    const pairs = Math.floor(width / 2);
    for (let i = 0; i < pairs; i++) level[i] = nodeHash(level[2 * i], level[2 * i + 1]);
    // An unpaired last node is promoted unchanged, which is exactly RFC 9162's split at the
    // largest power of two smaller than n.
    if (width % 2 === 1) level[pairs] = level[width - 1];
    width = Math.ceil(width / 2);
  }
  return Buffer.from(level[0]);
}

export function assertHashSize(hash: Uint8Array, name: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    const got = hash instanceof Uint8Array ? `${hash.length} bytes` : typeof hash;
    throw new TypeError(`${name} must be a ${HASH_SIZE}-byte SHA-256 hash, got ${got}`);
  }
}
