import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  TreeHeadError,
  generateSigningKey,
  rootFromLeafHashes,
  leafHash,
  signTreeHead,
  treeHeadSigningInput,
  verifyTreeHead,
  type SignedTreeHead,
} from './index.js';

describe('signed tree heads (Ed25519 over RFC 8785 canonical JSON)', () => {
  const keys = generateSigningKey();
  const privateKey = createPrivateKey(keys.privateKeyPem);
  const publicKey = createPublicKey(keys.publicKeyPem);
  const rootHash = rootFromLeafHashes([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]);
  const head = { treeSize: 2, rootHash, timestamp: new Date('2025-03-04T05:06:07.089Z') };
  const sth = signTreeHead(head, privateKey);

  const code = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(TreeHeadError);
      return (error as TreeHeadError).code;
    }
    return 'accepted';
  };

  test('generateSigningKey returns Ed25519 PEM keys', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    expect(generateSigningKey().publicKeyPem).not.toBe(keys.publicKeyPem);
  });

  test('the signed tree head is plain JSON with base64 hash and signature and an ISO timestamp', () => {
    expect(sth).toEqual({
      treeSize: 2,
      rootHash: rootHash.toString('base64'),
      timestamp: '2025-03-04T05:06:07.089Z',
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(JSON.parse(JSON.stringify(sth))).toEqual(sth);
  });

  test('the signing input is the canonical JSON of the three fields', () => {
    expect(treeHeadSigningInput(sth.treeSize, sth.rootHash, sth.timestamp).toString('utf8')).toBe(
      `{"rootHash":"${sth.rootHash}","timestamp":"2025-03-04T05:06:07.089Z","treeSize":2}`,
    );
  });

  test('round-trips with KeyObjects and with PEM strings', () => {
    const verified = verifyTreeHead(sth, publicKey);
    expect(verified).toEqual({ treeSize: 2, rootHash, timestamp: head.timestamp });
    expect(
      verifyTreeHead(JSON.parse(JSON.stringify(sth)) as SignedTreeHead, keys.publicKeyPem).rootHash,
    ).toEqual(rootHash);
    expect(signTreeHead(head, keys.privateKeyPem)).toEqual(sth); // Ed25519 signatures are deterministic
  });

  test('any altered field makes the signature fail', () => {
    const otherRoot = Buffer.from(rootHash);
    otherRoot[31] ^= 0x01;
    const badSignature = Buffer.from(sth.signature, 'base64');
    badSignature[10] ^= 0x01;
    expect(code(() => verifyTreeHead({ ...sth, treeSize: 3 }, publicKey))).toBe('BAD_SIGNATURE');
    expect(code(() => verifyTreeHead({ ...sth, treeSize: 1 }, publicKey))).toBe('BAD_SIGNATURE');
    expect(code(() => verifyTreeHead({ ...sth, rootHash: otherRoot.toString('base64') }, publicKey))).toBe(
      'BAD_SIGNATURE',
    );
    expect(code(() => verifyTreeHead({ ...sth, timestamp: '2025-03-04T05:06:07.090Z' }, publicKey))).toBe(
      'BAD_SIGNATURE',
    );
    expect(
      code(() => verifyTreeHead({ ...sth, signature: badSignature.toString('base64') }, publicKey)),
    ).toBe('BAD_SIGNATURE');
    expect(code(() => verifyTreeHead(sth, generateSigningKey().publicKeyPem))).toBe('BAD_SIGNATURE');
  });

  test('malformed fields are rejected before the signature is checked', () => {
    const variants: Partial<Record<keyof SignedTreeHead, unknown>>[] = [
      { treeSize: -1 },
      { treeSize: 2.5 },
      { treeSize: '2' },
      { rootHash: rootHash.subarray(1).toString('base64') },
      { rootHash: rootHash.toString('base64url') },
      { rootHash: rootHash.toString('base64').replace(/=$/, '') },
      { rootHash: `${rootHash.toString('base64')}\n` },
      { timestamp: '2025-03-04T05:06:07Z' },
      { timestamp: '2025-03-04T06:06:07.089+01:00' },
      { timestamp: 'not a date' },
      { timestamp: 1741064767089 },
      { signature: '' },
      { signature: sth.signature.slice(0, -4) },
    ];
    for (const variant of variants) {
      expect([
        variant,
        code(() => verifyTreeHead({ ...sth, ...variant } as SignedTreeHead, publicKey)),
      ]).toEqual([variant, 'MALFORMED']);
    }
    // A base64 string whose last character has non-zero unused bits decodes to the same bytes.
    const last = sth.rootHash.at(-2) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sloppy = `${sth.rootHash.slice(0, -2)}${alphabet[alphabet.indexOf(last) + 1]}=`;
    expect(Buffer.from(sloppy, 'base64')).toEqual(rootHash);
    expect(code(() => verifyTreeHead({ ...sth, rootHash: sloppy }, publicKey))).toBe('MALFORMED');
  });

  test('signing validates its input and key', () => {
    expect(code(() => signTreeHead({ ...head, treeSize: -1 }, privateKey))).toBe('MALFORMED');
    expect(code(() => signTreeHead({ ...head, rootHash: Buffer.alloc(31) }, privateKey))).toBe('MALFORMED');
    expect(code(() => signTreeHead({ ...head, timestamp: new Date(Number.NaN) }, privateKey))).toBe(
      'MALFORMED',
    );
    expect(code(() => signTreeHead(head, publicKey))).toBe('WRONG_KEY');
    expect(code(() => signTreeHead(head, 'not a pem'))).toBe('WRONG_KEY');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(code(() => signTreeHead(head, ec.privateKey))).toBe('WRONG_KEY');
    expect(code(() => verifyTreeHead(sth, ec.publicKey))).toBe('WRONG_KEY');
    expect(code(() => verifyTreeHead(sth, privateKey))).toBe('WRONG_KEY');
  });
});
