// RFC 9162 section 2.1: an append-only Merkle tree held in memory as its complete-subtree hashes
// (level 0 = leaf hashes), from which roots and proofs for every earlier size can be produced.
import { Buffer } from 'node:buffer';
import { leafHash } from './hash.js';
import type { MerkleNodeStore } from './node-store.js';
import { consistencyProof, inclusionProof } from './proofs.js';
import { assertSize, nodesCompletedByAppend, subtreeHash, type NodeRef } from './subtree.js';

export class MemoryMerkleTree implements MerkleNodeStore {
  private readonly levels: Buffer[][] = [[]];

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends one leaf hash and returns its index. */
  append(leafHashValue: Uint8Array): number {
    const index = this.size;
    const nodes = nodesCompletedByAppend(index, leafHashValue, (level, i) => this.getNode(level, i));
    for (const node of nodes) {
      (this.levels[node.level] ??= []).push(node.hash);
    }
    return index;
  }

  /** Appends leafHash(data) and returns its index. */
  appendData(data: Uint8Array): number {
    return this.append(leafHash(data));
  }

  /** Hash of the complete subtree (level, index); throws if that subtree is not complete yet. */
  getNode(level: number, index: number): Buffer {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) {
      throw new RangeError(
        `no complete subtree at level ${level}, index ${index} in a tree of size ${this.size}`,
      );
    }
    return Buffer.from(hash);
  }

  async getNodes(refs: readonly NodeRef[]): Promise<Buffer[]> {
    return refs.map(({ level, index }) => this.getNode(level, index));
  }

  leafHash(index: number): Buffer {
    return this.getNode(0, index);
  }

  /** MTH of the first treeSize leaves. */
  root(treeSize: number = this.size): Buffer {
    this.checkSize(treeSize);
    return this.subtreeHash(0, treeSize);
  }

  /** MTH(D[start:end]). */
  subtreeHash(start: number, end: number): Buffer {
    this.checkSize(end);
    return subtreeHash(start, end, (level, index) => this.getNode(level, index));
  }

  inclusionProof(leafIndex: number, treeSize: number = this.size): Buffer[] {
    this.checkSize(treeSize);
    return inclusionProof(leafIndex, treeSize, (level, index) => this.getNode(level, index));
  }

  consistencyProof(oldSize: number, newSize: number = this.size): Buffer[] {
    this.checkSize(newSize);
    return consistencyProof(oldSize, newSize, (level, index) => this.getNode(level, index));
  }

  private checkSize(treeSize: number): void {
    assertSize(treeSize, 'treeSize');
    if (treeSize > this.size) {
      throw new RangeError(`treeSize (${treeSize}) exceeds the tree's size (${this.size})`);
    }
  }
}
