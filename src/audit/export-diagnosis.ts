import { Buffer } from 'node:buffer';
import { CompactMerkleRange } from '../../libs/ledger/index.js';
import { disorder, shapeOf } from './disorder.js';
import type { EventRef, LeafRecords } from './leaf-records.js';

/** A root the leaves must reach: a signed tree head the auditor brought, or one in the export. */
export interface Checkpoint {
  size: number;
  /** base64 */
  root: string;
  /** How the report names it: "the tree head you gave (size 30)". */
  from: string;
  yours: boolean;
}

export const FINDING_KINDS = [
  'changed',
  'stored-hash-changed',
  'gone',
  'replaced',
  'moved',
  'swapped',
  'reordered',
  'missing',
  'inserted',
  'truncated',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing that happened to the record, with the events it names. */
export interface Finding {
  kind: FindingKind;
  /** The leaves it concerns, in the export's numbering. */
  leaves: number[];
  events: EventRef[];
  /** True when the signed roots confirm it: put right, the leaves hash to them. */
  proven: boolean;
  message: string;
}

/** The first leaf whose event is not what was sealed there, as the audit page shows it. */
export interface MismatchedEvent {
  leafIndex: number;
  eventId: string;
  position: string;
  streamId: string | null;
  streamVersion: number | null;
  type: string | null;
  problem: string;
}

export interface Diagnosis {
  /** The first hundred, in leaf order. */
  findings: Finding[];
  findingsTotal: number;
  /** Sentences for the signed roots that fail or cannot be checked. */
  rootProblems: string[];
  firstMismatch: MismatchedEvent | null;
  leavesChecked: number;
  rootHash: string;
  treeHeadsChecked: number;
}

interface Draft extends Finding {
  /** The first leaf from which it changes what the leaves hash to, if it does. */
  affectsFrom?: number;
  /** A leaf whose event is not the one sealed there, as the sealer stored it: firstMismatch. */
  mismatch?: true;
  /** A line labelled beyond the header's size: what a line added, and the rest renumbered, pushes out. */
  beyond?: true;
}

/** Hypotheses are tested against every root only over a window this wide: each costs its width in hashes. */
const SEARCH_WINDOW = 1024;
const MAX_FINDINGS = 100;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const span = (from: number, to: number) => (from === to ? `leaf ${from}` : `leaves ${from} to ${to}`);

/**
 * Says what happened to the record, from the leaf lines as they came and the signed roots. It
 * checks the roots over the leaves in their labelled order, then names, as far as the signed data
 * lets it be known: lines out of order, repeated, added or missing; events gone from the store,
 * moved in it or changed; and, where lines were renumbered to hide it, events out of commit order
 * or missing from their streams' versions. A diagnosis whose correction makes the leaves hash to
 * every signed root is marked proven.
 */
export function diagnose(input: {
  records: LeafRecords;
  /** The size of the tree head the auditor gave: the leaves it covers are the ones checked. */
  treeSize: number;
  /** The size the export's header declares. */
  declaredSize: number;
  checkpoints: Checkpoint[];
  /** Every line's leafIndex is its place among the leaf lines (so nothing needs sorting). */
  labelsInOrder: boolean;
}): Diagnosis {
  const { records, treeSize, declaredSize } = input;
  const drafts: Draft[] = [];
  const bySize = new Map<number, Checkpoint[]>();
  for (const checkpoint of input.checkpoints)
    bySize.set(checkpoint.size, [...(bySize.get(checkpoint.size) ?? []), checkpoint]);

  // 1. The leaves in the order their lines are labelled.
  const fileOrder = Array.from({ length: records.size }, (_, i) => i);
  const byLabel = input.labelsInOrder
    ? { sorted: fileOrder, misplaced: [], moved: [] }
    : disorder(fileOrder, (a, b) => records.label(a) - records.label(b));
  drafts.push(...lineOrderFindings(records, byLabel));
  const leaves: number[] = [];
  const holes: Hole[] = [];
  for (const r of byLabel.sorted) {
    const label = records.label(r);
    const next = leaves.length ? records.label(leaves[leaves.length - 1]) + 1 : 0;
    if (label < next) {
      drafts.push(repeatedLeaf(records, leaves, r));
      continue;
    }
    if (label > next) holes.push({ from: next, to: label, before: leaves[leaves.length - 1], after: r });
    leaves.push(r);
  }
  for (const r of leaves)
    if (records.label(r) >= Math.max(declaredSize, treeSize))
      drafts.push({
        kind: 'inserted',
        leaves: [records.label(r)],
        events: [records.ref(r)],
        proven: false,
        beyond: true,
        message: `Line ${records.line(r)} holds leaf ${records.label(r)} (${records.describe(r)}), beyond the ${declaredSize} leaves the export's header declares: it was added`,
      });
  let contiguous = 0;
  while (contiguous < leaves.length && records.label(leaves[contiguous]) === contiguous) contiguous++;
  let covered = 0;
  while (covered < leaves.length && records.label(leaves[covered]) < treeSize) covered++;
  const checkable = Math.min(treeSize, contiguous);

  // 2. The signed roots over the leaves as they are.
  const roots = rootsAlong(records, leaves, checkable, bySize);
  const held = roots.results.filter((result) => result.held).map((result) => result.checkpoint.size);
  const failed = roots.results.filter((result) => !result.held);
  const lastGoodSize = held.reduce((a, b) => Math.max(a, b), 0);
  const firstBadSize = failed.length ? failed[0].checkpoint.size : undefined;
  const lastGoodBeforeBad = held
    .filter((size) => firstBadSize === undefined || size < firstBadSize)
    .reduce((a, b) => Math.max(a, b), 0);
  const holdsEverywhere = (sequence: readonly number[]) => {
    const along = rootsAlong(records, sequence, Math.min(treeSize, sequence.length), bySize);
    return along.results.length === input.checkpoints.length && along.results.every((result) => result.held);
  };

  // 3. Each leaf's event against what the sealer stored for it.
  const gone: number[] = [];
  const otherEvent: number[] = [];
  const changed: number[] = [];
  for (let p = 0; p < covered; p++) {
    const r = leaves[p];
    if (!records.present(r)) gone.push(r);
    else if (!records.idMatches(r)) otherEvent.push(r);
    else if (!records.hashMatches(r)) changed.push(r);
  }
  const trouble = failed.length > 0 || holes.length > 0 || contiguous < treeSize || gone.length > 0;

  // 4. What the events' own fields say: commit order and each stream's versions.
  const versionGaps = trouble
    ? streamVersionGaps(records, leaves.slice(0, covered))
    : { gaps: [], repeats: [] };
  /** What the gaps in streams' versions that leaves `first` to `last` could fill say they held. */
  const heldBy = (first: number, last: number) => {
    const fits = (gap: VersionGap) => gap.afterLabel > first && gap.beforeLabel < last;
    const found = versionGaps.gaps.filter(fits).slice(0, last - first + 1);
    versionGaps.gaps = versionGaps.gaps.filter((gap) => !found.includes(gap));
    if (found.length === 0) return undefined;
    if (first === last) return `By its stream's versions it was ${found[0].held}`;
    const held = found.map((gap) => gap.held).join('; ');
    return found.length === last - first + 1
      ? `By their streams' versions they held ${held}`
      : `By their streams' versions ${found.length} of them held ${held}`;
  };

  for (const hole of holes.filter((hole) => hole.from < treeSize))
    drafts.push(missingLines(records, hole, heldBy(hole.from, hole.to - 1)));
  const expectedLeaves = Math.min(treeSize, declaredSize);
  const lastLabel = covered ? records.label(leaves[covered - 1]) : -1;
  if (lastLabel < expectedLeaves - 1 && covered === leaves.length) {
    const cutShort = failed.length === 0 && lastGoodSize > 0;
    drafts.push({
      kind: 'truncated',
      leaves: [lastLabel + 1, expectedLeaves - 1],
      events: [],
      proven: cutShort,
      message:
        (covered
          ? `The export stops after leaf ${lastLabel} (line ${records.line(leaves[covered - 1])})`
          : 'The export has no leaf lines') +
        `: ${span(lastLabel + 1, expectedLeaves - 1)} of the ${expectedLeaves} it should hold ${lastLabel + 2 === expectedLeaves ? 'is' : 'are'} not in it` +
        (cutShort
          ? `; the leaves before match the signed head of size ${lastGoodSize}, so it was cut short`
          : ''),
    });
  }

  for (const r of gone) {
    const held = heldBy(records.label(r), records.label(r));
    drafts.push({
      kind: 'gone',
      leaves: [records.label(r)],
      events: [records.ref(r)],
      proven: true, // the event sealed there is named by the ledger's own record of the leaf
      mismatch: true,
      message:
        `Leaf ${records.label(r)} does not match what was sealed: event ${records.sealedEventId(r)} ` +
        `(position ${records.ref(r).position}) is no longer in the store` +
        (held ? `. ${held}` : ''),
    });
  }
  drafts.push(...movedInStore(records, leaves.slice(0, covered), otherEvent));

  for (const r of changed)
    drafts.push(changedEvent(records, r, { lastGoodSize, firstBadSize, lastGoodBeforeBad }));

  if (trouble) {
    const hidden = hiddenReordering(records, leaves, covered, holdsEverywhere);
    if (hidden) drafts.push(hidden);
    for (const repeat of versionGaps.repeats)
      drafts.push(insertedOrRepeated(records, leaves, repeat, holdsEverywhere));
    for (const gap of versionGaps.gaps)
      drafts.push({
        kind: 'missing',
        leaves: [],
        events: [],
        proven: false,
        affectsFrom: gap.beforeLabel + 1,
        message:
          `An event is missing from the export between ${gap.beforeLabel < 0 ? 'the start' : `leaf ${gap.beforeLabel}`} ` +
          `and leaf ${gap.afterLabel}. By its stream's versions it was ${gap.held}`,
      });
  }

  const explained = (from: number, to: number) =>
    drafts.some(
      (draft) => draft.affectsFrom !== undefined && draft.affectsFrom >= from && draft.affectsFrom < to,
    );
  if (firstBadSize !== undefined && !explained(lastGoodBeforeBad, firstBadSize)) {
    const inserted = insertedLine(records, leaves, contiguous, lastGoodBeforeBad, firstBadSize, bySize);
    if (inserted) drafts.push(inserted);
  }

  // A line added and the rest renumbered pushes the last one past the header's size.
  let pushedOut = drafts.filter(
    (draft) => draft.kind === 'inserted' && draft.proven && draft.affectsFrom !== undefined,
  ).length;
  for (let i = drafts.length - 1; i >= 0 && pushedOut > 0; i--)
    if (drafts[i].beyond) {
      drafts.splice(i, 1);
      pushedOut--;
    }

  // The order of the lines is all that changed when, in leaf order, every root still holds.
  const onlyOrder =
    failed.length === 0 && checkable === treeSize && changed.length + otherEvent.length + gone.length === 0;
  for (const draft of drafts)
    if (
      onlyOrder &&
      (draft.kind === 'swapped' || draft.kind === 'moved' || draft.kind === 'reordered') &&
      draft.affectsFrom === undefined
    ) {
      draft.proven = true;
      draft.message +=
        '. In leaf order every event still hashes to the signed roots: only the order of the lines changed';
    }

  const rootProblems = rootFailures(roots.results, explained, {
    fewer: contiguous < Math.min(treeSize, declaredSize) || declaredSize < treeSize,
    more: leaves.length > Math.max(declaredSize, treeSize),
  });
  const unchecked = [...new Set(input.checkpoints.map((c) => c.size).filter((size) => size > checkable))];
  if (unchecked.length > 0 && declaredSize >= treeSize)
    rootProblems.push(
      `The signed tree head${unchecked.length > 1 ? 's' : ''} of size ${listOf(unchecked.sort((a, b) => a - b))} ` +
        `cover${unchecked.length > 1 ? '' : 's'} leaf ${checkable}, which is not in the export, so ` +
        `${unchecked.length > 1 ? 'their roots' : 'its root'} cannot be checked`,
    );

  drafts.sort(
    (a, b) => (a.leaves[0] ?? a.affectsFrom ?? Infinity) - (b.leaves[0] ?? b.affectsFrom ?? Infinity),
  );
  return {
    findingsTotal: drafts.length,
    findings: drafts.slice(0, MAX_FINDINGS).map(({ affectsFrom: _, mismatch: __, ...finding }) => finding),
    rootProblems,
    firstMismatch: firstMismatch(drafts.find((draft) => draft.mismatch)),
    leavesChecked: checkable,
    rootHash: roots.root,
    treeHeadsChecked: roots.results.length,
  };
}

function rootsAlong(
  records: LeafRecords,
  sequence: readonly number[],
  length: number,
  bySize: Map<number, Checkpoint[]>,
  range = new CompactMerkleRange(),
) {
  const results: { checkpoint: Checkpoint; held: boolean }[] = [];
  const visit = () => {
    const due = bySize.get(range.size);
    if (!due) return;
    const root = b64(range.root());
    for (const checkpoint of due) results.push({ checkpoint, held: checkpoint.root === root });
  };
  visit();
  for (let i = range.size; i < length; i++) {
    range.append(records.hash(sequence[i]));
    visit();
  }
  return { results, root: b64(range.root()) };
}

/**
 * The signed roots that fail, in order of size. One change breaks every root after it, so past the
 * first failure only the heads the auditor brought are named; the export's own are counted.
 */
function rootFailures(
  results: { checkpoint: Checkpoint; held: boolean }[],
  explained: (from: number, to: number) => boolean,
  count: { fewer: boolean; more: boolean },
): string[] {
  const problems: string[] = [];
  const also = count.fewer
    ? ', or a line there was removed and the lines after it renumbered'
    : count.more
      ? ', or lines were added there and the lines after them renumbered'
      : '';
  let lastGood = 0;
  let failures = 0;
  let laterBadHeads = 0;
  for (const { checkpoint, held } of results) {
    if (held) {
      lastGood = Math.max(lastGood, checkpoint.size);
      continue;
    }
    if (failures++ > 0 && !checkpoint.yours) {
      laterBadHeads++;
      continue;
    }
    problems.push(
      `The first ${checkpoint.size} leaves do not hash to the root of ${checkpoint.from}` +
        (explained(lastGood, checkpoint.size)
          ? ''
          : `: a leaf from ${lastGood} to ${checkpoint.size - 1} was changed along with the hash sealed for it${also}` +
            (lastGood > 0 ? ` (the first ${lastGood} still match a signed head)` : '')),
    );
  }
  if (laterBadHeads > 0)
    problems.push(`${laterBadHeads} later signed tree head(s) in the export fail for the same reason`);
  return problems;
}

interface Hole {
  /** The first leaf with no line, and the leaf of the next line (`after`). */
  from: number;
  to: number;
  before: number | undefined;
  after: number;
}

function missingLines(
  records: LeafRecords,
  { from, to, before, after }: Hole,
  held: string | undefined,
): Draft {
  const one = to - from === 1;
  const which = one ? `Leaf ${from} is` : `Leaves ${from} ${to - from === 2 ? 'and' : 'to'} ${to - 1} are`;
  return {
    kind: 'missing',
    leaves: Array.from({ length: to - from }, (_, k) => from + k),
    events: [],
    proven: false,
    message:
      `${which} missing from the export: no line for ${one ? 'it' : 'them'} between ` +
      `${before === undefined ? 'the start' : `leaf ${from - 1} (line ${records.line(before)})`} and ` +
      `leaf ${to} (line ${records.line(after)}). ` +
      (held ?? `Nothing else in the export shows which event${one ? ' it' : 's they'} held`),
  };
}

/**
 * A signed root reached past a changed leaf, from its event as it is, proves that event is what
 * was signed: only the ledger's stored copy of its hash changed. Certain that the event changed
 * only where the first failing root says so: between the last root that held and it.
 */
function changedEvent(
  records: LeafRecords,
  r: number,
  roots: { lastGoodSize: number; firstBadSize: number | undefined; lastGoodBeforeBad: number },
): Draft {
  const leaf = records.label(r);
  if (roots.lastGoodSize > leaf)
    return {
      kind: 'stored-hash-changed',
      leaves: [leaf],
      events: [records.ref(r)],
      proven: true,
      message:
        `The hash stored for leaf ${leaf} (event ${records.sealedEventId(r)}) was changed after it ` +
        `was sealed; the event itself still hashes to the signed roots after it, so it was not altered`,
    };
  const proven =
    roots.firstBadSize !== undefined && leaf >= roots.lastGoodBeforeBad && leaf < roots.firstBadSize;
  return {
    kind: 'changed',
    leaves: [leaf],
    events: [records.ref(r)],
    proven,
    affectsFrom: leaf,
    mismatch: true,
    message:
      `Leaf ${leaf} does not match what was sealed: ${records.describe(r)} ` +
      (proven
        ? 'has been changed since it was sealed'
        : 'no longer hashes to the hash stored for it: the event, or that stored hash, was changed since it was sealed'),
  };
}

/** Leaf lines out of their labelled order in the file. */
function lineOrderFindings(records: LeafRecords, byLabel: ReturnType<typeof disorder>): Draft[] {
  const order = Array.from({ length: records.size }, (_, i) => i);
  const shape = shapeOf(byLabel, order.length);
  const at = (r: number) => `line ${records.line(r)} holds leaf ${records.label(r)} (${records.describe(r)})`;
  switch (shape.kind) {
    case 'in-order':
      return [];
    case 'swap': {
      const [early, late] = [shape.first, shape.second];
      return [
        {
          kind: 'swapped',
          leaves: [records.label(late), records.label(early)],
          events: [records.ref(late), records.ref(early)],
          proven: false,
          message:
            `Leaves ${records.label(late)} and ${records.label(early)} are swapped in the export: ` +
            `${at(early)} where leaf ${records.label(late)} belongs, and ${at(late)} where leaf ${records.label(early)} belongs`,
        },
      ];
    }
    case 'tail': {
      const tail = order.slice(shape.from);
      const labels = tail.map((r) => records.label(r));
      const shown =
        labels.length > 12
          ? `${labels.slice(0, 10).join(', ')}, … (${labels.length} in all)`
          : labels.join(', ');
      return [
        {
          kind: 'reordered',
          leaves: [...labels].sort((a, b) => a - b),
          events: tail.map((r) => records.ref(r)),
          proven: false,
          message:
            `${shape.from === 0 ? 'The' : `The last ${tail.length}`} leaf lines are out of order: lines ` +
            `${records.line(tail[0])} to ${records.line(tail[tail.length - 1])} hold leaves ${shown}`,
        },
      ];
    }
    case 'moves':
      return shape.moved.map((p) => ({
        kind: 'moved' as const,
        leaves: [records.label(p)],
        events: [records.ref(p)],
        proven: false,
        message:
          `The line for leaf ${records.label(p)} (${records.describe(p)}) is out of place: it is line ${records.line(p)}, ` +
          (p === 0 ? 'the first leaf line' : `after leaf ${records.label(p - 1)}`),
      }));
  }
}

/** A second line labelled with a leaf already placed: keep the one that agrees with itself. */
function repeatedLeaf(records: LeafRecords, leaves: number[], r: number): Draft {
  let kept = leaves[leaves.length - 1];
  let extra = r;
  if (!records.consistent(kept) && records.consistent(r)) {
    [kept, extra] = [r, kept];
    leaves[leaves.length - 1] = kept;
  }
  const label = records.label(r);
  const copy =
    records.eventId(extra) === records.eventId(kept) &&
    Buffer.compare(records.hash(extra), records.hash(kept)) === 0;
  return {
    kind: 'inserted',
    leaves: [label],
    events: [records.ref(extra)],
    proven: false,
    message: copy
      ? `Line ${records.line(extra)} repeats leaf ${label} (${records.describe(kept)}), already on line ${records.line(kept)}`
      : `Leaf ${label} appears twice, on lines ${records.line(kept)} and ${records.line(extra)}: ` +
        `the line on ${records.line(extra)} (${records.describe(extra)}) ` +
        `${records.consistent(extra) ? 'is a second line for that leaf' : 'does not match what was sealed there'}, so it was added`,
  };
}

/**
 * Leaves whose event is not the one sealed there: where the event sealed at another leaf is found
 * here, it moved in the store, and two that hold each other's swapped places.
 */
function movedInStore(records: LeafRecords, leaves: number[], otherEvent: number[]): Draft[] {
  if (otherEvent.length === 0) return [];
  const wanted = new Map(otherEvent.map((r) => [records.eventId(r), r]));
  const sealedAt = new Map<number, number>(); // record holding another's event -> record where it was sealed
  for (const r of leaves) {
    const holder = wanted.get(records.sealedEventId(r));
    if (holder !== undefined) sealedAt.set(holder, r);
  }
  const drafts: Draft[] = [];
  const done = new Set<number>();
  for (const r of otherEvent) {
    if (done.has(r)) continue;
    const leaf = records.label(r);
    const home = sealedAt.get(r);
    if (home === undefined) {
      drafts.push({
        kind: 'replaced',
        leaves: [leaf],
        events: [records.ref(r)],
        proven: true,
        affectsFrom: leaf,
        mismatch: true,
        message:
          `Leaf ${leaf} does not match what was sealed: event ${records.sealedEventId(r)} was sealed here, ` +
          `but the store now has ${records.describe(r)} there, which was not sealed at any leaf of this export`,
      });
      continue;
    }
    if (sealedAt.get(home) === r) {
      done.add(home);
      const [first, second] = records.label(home) < leaf ? [home, r] : [r, home];
      drafts.push({
        kind: 'swapped',
        leaves: [records.label(first), records.label(second)],
        events: [records.ref(first), records.ref(second)],
        proven: true,
        affectsFrom: records.label(first),
        mismatch: true,
        message:
          `Events ${records.eventId(second)} and ${records.eventId(first)} have swapped places in the store: ` +
          `${records.describe(second)} was sealed at leaf ${records.label(first)} and is now at leaf ${records.label(second)}; ` +
          `${records.describe(first)} was sealed at leaf ${records.label(second)} and is now at leaf ${records.label(first)}`,
      });
      continue;
    }
    drafts.push({
      kind: 'moved',
      leaves: [records.label(home), leaf],
      events: [records.ref(r)],
      proven: true,
      affectsFrom: Math.min(records.label(home), leaf),
      mismatch: true,
      message:
        `${capital(records.describe(r))} was sealed at leaf ${records.label(home)}, but the store now has it at leaf ${leaf}, ` +
        `where event ${records.sealedEventId(r)} was sealed`,
    });
  }
  return drafts;
}

/**
 * Lines moved and renumbered so that each still agrees with itself show only as events out of
 * commit order, the order the sealer appends leaves in; put back in that order, the leaves hash
 * to the signed roots if nothing else changed.
 */
function hiddenReordering(
  records: LeafRecords,
  leaves: number[],
  covered: number,
  holdsEverywhere: (sequence: readonly number[]) => boolean,
): Draft | undefined {
  const slots: number[] = [];
  for (let p = 0; p < covered; p++)
    if (records.consistent(leaves[p]) && records.keyed(leaves[p])) slots.push(p);
  const items = slots.map((p) => leaves[p]);
  const found = disorder(items, (a, b) => records.compareCommitOrder(a, b));
  const shape = shapeOf(found, items.length);
  if (shape.kind === 'in-order') return undefined;
  const restored = [...leaves];
  slots.forEach((p, k) => (restored[p] = found.sorted[k]));
  const proven = holdsEverywhere(restored);
  const confirmed = proven ? '; put back in commit order, the leaves hash to the signed roots' : '';
  const leaf = (k: number) => records.label(items[k]);
  switch (shape.kind) {
    case 'swap': {
      const [a, b] = [items[shape.first], items[shape.second]];
      return {
        kind: 'swapped',
        leaves: [records.label(a), records.label(b)],
        events: [records.ref(a), records.ref(b)],
        proven,
        affectsFrom: records.label(a),
        message:
          `Leaves ${records.label(a)} and ${records.label(b)} hold each other's events: ${records.describe(a)} is at leaf ` +
          `${records.label(a)} and ${records.describe(b)} at leaf ${records.label(b)}, against commit order ` +
          `(transaction, then position), the order the log was sealed in${confirmed}`,
      };
    }
    case 'tail':
      return {
        kind: 'reordered',
        leaves: items.slice(shape.from).map((r) => records.label(r)),
        events: items.slice(shape.from).map((r) => records.ref(r)),
        proven,
        affectsFrom: leaf(shape.from),
        message: `The events at ${span(leaf(shape.from), leaf(items.length - 1))} are out of commit order (transaction, then position), the order the log was sealed in${confirmed}`,
      };
    case 'moves':
      return {
        kind: 'moved',
        leaves: shape.moved.map(leaf),
        events: shape.moved.map((k) => records.ref(items[k])),
        proven,
        affectsFrom: leaf(shape.moved[0]),
        message:
          shape.moved
            .slice(0, 5)
            .map((k) => {
              const sortedAt = found.sorted.indexOf(items[k]);
              const after = sortedAt > 0 ? found.sorted[sortedAt - 1] : undefined;
              return (
                `${capital(records.describe(items[k]))} at leaf ${leaf(k)} is out of commit order: it was sealed ` +
                (after === undefined ? 'first' : `after the event now at leaf ${records.label(after)}`)
              );
            })
            .join('; ') +
          (shape.moved.length > 5 ? `; and ${shape.moved.length - 5} more` : '') +
          confirmed,
      };
  }
}

interface VersionGap {
  beforeLabel: number;
  afterLabel: number;
  /** "version 3 of <stream> (v2 is at leaf 4, v4 at leaf 10)" */
  held: string;
}

interface VersionRepeat {
  first: number;
  second: number;
}

/**
 * Every stream's versions run 1, 2, 3, … and every event is sealed, so in commit order the log
 * holds each stream's versions without a gap: a gap is an event missing, a version twice an event
 * added (or changed).
 */
function streamVersionGaps(
  records: LeafRecords,
  leaves: number[],
): { gaps: VersionGap[]; repeats: VersionRepeat[] } {
  const events = leaves
    .filter((r) => records.present(r) && records.keyed(r) && records.streamed(r))
    .sort((a, b) => records.compareCommitOrder(a, b));
  const last = new Map<number, number>();
  const gaps: VersionGap[] = [];
  const repeats: VersionRepeat[] = [];
  for (const r of events) {
    const stream = records.stream(r);
    const before = last.get(stream);
    const expected = before === undefined ? 1 : records.version(before) + 1;
    const version = records.version(r);
    if (version < expected) {
      const first = events.find(
        (other) => records.stream(other) === stream && records.version(other) === version,
      );
      if (first !== undefined && first !== r) repeats.push({ first, second: r });
      continue;
    }
    if (version > expected) {
      const name = records.streamName(stream);
      const missing =
        version - expected === 1 ? `version ${expected}` : `versions ${expected} to ${version - 1}`;
      gaps.push({
        beforeLabel: before === undefined ? -1 : records.label(before),
        afterLabel: records.label(r),
        held:
          `${missing} of ${name}` +
          (before === undefined
            ? ` (the first of ${name} in the export is v${version}, at leaf ${records.label(r)})`
            : ` (v${expected - 1} is at leaf ${records.label(before)}, v${version} at leaf ${records.label(r)})`),
      });
    }
    last.set(stream, r);
  }
  return { gaps, repeats };
}

function insertedOrRepeated(
  records: LeafRecords,
  leaves: number[],
  { first, second }: VersionRepeat,
  holdsEverywhere: (sequence: readonly number[]) => boolean,
): Draft {
  for (const suspect of [second, first]) {
    if (holdsEverywhere(leaves.filter((r) => r !== suspect)))
      return {
        kind: 'inserted',
        leaves: [records.label(suspect)],
        events: [records.ref(suspect)],
        proven: true,
        affectsFrom: records.label(suspect),
        message:
          `Leaf ${records.label(suspect)} (${records.describe(suspect)}, line ${records.line(suspect)}) was added: ` +
          `without it the leaves hash to the signed roots`,
      };
  }
  const [a, b] = [first, second].sort((x, y) => records.label(x) - records.label(y));
  return {
    kind: 'inserted',
    leaves: [records.label(a), records.label(b)],
    events: [records.ref(a), records.ref(b)],
    proven: false,
    affectsFrom: records.label(a),
    message:
      `Two events claim version ${records.version(a)} of ${records.streamName(records.stream(a))}: ` +
      `${records.describe(a)} at leaf ${records.label(a)} and ${records.describe(b)} at leaf ${records.label(b)}; one of them was not sealed`,
  };
}

/**
 * A line added and the lines after it renumbered leaves nothing out of place but the roots: the
 * one line whose removal makes the first failing root hold, over a window narrow enough to search.
 */
function insertedLine(
  records: LeafRecords,
  leaves: number[],
  contiguous: number,
  from: number,
  to: number,
  bySize: Map<number, Checkpoint[]>,
): Draft | undefined {
  if (to - from > SEARCH_WINDOW || contiguous <= to) return undefined;
  const prefix = new CompactMerkleRange();
  for (let i = 0; i < from; i++) prefix.append(records.hash(leaves[i]));
  const targets = bySize.get(to)!;
  for (let skip = from; skip < to; skip++) {
    const range = prefix.clone();
    for (let i = from; i <= to; i++) if (i !== skip) range.append(records.hash(leaves[i]));
    const root = b64(range.root());
    if (!targets.some((target) => target.root === root)) continue;
    const r = leaves[skip];
    return {
      kind: 'inserted',
      leaves: [records.label(r)],
      events: [records.ref(r)],
      proven: true,
      affectsFrom: records.label(r),
      message:
        `Leaf ${records.label(r)} (${records.describe(r)}, line ${records.line(r)}) was added and the lines after it ` +
        `renumbered: without it the first ${to} leaves hash to the signed root of size ${to}`,
    };
  }
  return undefined;
}

function firstMismatch(draft: Draft | undefined): MismatchedEvent | null {
  if (!draft) return null;
  const event = draft.events[0];
  return {
    leafIndex: event.leafIndex,
    eventId: event.eventId,
    position: event.position ?? '',
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    problem: draft.message.replace(/^Leaf \d+ does not match what was sealed: /, ''),
  };
}

const listOf = (sizes: number[]) =>
  sizes.length > 4
    ? `${sizes[0]} to ${sizes[sizes.length - 1]} (${sizes.length} heads)`
    : sizes.length === 1
      ? String(sizes[0])
      : `${sizes.slice(0, -1).join(', ')} and ${sizes[sizes.length - 1]}`;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
