import { Buffer } from 'node:buffer';
import { CompactMerkleRange, verifyTreeHead, type SignedTreeHead } from '../../libs/ledger/index.js';
import { envelopeLeafHash } from './event-envelope.js';
import { EXPORT_FORMAT, type ExportLeaf, type ExportLine, type ExportTreeHead } from './export-format.js';
import { keyIdOf } from './signing-key.js';

export interface TrustedInputs {
  /** The signed tree head the auditor holds, obtained apart from the export. */
  treeHead: SignedTreeHead;
  /** The public key it must verify with, SPKI PEM. */
  publicKeyPem: string;
  /** Earlier signed tree heads the auditor kept: the log must extend each of them. */
  earlierTreeHeads?: SignedTreeHead[];
}

export interface MismatchedEvent {
  leafIndex: number;
  eventId: string;
  position: string;
  streamId: string | null;
  streamVersion: number | null;
  type: string | null;
  problem: string;
}

export interface VerificationReport {
  ok: boolean;
  treeSize: number;
  leavesChecked: number;
  rootHash: string;
  /** The first leaf whose event no longer hashes to what was sealed: the event that was changed. */
  firstMismatch: MismatchedEvent | null;
  treeHeadsChecked: number;
  problems: string[];
}

export type VerifyProgress = (checked: number, total: number) => void;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Checks an export against a tree head the auditor trusts, with no database: recomputes every
 * leaf from its event and the root from the leaves, checks the signatures, and checks that the
 * log extends every earlier tree head given and every signed head inside the export. When an
 * event no longer matches the leaf sealed for it, it is named.
 */
export async function verifyExport(
  lines: AsyncIterable<string>,
  trusted: TrustedInputs,
  onProgress?: VerifyProgress,
): Promise<VerificationReport> {
  const problems: string[] = [];
  const trustedKeyId = keyIdOf(trusted.publicKeyPem);
  const trustedHead = verifyTreeHead(trusted.treeHead, trusted.publicKeyPem);
  /** Roots the leaves must reach at each size; `yours` for the heads the auditor brought. */
  const checkpoints = new Map<number, { root: string; from: string; yours: boolean }[]>();
  const expectRoot = (size: number, root: string, from: string, yours = true) => {
    const list = checkpoints.get(size) ?? [];
    list.push({ root, from, yours });
    checkpoints.set(size, list);
  };
  expectRoot(
    trustedHead.treeSize,
    b64(trustedHead.rootHash),
    `the tree head you gave (size ${trustedHead.treeSize})`,
  );
  for (const earlier of trusted.earlierTreeHeads ?? []) {
    const head = verifyTreeHead(earlier, trusted.publicKeyPem);
    if (head.treeSize > trustedHead.treeSize)
      problems.push(
        `The earlier tree head of size ${head.treeSize} is larger than the one to verify against`,
      );
    else expectRoot(head.treeSize, b64(head.rootHash), `your earlier tree head (size ${head.treeSize})`);
  }

  const range = new CompactMerkleRange();
  let total = trustedHead.treeSize;
  let treeHeadsChecked = 0;
  /** Leaves whose event no longer matches the hash stored for it, in order (the first hundred). */
  const mismatches: ExportLeaf[] = [];
  let moreMismatches = 0;
  let sawHeader = false;
  let lineNumber = 0;
  // The largest size whose leaves, as recomputed, still hash to a signed root: a change whose
  // sealed hash was rewritten too lies after it.
  let lastGoodSize = 0;
  let firstBadSize: number | undefined;
  let lastGoodBeforeBad = 0;
  let laterBadHeads = 0;
  const check = (size: number) => {
    for (const { root, from, yours } of checkpoints.get(size) ?? []) {
      treeHeadsChecked++;
      if (b64(range.root()) === root) {
        lastGoodSize = Math.max(lastGoodSize, size);
        continue;
      }
      if (firstBadSize !== undefined && !yours) {
        laterBadHeads++; // follows from the first: one change breaks every head after it
        continue;
      }
      if (firstBadSize === undefined) {
        firstBadSize = size;
        lastGoodBeforeBad = lastGoodSize;
      }
      // An event present but not as sealed, after the last root that held, explains the failure;
      // a missing event cannot (it is folded in with its sealed hash).
      const explained = mismatches.some(
        (m) => m.event !== null && m.leafIndex >= lastGoodSize && m.leafIndex < size,
      );
      problems.push(
        `The first ${size} leaves do not hash to the root of ${from}` +
          (explained
            ? ''
            : `: a leaf from ${lastGoodSize} to ${size - 1} was changed along with the hash sealed for it` +
              (lastGoodSize > 0 ? ` (the first ${lastGoodSize} still match a signed head)` : '')),
      );
    }
  };
  if (trustedHead.treeSize === 0) check(0);

  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    let line: ExportLine;
    try {
      line = JSON.parse(text) as ExportLine;
    } catch {
      throw new Error(`line ${lineNumber} of the export is not JSON`);
    }
    if (!sawHeader) {
      if (line.kind !== 'header' || line.format !== EXPORT_FORMAT)
        throw new Error(`this is not an audit export (line 1 should be its ${EXPORT_FORMAT} header)`);
      sawHeader = true;
      total = Math.min(line.treeSize, trustedHead.treeSize);
      if (line.treeSize < trustedHead.treeSize)
        problems.push(
          `The export holds ${line.treeSize} leaves, fewer than the ${trustedHead.treeSize} of the tree head`,
        );
      continue;
    }
    if (line.kind === 'treeHead') {
      const head = exportHeadIfTrusted(line, trustedKeyId, trusted.publicKeyPem, problems);
      if (head && head.treeSize <= trustedHead.treeSize)
        expectRoot(
          head.treeSize,
          head.rootHash,
          `the export's signed tree head of size ${head.treeSize}`,
          false,
        );
      continue;
    }
    if (line.kind !== 'leaf') continue;
    if (range.size >= trustedHead.treeSize) break; // leaves beyond the tree head are not covered by it
    if (line.leafIndex !== range.size) {
      problems.push(
        `Leaf ${range.size} is missing from the export (the next line is leaf ${line.leafIndex})`,
      );
      break;
    }
    const recomputed = line.event ? envelopeLeafHash(line.event) : undefined;
    if (!recomputed || b64(recomputed) !== line.sealedLeafHash) {
      if (mismatches.length < 100) mismatches.push(line);
      else moreMismatches++;
    }
    // The root is built from the events as they are now, so a change shows against every signed
    // head from that leaf on, even if the stored leaf hashes were rewritten to match.
    range.append(recomputed ?? Buffer.from(line.sealedLeafHash, 'base64'));
    check(range.size);
    if (onProgress && (range.size % 1000 === 0 || range.size === total)) onProgress(range.size, total);
  }
  if (!sawHeader) throw new Error('the export is empty');
  if (
    range.size < trustedHead.treeSize &&
    !problems.some((p) => p.startsWith('Leaf ') || p.startsWith('The export holds'))
  )
    problems.push(
      `The export stops after ${range.size} leaves; the tree head covers ${trustedHead.treeSize}`,
    );
  if (laterBadHeads > 0)
    problems.push(`${laterBadHeads} later signed tree head(s) in the export fail for the same reason`);
  // A signed root reached past a mismatched leaf, from its event as it is, proves that event is
  // what was signed: only the ledger's stored copy of its hash changed. (A missing or different
  // event is never cleared.)
  const cleared = (m: ExportLeaf) =>
    m.event !== null && m.event.eventId === m.sealedEventId && lastGoodSize > m.leafIndex;
  const named = mismatches.filter((m) => !cleared(m));
  // Certain that the event changed only where the first failing root says so: between the last root
  // that held and it. Elsewhere the event, or the hash stored for it, was changed.
  const proven = (m: ExportLeaf) =>
    m.event === null ||
    m.event.eventId !== m.sealedEventId ||
    (firstBadSize !== undefined && m.leafIndex >= lastGoodBeforeBad && m.leafIndex < firstBadSize);
  const firstMismatch = named.length ? describe(named[0], proven(named[0])) : null;
  const notes = [
    ...(firstMismatch
      ? [`Leaf ${firstMismatch.leafIndex} does not match what was sealed: ${firstMismatch.problem}`]
      : []),
    ...named.slice(1, 5).map((m) => {
      const other = describe(m, proven(m));
      return `Leaf ${other.leafIndex} does not match either: ${other.problem}`;
    }),
    ...(named.length > 5 || moreMismatches > 0
      ? [`${Math.max(0, named.length - 5) + moreMismatches} more leaves do not match what was sealed`]
      : []),
    ...mismatches
      .filter(cleared)
      .map(
        (m) =>
          `The hash stored for leaf ${m.leafIndex} (event ${m.sealedEventId}) was changed after it ` +
          `was sealed; the event itself still hashes to the signed roots after it, so it was not altered`,
      ),
  ];
  problems.unshift(...notes);
  return {
    ok: problems.length === 0,
    treeSize: trustedHead.treeSize,
    leavesChecked: range.size,
    rootHash: b64(range.root()),
    firstMismatch,
    treeHeadsChecked,
    problems,
  };
}

