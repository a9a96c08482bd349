import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  generateSigningKey,
  signTreeHead,
  type SignedTreeHead,
  type SigningKeyPair,
  type TreeHead,
} from '../../libs/ledger/index.js';

/** A signed tree head as this product publishes it: which key signed it travels with it. */
export type PublishedTreeHead = SignedTreeHead & { readonly keyId: string };

/** The Ed25519 key that signs tree heads, with the identifier published beside each head. */
export class TreeHeadSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly privateKey;

  constructor(pair: SigningKeyPair) {
    this.privateKey = createPrivateKey(pair.privateKeyPem);
    if (this.privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`the tree-head signing key must be Ed25519, not ${this.privateKey.asymmetricKeyType}`);
    const publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKeyPem);
  }

  sign(head: TreeHead): PublishedTreeHead {
    return { ...signTreeHead(head, this.privateKey), keyId: this.keyId };
  }
}

/** SHA-256 of the DER public key, in hex: how Certificate Transparency names a log's key. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export interface SigningKeySource {
  readonly pair: SigningKeyPair;
  /** Where it came from, for the start-up log. */
  readonly description: string;
}

/**
 * The key named by LEDGER_SIGNING_KEY_FILE (a PKCS#8 PEM Ed25519 private key), or else the one
 * kept in the data directory, made there (readable by its owner only) on first start.
 */
export function loadSigningKey(options: { keyFile?: string; dataDir: string }): SigningKeySource {
  if (options.keyFile) {
    const pem = readPem(options.keyFile);
    return { pair: pairFromPrivatePem(pem, options.keyFile), description: `from ${options.keyFile}` };
  }
  const path = join(options.dataDir, 'ledger-signing-key.pem');
  if (existsSync(path)) return { pair: pairFromPrivatePem(readPem(path), path), description: `from ${path}` };
  const pair = generateSigningKey();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  return { pair, description: `generated into ${path}` };
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the tree-head signing key at ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function pairFromPrivatePem(privateKeyPem: string, path: string): SigningKeyPair {
  try {
    const key = createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is ${key.asymmetricKeyType}, not Ed25519`);
    return {
      privateKeyPem,
      publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    };
  } catch (error) {
    throw new Error(
      `The tree-head signing key at ${path} is not a usable Ed25519 private key (PKCS#8 PEM): ${(error as Error).message}. ` +
        'Make one with: openssl genpkey -algorithm ed25519 -out ledger-signing-key.pem',
      { cause: error },
    );
  }
}
