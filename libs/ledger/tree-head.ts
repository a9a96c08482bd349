// Signed tree heads in the spirit of RFC 9162 section 4.10, signed with Ed25519 (RFC 8032) over the
// RFC 8785 canonical JSON of {rootHash, timestamp, treeSize}.
import { Buffer } from 'node:buffer';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { HASH_SIZE } from './hash.js';

export interface TreeHead {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly timestamp: Date;
}

/** JSON form of a signed tree head; rootHash and signature are standard base64 with padding. */
export interface SignedTreeHead {
  readonly treeSize: number;
  readonly rootHash: string;
  /** ISO 8601 UTC with milliseconds, as produced by Date.prototype.toISOString. */
  readonly timestamp: string;
  readonly signature: string;
}

export interface VerifiedTreeHead {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly timestamp: Date;
}

export interface SigningKeyPair {
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
}

export type TreeHeadErrorCode = 'MALFORMED' | 'WRONG_KEY' | 'BAD_SIGNATURE';

export class TreeHeadError extends Error {
  override readonly name = 'TreeHeadError';

  constructor(
    readonly code: TreeHeadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const ED25519_SIGNATURE_SIZE = 64;

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/**
 * The bytes that are signed: UTF-8 of canonicalJson({ rootHash: base64, timestamp: ISO string, treeSize }),
 * e.g. {"rootHash":"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=","timestamp":"2024-01-01T00:00:00.000Z","treeSize":0}
 */
export function treeHeadSigningInput(treeSize: number, rootHashBase64: string, timestampIso: string): Buffer {
  return Buffer.from(canonicalJson({ treeSize, rootHash: rootHashBase64, timestamp: timestampIso }), 'utf8');
}

export function signTreeHead(head: TreeHead, privateKey: KeyObject | string): SignedTreeHead {
  checkTreeSize(head.treeSize);
  if (!(head.rootHash instanceof Uint8Array) || head.rootHash.length !== HASH_SIZE) {
    throw new TreeHeadError('MALFORMED', `rootHash must be ${HASH_SIZE} bytes`);
  }
  if (!(head.timestamp instanceof Date) || Number.isNaN(head.timestamp.getTime())) {
    throw new TreeHeadError('MALFORMED', 'timestamp must be a valid Date');
  }
  const key = ed25519Key(privateKey, 'private');
  const rootHash = Buffer.from(head.rootHash).toString('base64');
  const timestamp = head.timestamp.toISOString();
  const signature = sign(null, treeHeadSigningInput(head.treeSize, rootHash, timestamp), key);
  return { treeSize: head.treeSize, rootHash, timestamp, signature: signature.toString('base64') };
}

/** Checks the fields and the signature; returns the decoded tree head or throws TreeHeadError. */
export function verifyTreeHead(sth: SignedTreeHead, publicKey: KeyObject | string): VerifiedTreeHead {
  if (typeof sth !== 'object' || sth === null)
    throw new TreeHeadError('MALFORMED', 'signed tree head must be an object');
  checkTreeSize(sth.treeSize);
  const rootHash = decodeBase64(sth.rootHash, 'rootHash');
  if (rootHash.length !== HASH_SIZE)
    throw new TreeHeadError('MALFORMED', `rootHash must be ${HASH_SIZE} bytes`);
  const timestamp = decodeTimestamp(sth.timestamp);
  const signature = decodeBase64(sth.signature, 'signature');
  if (signature.length !== ED25519_SIGNATURE_SIZE) {
    throw new TreeHeadError('MALFORMED', `signature must be ${ED25519_SIGNATURE_SIZE} bytes`);
  }
  const key = ed25519Key(publicKey, 'public');
  const message = treeHeadSigningInput(sth.treeSize, sth.rootHash, sth.timestamp);
  if (!verify(null, message, key, signature)) {
    throw new TreeHeadError('BAD_SIGNATURE', 'tree head signature does not verify with the given public key');
  }
  return { treeSize: sth.treeSize, rootHash, timestamp };
}

function checkTreeSize(treeSize: number): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new TreeHeadError(
      'MALFORMED',
      `treeSize must be a non-negative safe integer, got ${String(treeSize)}`,
    );
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(value: unknown, name: string): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new TreeHeadError('MALFORMED', `${name} must be padded standard base64`);
  }
  const bytes = Buffer.from(value, 'base64');
  // Rejects non-zero unused bits, so each byte string has exactly one accepted encoding.
  if (bytes.toString('base64') !== value)
    throw new TreeHeadError('MALFORMED', `${name} is not canonical base64`);
  return bytes;
}

function decodeTimestamp(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || date.toISOString() !== value) {
    throw new TreeHeadError(
      'MALFORMED',
      'timestamp must be an ISO 8601 string as produced by Date.toISOString()',
    );
  }
  return date;
}

function ed25519Key(key: KeyObject | string, type: 'private' | 'public'): KeyObject {
  let keyObject: KeyObject;
  try {
    keyObject =
      typeof key === 'string' ? (type === 'private' ? createPrivateKey(key) : createPublicKey(key)) : key;
  } catch (error) {
    throw new TreeHeadError('WRONG_KEY', `cannot read ${type} key: ${(error as Error).message}`);
  }
  if (keyObject.asymmetricKeyType !== 'ed25519') {
    throw new TreeHeadError(
      'WRONG_KEY',
      `expected an Ed25519 key, got ${keyObject.asymmetricKeyType ?? keyObject.type}`,
    );
  }
  if (keyObject.type !== type)
    throw new TreeHeadError('WRONG_KEY', `expected a ${type} key, got a ${keyObject.type} key`);
  return keyObject;
}
