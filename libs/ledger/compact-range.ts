// RFC 9162 section 2.1.1 for a stream of leaves: the root after each append, keeping only the
// O(log n) complete subtrees on the right edge of the tree (the "compact range" of CT logs).
import { Buffer } from 'node:buffer';
import { assertHashSize, emptyRootHash, nodeHash } from './hash.js';

export class CompactMerkleRange {
  /** Complete subtrees, largest (left-most) first; their sizes are the set bits of `size`. */
  private readonly stack: { level: number; hash: Buffer }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  append(leafHashValue: Uint8Array): void {
    assertHashSize(leafHashValue, 'leafHash');
    let node: { level: number; hash: Buffer } = { level: 0, hash: Buffer.from(leafHashValue) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.leaves++;
  }

  /** An independent copy: appending to one leaves the other as it was. */
  clone(): CompactMerkleRange {
    const copy = new CompactMerkleRange();
    copy.stack.push(...this.stack);
    copy.leaves = this.leaves;
    return copy;
  }

  /** MTH of every leaf appended so far. */
  root(): Buffer {
    if (this.stack.length === 0) return emptyRootHash();
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}
