import type { IsoDate } from '../../common/domain/dates.js';
import { financialYearOf, type FinancialYear } from './financial-year.js';
import { movementIdOf, type FundMovementEvent } from './fund.events.js';
import { addPence } from './money.js';
import type { AwardPolicy } from './values.js';

/**
 * The ledger: what each movement does to each balance, written once. The aggregate's rules, the
 * balances read models, histories "as effective at" a day and the property test all read these
 * lines, so no two of them can disagree about what a movement means.
 *
 * Columns:
 * - committed: promised by contributors, in the financial year the money is for;
 * - outstanding: committed and not yet received against the commitment;
 * - received: paid in (against a commitment or unplanned);
 * - transferredIn / transferredOut: between funds, citing a decision;
 * - awarded, paid, returned: to and from recipients;
 * - setAside: held for crowdfunding campaigns not yet settled.
 *
 * available = received + transferredIn − transferredOut − awarded + returned − setAside
 *             (+ outstanding, for a fund that awards against commitments)
 */
export const COLUMNS = [
  'committed',
  'outstanding',
  'received',
  'transferredIn',
  'transferredOut',
  'awarded',
  'paid',
  'returned',
  'setAside',
] as const;
export type Column = (typeof COLUMNS)[number];

export interface WardShare {
  readonly wardCode: string;
  readonly pence: number;
}

export interface LedgerLine {
  /** The movement this line belongs to; a reversal's lines carry the id of what they reverse. */
  readonly movementId: string;
  readonly column: Column;
  /** Signed: a reversal's lines are the negatives of the original's. */
  readonly pence: number;
  /** The day it takes effect. */
  readonly on: IsoDate;
  /** The commitment's year for `committed`; the year of `on` for everything else. */
  readonly financialYear: FinancialYear;
  readonly contributorId?: string;
  readonly commitmentId?: string;
  readonly recipientId?: string;
  readonly awardId?: string;
  readonly campaignId?: string;
  /** For awarded, paid and returned: the amount split across the award's wards (empty: its whole area). */
  readonly wardShares?: readonly WardShare[];
}

/**
 * An amount split evenly across wards, whole pence, the pence left over going one each to the
 * wards first in the award's order: the shares always add up to the amount exactly.
 */
export function splitAcrossWards(amount: number, wardCodes: readonly string[]): WardShare[] {
  if (wardCodes.length === 0) return [];
  const magnitude = Math.abs(amount);
  const sign = amount < 0 ? -1 : 1;
  const each = Math.floor(magnitude / wardCodes.length);
  const left = magnitude - each * wardCodes.length;
  return wardCodes.map((wardCode, index) => ({ wardCode, pence: sign * (each + (index < left ? 1 : 0)) }));
}

