// Public API: RFC 9162 (Certificate Transparency v2) Merkle trees and proofs, RFC 8785 canonical JSON,
// and Ed25519-signed tree heads.
export { HASH_SIZE, emptyRootHash, leafHash, nodeHash, rootFromLeafHashes } from './hash.js';
export {
  nodesCompletedByAppend,
  subtreeHash,
  subtreeNodes,
  type GetNodeHash,
  type NodeRef,
  type StoredNode,
} from './subtree.js';
export {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  rootNodes,
} from './proofs.js';
export { ProofError, verifyConsistency, verifyInclusion, type ProofErrorCode } from './verify.js';
export {
  consistencyProofFromStore,
  inclusionProofFromStore,
  loadNodeHashes,
  rootFromStore,
  type MerkleNodeStore,
} from './node-store.js';
export { MemoryMerkleTree } from './memory-tree.js';
export { CanonicalJsonError, canonicalJson } from './canonical-json.js';
export {
  TreeHeadError,
  generateSigningKey,
  signTreeHead,
  treeHeadSigningInput,
  verifyTreeHead,
  type SignedTreeHead,
  type SigningKeyPair,
  type TreeHead,
  type TreeHeadErrorCode,
  type VerifiedTreeHead,
} from './tree-head.js';
export { CompactMerkleRange } from './compact-range.js';
