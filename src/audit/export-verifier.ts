import { Buffer } from 'node:buffer';
import { verifyTreeHead, type SignedTreeHead } from '../../libs/ledger/index.js';
import { diagnose, type Checkpoint, type Finding, type MismatchedEvent } from './export-diagnosis.js';
import { EXPORT_FORMAT, readExportLine, type ExportHeader, type ExportTreeHead } from './export-format.js';
import { LeafRecords } from './leaf-records.js';
import { keyIdOf } from './signing-key.js';

export type { Finding, FindingKind, MismatchedEvent } from './export-diagnosis.js';
export type { EventRef } from './leaf-records.js';

export interface TrustedInputs {
  /** The signed tree head the auditor holds, obtained apart from the export. */
  treeHead: SignedTreeHead;
  /** The public key it must verify with, SPKI PEM. */
  publicKeyPem: string;
  /** Earlier signed tree heads the auditor kept: the log must extend each of them. */
  earlierTreeHeads?: SignedTreeHead[];
}

export interface VerificationReport {
  ok: boolean;
  treeSize: number;
  leavesChecked: number;
  rootHash: string;
  /** The first leaf whose event is not what was sealed there. */
  firstMismatch: MismatchedEvent | null;
  /** What happened to which event, in leaf order (the first hundred). */
  findings: Finding[];
  treeHeadsChecked: number;
  problems: string[];
}

export type VerifyProgress = (checked: number, total: number) => void;

/** Findings named one by one in `problems`; the rest are counted (all are in `findings`). */
const NAMED = 10;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Checks an export against a tree head the auditor trusts, with no database, as
 * docs/audit-export-format.md specifies: every leaf recomputed from its event, the root from the
 * leaves, the signatures, and that the log extends every earlier tree head given and every signed
 * head inside the export. Whatever is wrong is named: which event changed, moved, went or came.
 * Throws TreeHeadError only when the auditor's own tree head does not verify with their key.
 */
export async function verifyExport(
  lines: AsyncIterable<string>,
  trusted: TrustedInputs,
  onProgress?: VerifyProgress,
): Promise<VerificationReport> {
  const problems: string[] = [];
  const trustedHead = verifyTreeHead(trusted.treeHead, trusted.publicKeyPem);
  const trustedKeyId = keyIdOf(trusted.publicKeyPem);
  const treeSize = trustedHead.treeSize;
  const checkpoints: Checkpoint[] = [
    {
      size: treeSize,
      root: b64(trustedHead.rootHash),
      from: `the tree head you gave (size ${treeSize})`,
      yours: true,
    },
  ];
  for (const earlier of trusted.earlierTreeHeads ?? []) {
    const head = verifyTreeHead(earlier, trusted.publicKeyPem);
    if (head.treeSize > treeSize)
      problems.push(
        `The earlier tree head of size ${head.treeSize} is larger than the one to verify against`,
      );
    else
      checkpoints.push({
        size: head.treeSize,
        root: b64(head.rootHash),
        from: `your earlier tree head (size ${head.treeSize})`,
        yours: true,
      });
  }

  const records = new LeafRecords();
  let header: ExportHeader | undefined;
  let labelsInOrder = true;
  let lineNumber = 0;
  let total = treeSize;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    const read = readExportLine(text);
    if ('malformed' in read) {
      problems.push(`Line ${lineNumber} ${read.malformed}`);
      if (!header) break;
      continue;
    }
    const line = read.line;
    if (!header) {
      if (line.kind !== 'header') {
        problems.push(`Line ${lineNumber} is not the header of an audit export (${EXPORT_FORMAT})`);
        break;
      }
      header = line;
      total = Math.min(header.treeSize, treeSize);
      continue;
    }
    if (line.kind === 'leaf') {
      if (line.leafIndex !== records.size) labelsInOrder = false;
      records.push(line, lineNumber);
      if (onProgress && (records.size % 1000 === 0 || records.size === total))
        onProgress(records.size, total);
      continue;
    }
    if (records.size > 0) problems.push(`Line ${lineNumber}, a ${line.kind} line, comes after the leaves`);
    else if (line.kind === 'header') problems.push(`Line ${lineNumber} is a second header`);
    else if (line.kind === 'treeHead') {
      const head = exportHeadIfTrusted(line, trustedKeyId, trusted.publicKeyPem, problems);
      if (head && head.treeSize <= treeSize)
        checkpoints.push({
          size: head.treeSize,
          root: head.rootHash,
          from: `the export's signed tree head of size ${head.treeSize}`,
          yours: false,
        });
    }
  }
  if (!header) {
    if (lineNumber === 0) problems.push('The export is empty');
    return {
      ok: false,
      treeSize,
      leavesChecked: 0,
      rootHash: '',
      firstMismatch: null,
      findings: [],
      treeHeadsChecked: 0,
      problems,
    };
  }
  if (header.treeSize < treeSize)
    problems.push(`The export holds ${header.treeSize} leaves, fewer than the ${treeSize} of the tree head`);

  const diagnosis = diagnose({
    records,
    treeSize,
    declaredSize: header.treeSize,
    checkpoints,
    labelsInOrder,
  });
  const named = diagnosis.findings.slice(0, NAMED).map((finding) => finding.message);
  const more = diagnosis.findingsTotal - named.length;
  problems.unshift(
    ...named,
    ...(more > 0 ? [`${more} more finding(s) of what changed; the report's findings list them`] : []),
  );
  problems.push(...diagnosis.rootProblems);
  return {
    ok: problems.length === 0,
    treeSize,
    leavesChecked: diagnosis.leavesChecked,
    rootHash: diagnosis.rootHash,
    firstMismatch: diagnosis.firstMismatch,
    findings: diagnosis.findings,
    treeHeadsChecked: diagnosis.treeHeadsChecked,
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
      `The export's tree head of size ${line.treeSize} does not verify: ${(error as Error).message}`,
    );
    return undefined;
  }
}