export function ledgerLines(event: FundMovementEvent): LedgerLine[] {
  const { data } = event;
  const on = data.effectiveOn;
  const year = financialYearOf(on);
  const base = { movementId: movementIdOf(event), on, financialYear: year };
  switch (event.type) {
    case 'ContributionCommitted': {
      const about = { contributorId: event.data.contributorId, commitmentId: event.data.commitmentId };
      const amount = event.data.amount.pence;
      return [
        { ...base, ...about, column: 'committed', pence: amount, financialYear: event.data.financialYear },
        { ...base, ...about, column: 'outstanding', pence: amount },
      ];
    }
    case 'ContributionReceived': {
      const { contributorId, commitmentId, unplanned, amount } = event.data;
      const about = { contributorId, ...(commitmentId ? { commitmentId } : {}) };
      const received: LedgerLine = { ...base, ...about, column: 'received', pence: amount.pence };
      return unplanned
        ? [received]
        : [received, { ...base, ...about, column: 'outstanding', pence: -amount.pence }];
    }
    case 'AwardMade': {
      const { awardId, recipientId, wardCodes, campaignId, amount } = event.data;
      const awarded: LedgerLine = {
        ...base,
        column: 'awarded',
        pence: amount.pence,
        awardId,
        recipientId,
        wardShares: splitAcrossWards(amount.pence, wardCodes),
        ...(campaignId ? { campaignId } : {}),
      };
      // A match award is made from what was set aside for its campaign.
      return campaignId
        ? [awarded, { ...base, column: 'setAside', pence: -amount.pence, campaignId }]
        : [awarded];
    }
    case 'PaymentPlanned':
      return [];
    case 'PaymentMade':
    case 'UnspentMoneyReturned': {
      const { awardId, recipientId, wardCodes, amount } = event.data;
      return [
        {
          ...base,
          column: event.type === 'PaymentMade' ? 'paid' : 'returned',
          pence: amount.pence,
          awardId,
          recipientId,
          wardShares: splitAcrossWards(amount.pence, wardCodes),
        },
      ];
    }
    case 'FundsTransferredOut':
      return [{ ...base, column: 'transferredOut', pence: event.data.amount.pence }];
    case 'FundsTransferredIn':
      return [{ ...base, column: 'transferredIn', pence: event.data.amount.pence }];
    case 'MatchSetAside':
      return [
        { ...base, column: 'setAside', pence: event.data.amount.pence, campaignId: event.data.campaignId },
      ];
    case 'MatchReleased':
      return [
        { ...base, column: 'setAside', pence: -event.data.amount.pence, campaignId: event.data.campaignId },
      ];
    case 'MovementReversed':
      // The original's lines, negated, on the reversal's own day (a commitment keeps the year it was for).
      return ledgerLines(event.data.reversed).map((line) => ({
        ...line,
        pence: -line.pence,
        on,
        financialYear: line.column === 'committed' ? line.financialYear : year,
        ...(line.wardShares
          ? {
              wardShares: line.wardShares.map((share) => ({ wardCode: share.wardCode, pence: -share.pence })),
            }
          : {}),
      }));
  }
}

/** What a line does to the money available to award, under the fund's policy. */
export function availabilityOf(line: LedgerLine, policy: AwardPolicy): number {
  switch (line.column) {
    case 'received':
    case 'transferredIn':
    case 'returned':
      return line.pence;
    case 'transferredOut':
    case 'awarded':
    case 'setAside':
      return -line.pence;
    case 'outstanding':
      return policy === 'received-and-committed' ? line.pence : 0;
    case 'committed':
    case 'paid':
      return 0;
  }
}

export type Totals = Record<Column, number>;

export function emptyTotals(): Totals {
  return Object.fromEntries(COLUMNS.map((column) => [column, 0])) as Totals;
}

export function addLine(totals: Totals, line: LedgerLine): Totals {
  return { ...totals, [line.column]: addPence(totals[line.column], line.pence) };
}

export function availableOf(totals: Totals, policy: AwardPolicy): number {
  const committedToo = policy === 'received-and-committed' ? totals.outstanding : 0;
  return (
    totals.received +
    totals.transferredIn -
    totals.transferredOut -
    totals.awarded +
    totals.returned -
    totals.setAside +
    committedToo
  );
}

/**
 * The rules of money, as balances that must never go below zero on any day, as effective then:
 *
 * - the fund's available money;
 * - each award's unpaid amount (awarded − paid), so no payment goes beyond its award;
 * - each award's kept amount (paid − returned), so no more comes back than was paid;
 * - each commitment's outstanding amount, so no planned receipt goes beyond it;
 * - each campaign's set-aside, so no match goes beyond what was held for it.
 *
 * Checking them "on every day from the movement's own day on" (not only today) means a movement
 * entered after the fact cannot make any past day overspent: "as effective at 31 March 2020" is
 * never a day on which the fund had awarded money it did not have.
 */
export type Constraint =
  | { readonly kind: 'available' }
  | { readonly kind: 'award-unpaid'; readonly awardId: string }
  | { readonly kind: 'award-kept'; readonly awardId: string }
  | { readonly kind: 'commitment-outstanding'; readonly commitmentId: string }
  | { readonly kind: 'campaign-set-aside'; readonly campaignId: string };

