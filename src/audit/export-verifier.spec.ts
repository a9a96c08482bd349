import { generateSigningKey } from '../../libs/ledger/index.js';
import { asLines, buildExport, leafOf, storyEvents } from '../../test/support/audit-export.js';
import { envelopeLeafHash, type EventEnvelope } from './event-envelope.js';
import { lineText, type ExportLeaf } from './export-format.js';
import { verifyExport } from './export-verifier.js';
import { TreeHeadSigner } from './signing-key.js';

// 30 events over three action streams (leaf i is version floor(i / 3) + 1 of stream i % 3), heads
// signed at 10, 20 and 30. In the file, line 1 is the header, 2 the key, 3 to 5 the heads, and
// leaf i is line i + 6.
const signer = new TreeHeadSigner(generateSigningKey());
const events = storyEvents(30);
const built = buildExport(events, { signer, headsAt: [10, 20] });
const FIRST_LEAF = 5; // index into built.lines
const stream = (i: number) => events[i].streamId;
const id = (i: number) => events[i].eventId;
const named = (i: number) =>
  `event ${id(i)} (${events[i].type}, ${stream(i)} v${events[i].streamVersion}, position ${events[i].position})`;

const verify = (lines: string[]) =>
  verifyExport(asLines(lines), { treeHead: built.treeHead, publicKeyPem: signer.publicKeyPem });

/** The export with its leaf lines edited: `edit` gets and returns them in file order. */
function edited(
  edit: (leaves: string[]) => string[],
  header?: (h: Record<string, unknown>) => void,
): string[] {
  const head = built.lines.slice(0, FIRST_LEAF);
  if (header) {
    const parsed = JSON.parse(head[0]);
    header(parsed);
    head[0] = JSON.stringify(parsed);
  }
  return [...head, ...edit(built.lines.slice(FIRST_LEAF))];
}

/** Every leaf line given the leafIndex of its place, as someone covering their tracks would. */
const renumbered = (leaves: string[]) => leaves.map((line, i) => lineText({ ...leafOf(line), leafIndex: i }));

/** A leaf line for a made-up event, with the hash a careful forger would store beside it. */
function forged(leafIndex: number, event: EventEnvelope): string {
  const line: ExportLeaf = {
    kind: 'leaf',
    leafIndex,
    sealedLeafHash: envelopeLeafHash(event).toString('base64'),
    sealedEventId: event.eventId,
    sealedPosition: event.position,
    event,
  };
  return lineText(line);
}

const swap = (leaves: string[], a: number, b: number) => {
  const copy = [...leaves];
  [copy[a], copy[b]] = [copy[b], copy[a]];
  return copy;
};

