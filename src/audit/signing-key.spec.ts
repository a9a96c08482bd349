import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, verifyTreeHead } from '../../libs/ledger/index.js';
import { keyIdOf, loadSigningKey, TreeHeadSigner } from './signing-key.js';

const made: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the tree-head signing key', () => {
  it('is made on first start in the data directory, readable by its owner only, and reused after', () => {
    const dataDir = join(scratch(), 'data');
    const first = loadSigningKey({ dataDir });
    const path = join(dataDir, 'ledger-signing-key.pem');
    expect(first.description).toBe(`generated into ${path}`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('BEGIN PRIVATE KEY');

    const again = loadSigningKey({ dataDir });
    expect(again.description).toBe(`from ${path}`);
    expect(again.pair.publicKeyPem).toBe(first.pair.publicKeyPem);
  });

  it('comes from LEDGER_SIGNING_KEY_FILE when one is configured, and nothing is written', () => {
    const dir = scratch();
    const keyFile = join(dir, 'council.pem');
    const pair = generateSigningKey();
    writeFileSync(keyFile, pair.privateKeyPem);
    const loaded = loadSigningKey({ keyFile, dataDir: join(dir, 'data') });
    expect(loaded.pair.publicKeyPem).toBe(pair.publicKeyPem);
    expect(() => statSync(join(dir, 'data'))).toThrow();
  });

  it('refuses a key that is not Ed25519, saying how to make one', () => {
    const keyFile = join(scratch(), 'rsa.pem');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(keyFile, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey({ keyFile, dataDir: scratch() })).toThrow(
      /not a usable Ed25519 private key.*it is rsa.*openssl genpkey -algorithm ed25519/,
    );
  });

  it('refuses a file that is not a key, or is missing, naming the path', () => {
    const keyFile = join(scratch(), 'notes.pem');
    writeFileSync(keyFile, 'not a key');
    expect(() => loadSigningKey({ keyFile, dataDir: scratch() })).toThrow(`signing key at ${keyFile}`);
    const missing = join(scratch(), 'missing.pem');
    expect(() => loadSigningKey({ keyFile: missing, dataDir: scratch() })).toThrow(
      `Cannot read the tree-head signing key at ${missing}`,
    );
  });

  it('signs heads that verify with its published key, named by the SHA-256 of that key', () => {
    const signer = new TreeHeadSigner(generateSigningKey());
    const head = signer.sign({ treeSize: 3, rootHash: Buffer.alloc(32, 7), timestamp: new Date() });
    expect(head.keyId).toBe(keyIdOf(signer.publicKeyPem));
    expect(head.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyTreeHead(head, signer.publicKeyPem).treeSize).toBe(3);
    expect(() => verifyTreeHead(head, generateSigningKey().publicKeyPem)).toThrow();
  });
});
