// RFC 9162 section 2.1.1: MTH of a range of leaves, assembled from stored complete subtrees.
import { Buffer } from 'node:buffer';
import { assertHashSize, emptyRootHash, nodeHash } from './hash.js';

/**
 * A complete (perfect) subtree: the 2^level leaves [index * 2^level, (index + 1) * 2^level).
 * Once its last leaf is appended its hash never changes, so it serves every later tree size.
 */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode extends NodeRef {
  readonly hash: Buffer;
}

/** Returns the hash of the complete subtree (level, index); must throw if it is not stored. */
export type GetNodeHash = (level: number, index: number) => Buffer;

export function assertSize(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
  }
}

/** Largest power of two strictly smaller than n (n >= 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function completeLevel(start: number, size: number): number | undefined {
  let level = 0;
  let width = 1;
  while (width < size) {
    width *= 2;
    level++;
  }
  return width === size && start % size === 0 ? level : undefined;
}

function foldRange<T>(
  start: number,
  end: number,
  node: (level: number, index: number) => T,
  combine: (left: T, right: T) => T,
): T {
  const size = end - start;
  const level = completeLevel(start, size);
  if (level !== undefined) return node(level, start / size);
  const k = splitPoint(size);
  return combine(foldRange(start, start + k, node, combine), foldRange(start + k, end, node, combine));
}

function assertRange(start: number, end: number): void {
  assertSize(start, 'start');
  assertSize(end, 'end');
  if (start > end) throw new RangeError(`start (${start}) must not exceed end (${end})`);
}

/**
 * MTH(D[start:end]). Costs O(log n) node lookups when start is a multiple of the smallest power
 * of two >= end - start (every range a proof or root needs); other ranges fall back to more,
 * smaller nodes. An empty range has the empty-tree hash.
 */
export function subtreeHash(start: number, end: number, getNodeHash: GetNodeHash): Buffer {
  assertRange(start, end);
  if (start === end) return emptyRootHash();
  return foldRange(start, end, getNodeHash, nodeHash);
}

/** The complete subtrees subtreeHash(start, end, ...) reads, left to right. */
export function subtreeNodes(start: number, end: number): NodeRef[] {
  assertRange(start, end);
  if (start === end) return [];
  return foldRange<NodeRef[]>(
    start,
    end,
    (level, index) => [{ level, index }],
    (left, right) => left.concat(right),
  );
}

/**
 * The nodes that become complete when the leaf with index treeSize is appended: the leaf itself
 * and each ancestor whose right-most leaf it is. getNodeHash is asked only for left siblings,
 * which are among subtreeNodes(0, treeSize).
 */
export function nodesCompletedByAppend(
  treeSize: number,
  leafHashValue: Uint8Array,
  getNodeHash: GetNodeHash,
): StoredNode[] {
  assertSize(treeSize, 'treeSize');
  assertHashSize(leafHashValue, 'leafHash');
  let hash: Buffer = Buffer.from(leafHashValue);
  let index = treeSize;
  const nodes: StoredNode[] = [{ level: 0, index, hash }];
  for (let level = 0; index % 2 === 1; level++) {
    hash = nodeHash(getNodeHash(level, index - 1), hash);
    index = (index - 1) / 2;
    nodes.push({ level: level + 1, index, hash });
  }
  return nodes;
}
