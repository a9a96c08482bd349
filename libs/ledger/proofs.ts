// RFC 9162 section 2.1.3.1 (inclusion proofs, PATH) and section 2.1.4.1 (consistency proofs, PROOF and
// SUBPROOF), generated from stored complete-subtree hashes.
import type { Buffer } from 'node:buffer';
import {
  assertSize,
  splitPoint,
  subtreeHash,
  subtreeNodes,
  type GetNodeHash,
  type NodeRef,
} from './subtree.js';

type Range = readonly [start: number, end: number];

/** PATH(m, D[0:n]) as leaf ranges, bottom-most first. */
function inclusionRanges(leafIndex: number, treeSize: number): Range[] {
  assertSize(leafIndex, 'leafIndex');
  assertSize(treeSize, 'treeSize');
  if (leafIndex >= treeSize) {
    throw new RangeError(`leafIndex (${leafIndex}) must be less than treeSize (${treeSize})`);
  }
  const ranges: Range[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
    }
  }
  return ranges.reverse();
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) as leaf ranges, bottom-most first. */
function consistencyRanges(oldSize: number, newSize: number): Range[] {
  assertSize(oldSize, 'oldSize');
  assertSize(newSize, 'newSize');
  if (oldSize === 0) {
    throw new RangeError('oldSize must be positive: a consistency proof from the empty tree is undefined');
  }
  if (oldSize > newSize) throw new RangeError(`oldSize (${oldSize}) must not exceed newSize (${newSize})`);
  const ranges: Range[] = [];
  let lo = 0;
  let hi = newSize;
  let whole = true;
  while (oldSize !== hi) {
    const k = splitPoint(hi - lo);
    if (oldSize <= lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      whole = false;
    }
  }
  if (!whole) ranges.push([lo, hi]);
  return ranges.reverse();
}

function nodesOf(ranges: Range[]): NodeRef[] {
  const seen = new Set<string>();
  const nodes: NodeRef[] = [];
  for (const [start, end] of ranges) {
    for (const node of subtreeNodes(start, end)) {
      const key = `${node.level}:${node.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        nodes.push(node);
      }
    }
  }
  return nodes;
}

/** Audit path for leafIndex in the tree of the first treeSize leaves, bottom-most hash first. */
export function inclusionProof(leafIndex: number, treeSize: number, getNodeHash: GetNodeHash): Buffer[] {
  return inclusionRanges(leafIndex, treeSize).map(([start, end]) => subtreeHash(start, end, getNodeHash));
}

/** Every complete subtree inclusionProof(leafIndex, treeSize, ...) reads, so a store can fetch them at once. */
export function inclusionProofNodes(leafIndex: number, treeSize: number): NodeRef[] {
  return nodesOf(inclusionRanges(leafIndex, treeSize));
}

/**
 * Consistency proof between the trees of the first oldSize and newSize leaves (0 < oldSize <= newSize;
 * equal sizes give an empty proof).
 */
export function consistencyProof(oldSize: number, newSize: number, getNodeHash: GetNodeHash): Buffer[] {
  return consistencyRanges(oldSize, newSize).map(([start, end]) => subtreeHash(start, end, getNodeHash));
}

/** Every complete subtree consistencyProof(oldSize, newSize, ...) reads. */
export function consistencyProofNodes(oldSize: number, newSize: number): NodeRef[] {
  return nodesOf(consistencyRanges(oldSize, newSize));
}

/** Every complete subtree needed for MTH(D[0:treeSize]) (the tree's "compact range"). */
export function rootNodes(treeSize: number): NodeRef[] {
  return subtreeNodes(0, treeSize);
}