function exportHeadIfTrusted(
  line: ExportTreeHead,
  trustedKeyId: string,
  publicKeyPem: string,
  problems: string[],
): ExportTreeHead | undefined {
  if (line.keyId !== trustedKeyId) return undefined; // signed by another key: not checked against yours
  try {
    verifyTreeHead(line, publicKeyPem);
    return line;
  } catch (error) {
    problems.push(
      `The export's tree head of size ${line.treeSize} has a bad signature: ${(error as Error).message}`,
    );
    return undefined;
  }
}

/** `proven`: the signed roots show the event itself changed, not only the hash stored for it. */
function describe(line: ExportLeaf, proven: boolean): MismatchedEvent {
  const event = line.event;
  const gone = event === null;
  return {
    leafIndex: line.leafIndex,
    eventId: event?.eventId ?? line.sealedEventId,
    position: event?.position ?? line.sealedPosition,
    streamId: event?.streamId ?? null,
    streamVersion: event?.streamVersion ?? null,
    type: event?.type ?? null,
    problem: gone
      ? `event ${line.sealedEventId} (position ${line.sealedPosition}) is no longer in the store`
      : event!.eventId !== line.sealedEventId
        ? `event ${line.sealedEventId} was sealed here, but the store now has event ${event!.eventId} (${event!.type}, ${event!.streamId} v${event!.streamVersion}) at position ${event!.position}`
        : `event ${event!.eventId} (${event!.type}, ${event!.streamId} v${event!.streamVersion}, position ${event!.position}) ` +
          (proven
            ? 'has been changed since it was sealed'
            : 'no longer hashes to the hash stored for it: the event, or that stored hash, was changed since it was sealed'),
  };
}
