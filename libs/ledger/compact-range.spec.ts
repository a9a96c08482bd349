import { createHash } from 'node:crypto';
import { CompactMerkleRange } from './compact-range.js';
import { emptyRootHash, leafHash, rootFromLeafHashes } from './hash.js';

const leaf = (i: number) => leafHash(createHash('sha256').update(String(i)).digest());

describe('CompactMerkleRange', () => {
  it('has the empty-tree root before any leaf', () => {
    expect(new CompactMerkleRange().root()).toEqual(emptyRootHash());
  });

  it('gives the same root as the whole tree after every append, for sizes 1 to 70', () => {
    const range = new CompactMerkleRange();
    const leaves = [];
    for (let i = 0; i < 70; i++) {
      leaves.push(leaf(i));
      range.append(leaf(i));
      expect(range.size).toBe(i + 1);
      expect(range.root().toString('hex')).toBe(rootFromLeafHashes(leaves).toString('hex'));
    }
  });

  it('clones into an independent range: each goes on from the same prefix', () => {
    const range = new CompactMerkleRange();
    for (let i = 0; i < 11; i++) range.append(leaf(i));
    const copy = range.clone();
    copy.append(leaf(99));
    range.append(leaf(11));
    const prefix = Array.from({ length: 11 }, (_, i) => leaf(i));
    expect(copy.root()).toEqual(rootFromLeafHashes([...prefix, leaf(99)]));
    expect(range.root()).toEqual(rootFromLeafHashes([...prefix, leaf(11)]));
    expect([copy.size, range.size]).toEqual([12, 12]);
  });

  it('refuses a leaf hash of the wrong length', () => {
    expect(() => new CompactMerkleRange().append(Buffer.alloc(31))).toThrow(/32/);
  });
});