describe('the offline verifier on an export edited by hand', () => {
  it('verifies the untouched export: every leaf, the root and every signed head', async () => {
    const report = await verify(built.lines);
    expect(report).toMatchObject({
      ok: true,
      leavesChecked: 30,
      treeHeadsChecked: 4, // 10, 20 and 30 in the export, and yours
      rootHash: built.treeHead.rootHash,
      findings: [],
      problems: [],
      firstMismatch: null,
    });
  });

  it('names two swapped lines as a swap: both leaves, both events, both lines', async () => {
    const report = await verify(edited((leaves) => swap(leaves, 3, 20)));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'swapped',
        leaves: [3, 20],
        events: [
          expect.objectContaining({ leafIndex: 3, line: 26, eventId: id(3) }),
          expect.objectContaining({ leafIndex: 20, line: 9, eventId: id(20) }),
        ],
        proven: true,
      }),
    ]);
    expect(report.problems).toEqual([
      `Leaves 3 and 20 are swapped in the export: line 9 holds leaf 20 (${named(20)}) where leaf 3 belongs, ` +
        `and line 26 holds leaf 3 (${named(3)}) where leaf 20 belongs. ` +
        'In leaf order every event still hashes to the signed roots: only the order of the lines changed',
    ]);
  });

  it('names two neighbouring lines swapped as a swap, not as a leaf missing', async () => {
    const report = await verify(edited((leaves) => swap(leaves, 12, 13)));
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'swapped', leaves: [12, 13] })]);
    expect(report.problems.join('\n')).not.toContain('missing');
  });

  it('names a swap hidden by renumbering the lines: the events are out of commit order', async () => {
    const report = await verify(edited((leaves) => renumbered(swap(leaves, 3, 20))));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'swapped',
        leaves: [3, 20],
        events: [
          expect.objectContaining({ leafIndex: 3, eventId: id(20) }),
          expect.objectContaining({ leafIndex: 20, eventId: id(3) }),
        ],
        proven: true,
      }),
    ]);
    expect(report.problems).toEqual([
      `Leaves 3 and 20 hold each other's events: ${named(20)} is at leaf 3 and ${named(3)} at leaf 20, ` +
        'against commit order (transaction, then position), the order the log was sealed in; ' +
        'put back in commit order, the leaves hash to the signed roots',
      "The first 10 leaves do not hash to the root of the export's signed tree head of size 10",
      'The first 30 leaves do not hash to the root of the tree head you gave (size 30)',
      '2 later signed tree head(s) in the export fail for the same reason',
    ]);
  });

  it('names a deleted line by its leaf, and the event by its stream and version from the neighbours', async () => {
    const report = await verify(edited((leaves) => leaves.filter((_, i) => i !== 7)));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'missing', leaves: [7], events: [] })]);
    expect(report.problems).toEqual([
      'Leaf 7 is missing from the export: no line for it between leaf 6 (line 12) and leaf 8 (line 13). ' +
        `By its stream's versions it was version 3 of ${stream(7)} (v2 is at leaf 4, v4 at leaf 10)`,
      'The signed tree heads of size 10, 20 and 30 cover leaf 7, which is not in the export, so their roots cannot be checked',
    ]);
    expect(report.leavesChecked).toBe(7);
  });

  it('names a deleted line hidden by renumbering by the event missing from its stream', async () => {
    const report = await verify(edited((leaves) => renumbered(leaves.filter((_, i) => i !== 7))));
    expect(report.ok).toBe(false);
    expect(report.findings.map((finding) => finding.kind)).toEqual(['missing', 'truncated']);
    expect(report.problems).toEqual([
      'An event is missing from the export between leaf 4 and leaf 9. ' +
        `By its stream's versions it was version 3 of ${stream(7)} (v2 is at leaf 4, v4 at leaf 9)`,
      'The export stops after leaf 28 (line 34): leaf 29 of the 30 it should hold is not in it',
      "The first 10 leaves do not hash to the root of the export's signed tree head of size 10",
      '1 later signed tree head(s) in the export fail for the same reason',
      'The signed tree head of size 30 covers leaf 29, which is not in the export, so its root cannot be checked',
    ]);
  });

  it('names a line copied and changed under the same leaf as an insertion', async () => {
    const copy = leafOf(built.lines[FIRST_LEAF + 12]);
    copy.event = { ...copy.event!, data: { percentComplete: 100, narrative: 'Done early' } };
    const report = await verify(
      edited((leaves) => [...leaves.slice(0, 13), lineText(copy), ...leaves.slice(13)]),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        leaves: [12],
        events: [expect.objectContaining({ line: 19 })],
      }),
    ]);
    expect(report.problems).toEqual([
      `Leaf 12 appears twice, on lines 18 and 19: the line on 19 (${named(12)}) does not match what was sealed there, so it was added`,
    ]);
  });

  it('names a forged event slipped in and the lines renumbered as an insertion, proven by the roots', async () => {
    const fake: EventEnvelope = {
      ...events[12],
      // Placed between its neighbours in commit order, in a stream of its own: only the roots show it.
      position: '113',
      transactionId: '5026',
      streamId: 'pledge-0190b2c4-7a1e-7cc1-9f5a-2f0c6c1d8e99',
      streamVersion: 1,
      eventId: '0190b2c4-7a1e-7cc1-9f5a-999999999999',
      type: 'PledgeMade',
    };
    const report = await verify(
      edited(
        (leaves) => renumbered([...leaves.slice(0, 13), forged(13, fake), ...leaves.slice(13)]),
        (header) => (header.treeSize = 31),
      ),
    );
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        leaves: [13],
        events: [expect.objectContaining({ eventId: fake.eventId, line: 19 })],
        proven: true,
      }),
    ]);
    expect(report.problems[0]).toBe(
      `Leaf 13 (event ${fake.eventId} (PledgeMade, ${fake.streamId} v1, position 113), line 19) was added and ` +
        'the lines after it renumbered: without it the first 20 leaves hash to the signed root of size 20',
    );
  });

  it('names an event added in an existing stream as an insertion: two events claim one version', async () => {
    const fake: EventEnvelope = {
      ...events[12],
      eventId: '0190b2c4-7a1e-7cc1-9f5a-999999999999',
      position: '120',
      transactionId: '5039',
    };
    // It claims leaf 12's version and sits after it in commit order; lines renumbered, header raised.
    const report = await verify(
      edited(
        (leaves) => renumbered([...leaves.slice(0, 19), forged(19, fake), ...leaves.slice(19)]),
        (header) => (header.treeSize = 31),
      ),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        leaves: [19],
        proven: true,
        events: [expect.objectContaining({ eventId: fake.eventId })],
      }),
    ]);
    expect(report.problems[0]).toMatch(
      /^Leaf 19 \(event 0190b2c4-7a1e-7cc1-9f5a-999999999999 .* was added: without it the leaves hash to the signed roots$/,
    );
  });

  it('names a changed event as a change', async () => {
    const victim = leafOf(built.lines[FIRST_LEAF + 17]);
    victim.event = { ...victim.event!, data: { percentComplete: 99, narrative: 'Update 17' } };
    const report = await verify(
      edited((leaves) => leaves.map((line, i) => (i === 17 ? lineText(victim) : line))),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'changed',
        leaves: [17],
        proven: true,
        events: [expect.objectContaining({ eventId: id(17) })],
      }),
    ]);
    expect(report.firstMismatch).toMatchObject({
      leafIndex: 17,
      eventId: id(17),
      streamId: stream(17),
      streamVersion: 6,
    });
    expect(report.problems).toEqual([
      `Leaf 17 does not match what was sealed: ${named(17)} has been changed since it was sealed`,
      "The first 20 leaves do not hash to the root of the export's signed tree head of size 20",
      'The first 30 leaves do not hash to the root of the tree head you gave (size 30)',
      '1 later signed tree head(s) in the export fail for the same reason',
    ]);
  });

  it('names an event gone from the store by the id the ledger sealed, and its stream and version', async () => {
    const gone = { ...leafOf(built.lines[FIRST_LEAF + 7]), event: null };
    const report = await verify(
      edited((leaves) => leaves.map((line, i) => (i === 7 ? lineText(gone) : line))),
    );
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'gone', leaves: [7] })]);
    expect(report.problems).toEqual([
      `Leaf 7 does not match what was sealed: event ${id(7)} (position 108) is no longer in the store. ` +
        `By its stream's versions it was version 3 of ${stream(7)} (v2 is at leaf 4, v4 at leaf 10)`,
    ]);
  });

  it('names a truncated export: where it stops, and the signed head the rest still matches', async () => {
    const cut = built.lines[FIRST_LEAF + 25];
    const report = await verify(edited((leaves) => [...leaves.slice(0, 25), cut.slice(0, cut.length / 2)]));
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'truncated', leaves: [25, 29], proven: true }),
    ]);
    expect(report.problems).toEqual([
      'The export stops after leaf 24 (line 30): leaves 25 to 29 of the 30 it should hold are not in it; ' +
        'the leaves before match the signed head of size 20, so it was cut short',
      'Line 31 is not JSON',
      'The signed tree head of size 30 covers leaf 25, which is not in the export, so its root cannot be checked',
    ]);
  });

  it('names a reordered tail: which lines, in what order', async () => {
    const order = [27, 29, 25, 28, 26];
    const report = await verify(edited((leaves) => [...leaves.slice(0, 25), ...order.map((i) => leaves[i])]));
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'reordered', leaves: [25, 26, 27, 28, 29], proven: true }),
    ]);
    expect(report.problems).toEqual([
      'The last 5 leaf lines are out of order: lines 31 to 35 hold leaves 27, 29, 25, 28, 26. ' +
        'In leaf order every event still hashes to the signed roots: only the order of the lines changed',
    ]);
  });

  it('names a reordered tail hidden by renumbering: out of commit order, and put back it verifies', async () => {
    const order = [27, 29, 25, 28, 26];
    const report = await verify(
      edited((leaves) => renumbered([...leaves.slice(0, 25), ...order.map((i) => leaves[i])])),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'reordered', leaves: [25, 26, 27, 28, 29], proven: true }),
    ]);
    expect(report.problems[0]).toBe(
      'The events at leaves 25 to 29 are out of commit order (transaction, then position), the order the log ' +
        'was sealed in; put back in commit order, the leaves hash to the signed roots',
    );
  });

  it('names one line moved elsewhere by where it is now', async () => {
    const moved = edited((leaves) => [
      ...leaves.slice(0, 4),
      ...leaves.slice(5, 16),
      leaves[4],
      ...leaves.slice(16),
    ]);
    const report = await verify(moved);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'moved', leaves: [4], proven: true })]);
    expect(report.problems[0]).toBe(
      `The line for leaf 4 (${named(4)}) is out of place: it is line 21, after leaf 15. ` +
        'In leaf order every event still hashes to the signed roots: only the order of the lines changed',
    );
  });

  it.each([
    ['a file that is not JSON', ['hello'], 'Line 1 is not JSON'],
    ['an empty file', [], 'The export is empty'],
    ['JSON that is not an export', ['{"kind":"leaf"}'], 'Line 1 has a leafIndex that is not a whole number'],
    [
      'another version of the format',
      [built.lines[0].replace('"formatVersion":1', '"formatVersion":2')],
      'Line 1 has a formatVersion that is not 1 (the version this verifier reads)',
    ],
  ])('reports %s, rather than failing', async (_, lines, problem) => {
    const report = await verify(lines);
    expect(report).toMatchObject({ ok: false, leavesChecked: 0 });
    expect(report.problems).toEqual([problem]);
  });

  it('reports a malformed leaf line by its line and field, and the leaf it leaves missing', async () => {
    const broken = { ...leafOf(built.lines[FIRST_LEAF + 2]), sealedLeafHash: 'not base64' };
    const report = await verify(
      edited((leaves) => leaves.map((line, i) => (i === 2 ? JSON.stringify(broken) : line))),
    );
    expect(report.problems[0]).toBe(
      'Leaf 2 is missing from the export: no line for it between leaf 1 (line 7) and leaf 3 (line 9). ' +
        `By its stream's versions it was version 1 of ${stream(2)} (the first of ${stream(2)} in the export is v2, at leaf 5)`,
    );
    expect(report.problems).toContain('Line 8 has a sealedLeafHash that is not a 32-byte hash in base64');
  });
});
