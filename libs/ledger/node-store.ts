// RFC 9162 sections 2.1.1, 2.1.3.1 and 2.1.4.1 over a store of complete-subtree hashes keyed by
// (level, index), such as a database table. Reads are planned first, then fetched in one call.
import type { Buffer } from 'node:buffer';
import {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  rootNodes,
} from './proofs.js';
import { assertHashSize } from './hash.js';
import { subtreeHash, type GetNodeHash, type NodeRef } from './subtree.js';

export interface MerkleNodeStore {
  /** Hashes of the given complete subtrees, in the same order; rejects if any is not stored. */
  getNodes(refs: readonly NodeRef[]): Promise<readonly Buffer[]>;
}

const key = (level: number, index: number): string => `${level}:${index}`;

/** Fetches refs once and returns a lookup over exactly those nodes (asking for any other node throws). */
export async function loadNodeHashes(store: MerkleNodeStore, refs: readonly NodeRef[]): Promise<GetNodeHash> {
  const hashes = refs.length === 0 ? [] : await store.getNodes(refs);
  if (hashes.length !== refs.length) {
    throw new Error(`node store returned ${hashes.length} hashes for ${refs.length} nodes`);
  }
  const byKey = new Map<string, Buffer>();
  refs.forEach((ref, i) => {
    assertHashSize(hashes[i], `stored node (level ${ref.level}, index ${ref.index})`);
    byKey.set(key(ref.level, ref.index), hashes[i]);
  });
  return (level, index) => {
    const hash = byKey.get(key(level, index));
    if (hash === undefined) throw new Error(`node (level ${level}, index ${index}) was not loaded`);
    return hash;
  };
}

export async function rootFromStore(store: MerkleNodeStore, treeSize: number): Promise<Buffer> {
  return subtreeHash(0, treeSize, await loadNodeHashes(store, rootNodes(treeSize)));
}

export async function inclusionProofFromStore(
  store: MerkleNodeStore,
  leafIndex: number,
  treeSize: number,
): Promise<Buffer[]> {
  const nodes = inclusionProofNodes(leafIndex, treeSize);
  return inclusionProof(leafIndex, treeSize, await loadNodeHashes(store, nodes));
}

export async function consistencyProofFromStore(
  store: MerkleNodeStore,
  oldSize: number,
  newSize: number,
): Promise<Buffer[]> {
  const nodes = consistencyProofNodes(oldSize, newSize);
  return consistencyProof(oldSize, newSize, await loadNodeHashes(store, nodes));
}