function contributions(line: LedgerLine, policy: AwardPolicy): [Constraint, number][] {
  const found: [Constraint, number][] = [];
  const available = availabilityOf(line, policy);
  if (available !== 0) found.push([{ kind: 'available' }, available]);
  if (line.awardId && line.column === 'awarded')
    found.push([{ kind: 'award-unpaid', awardId: line.awardId }, line.pence]);
  if (line.awardId && line.column === 'paid') {
    found.push([{ kind: 'award-unpaid', awardId: line.awardId }, -line.pence]);
    found.push([{ kind: 'award-kept', awardId: line.awardId }, line.pence]);
  }
  if (line.awardId && line.column === 'returned')
    found.push([{ kind: 'award-kept', awardId: line.awardId }, -line.pence]);
  if (line.commitmentId && line.column === 'outstanding')
    found.push([{ kind: 'commitment-outstanding', commitmentId: line.commitmentId }, line.pence]);
  if (line.campaignId && line.column === 'setAside')
    found.push([{ kind: 'campaign-set-aside', campaignId: line.campaignId }, line.pence]);
  return found;
}

function keyOf(constraint: Constraint): string {
  switch (constraint.kind) {
    case 'available':
      return 'available';
    case 'award-unpaid':
    case 'award-kept':
      return `${constraint.kind}:${constraint.awardId}`;
    case 'commitment-outstanding':
      return `${constraint.kind}:${constraint.commitmentId}`;
    case 'campaign-set-aside':
      return `${constraint.kind}:${constraint.campaignId}`;
  }
}

interface Dated {
  readonly on: IsoDate;
  readonly delta: number;
}

/** The lowest a balance stands on any day from `day` on, given its changes by day. */
export function lowestFrom(changes: readonly Dated[], day: IsoDate): number {
  const sorted = [...changes].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let running = 0;
  let index = 0;
  while (index < sorted.length && sorted[index].on <= day) running += sorted[index++].delta;
  let lowest = running;
  while (index < sorted.length) {
    const on = sorted[index].on;
    while (index < sorted.length && sorted[index].on === on) running += sorted[index++].delta;
    lowest = Math.min(lowest, running);
  }
  return lowest;
}

export interface Shortfall {
  readonly constraint: Constraint;
  /** The most the new movement could have taken from this balance on its day and every day after. */
  readonly headroom: number;
}

/**
 * Whether new lines, all taking effect on `day`, keep every balance at zero or above on that day
 * and every day after; the first that would go below is named with the headroom it had.
 */
export function firstShortfall(
  existing: readonly LedgerLine[],
  added: readonly LedgerLine[],
  day: IsoDate,
  policy: AwardPolicy,
): Shortfall | null {
  const touched = new Map<string, { constraint: Constraint; delta: number }>();
  for (const line of added)
    for (const [constraint, delta] of contributions(line, policy)) {
      const key = keyOf(constraint);
      const entry = touched.get(key) ?? { constraint, delta: 0 };
      touched.set(key, { constraint, delta: entry.delta + delta });
    }
  for (const [key, { constraint, delta }] of touched) {
    if (delta >= 0) continue;
    const changes: Dated[] = [];
    for (const line of existing)
      for (const [other, change] of contributions(line, policy))
        if (keyOf(other) === key) changes.push({ on: line.on, delta: change });
    const headroom = lowestFrom(changes, day);
    if (headroom + delta < 0) return { constraint, headroom };
  }
  return null;
}

/** Every balance, on every day from the first line on: the invariant the property test checks. */
export function lowestBalances(lines: readonly LedgerLine[], policy: AwardPolicy): Map<string, number> {
  const changes = new Map<string, Dated[]>();
  for (const line of lines)
    for (const [constraint, delta] of contributions(line, policy)) {
      const key = keyOf(constraint);
      changes.set(key, [...(changes.get(key) ?? []), { on: line.on, delta }]);
    }
  return new Map([...changes].map(([key, dated]) => [key, lowestFrom(dated, '0000-00-00')]));
}
