import fc from 'fast-check';
import { DomainError } from '../../common/domain/domain-error.js';
import { addDays } from '../domain/days.js';
import { lastDayOf } from '../domain/financial-year.js';
import { Fund } from '../domain/fund.aggregate.js';
import { isMovement, type FundEvent } from '../domain/fund.events.js';
import { COLUMNS, ledgerLines, lowestBalances } from '../domain/ledger.js';
import { campaignResult } from '../domain/match.js';
import { pence } from '../domain/money.js';
import { by, campaignTerms, matchFundProposed, ORGS, people, proposed, WARDS } from '../testing/fixtures.js';
import { foldFundBalances, type FundBalancesRow } from './funding.folds.js';

/**
 * Random histories of a fund, made by deciding random commands (with random days, amounts,
 * targets and backdating) and keeping what the domain accepts: so every history is one the rules
 * allow, and the rules are exercised by inputs nobody chose.
 *
 * The identity the balances must satisfy, for the fund as a whole and at the end of every year:
 *   available = received + transferredIn − transferredOut − awarded + returned − setAside
 *               (+ outstanding, for a fund that awards against commitments)
 * with, on every day as effective then, available ≥ 0, and for each award paid ≤ awarded and
 * returned ≤ paid, for each commitment received against it ≤ committed, for each campaign the
 * match ≤ what was set aside.
 */
const TODAY = '2020-06-30';
const FIRST_DAY = '2019-04-15';
const day = fc.integer({ min: 0, max: 440 }).map((n) => addDays(FIRST_DAY, n));
const amount = fc.integer({ min: 1, max: 2_000_000 }).map((p) => pence(p));
const pick = fc.nat();

const command = fc.oneof(
  fc.record({ kind: fc.constant('commit'), who: fc.boolean(), year: fc.boolean(), amount, day }),
  fc.record({ kind: fc.constant('receive'), which: pick, amount, day, whole: fc.boolean() }),
  fc.record({ kind: fc.constant('unplanned'), amount, day }),
  fc.record({
    kind: fc.constant('award'),
    wards: fc.subarray([WARDS.abbey, WARDS.belgrave]),
    who: fc.boolean(),
    amount,
    day,
  }),
  fc.record({ kind: fc.constant('plan'), which: pick, amount, due: day }),
  fc.record({ kind: fc.constant('pay'), which: pick, amount, day, whole: fc.boolean() }),
  fc.record({ kind: fc.constant('return'), which: pick, amount, day }),
  fc.record({ kind: fc.constant('reverse'), which: pick, day }),
  fc.record({ kind: fc.constant('transferIn'), amount, day }),
  fc.record({ kind: fc.constant('transferOut'), amount, day }),
  fc.record({ kind: fc.constant('campaign'), target: amount, day, project: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('settle'),
    which: pick,
    raised: fc.integer({ min: 0, max: 3_000_000 }),
    day,
  }),
);

type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const history = fc.record({
  match: fc.boolean(),
  policy: fc.constantFrom('received-only' as const, 'received-and-committed' as const),
  commands: fc.array(command, { minLength: 1, maxLength: 60 }),
});

function decideAll(
  match: boolean,
  policy: 'received-only' | 'received-and-committed',
  commands: Command[],
): FundEvent[] {
  const start = match ? matchFundProposed : proposed;
  const setUp: FundEvent[] = [
    {
      ...start,
      data: {
        ...start.data,
        awardPolicy: policy,
        area: proposed.data.area,
        period: { from: '2019-20', to: '2020-21' },
      },
    },
    { type: 'FundOpened', data: { fundId: 'f1', decisionReference: 'EX-1', effectiveOn: FIRST_DAY } },
  ];
  const fund = new Fund('f1').rehydrate(setUp);
  const decision = by(people.lead, TODAY);
  const ids = { next: 0 };
  const id = (prefix: string) => `${prefix}${++ids.next}`;
  const nth = <T>(items: T[], which: number): T | undefined =>
    items.length ? items[which % items.length] : undefined;
  for (const c of commands) {
    try {
      switch (c.kind) {
        case 'commit':
          fund.recordCommitment(
            {
              commitmentId: id('c'),
              contributorId: c.who ? ORGS.council : ORGS.ccg,
              financialYear: c.year ? '2019-20' : '2020-21',
              amount: c.amount,
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        case 'receive': {
          const commitment = nth(fund.liveCommitments(), c.which);
          if (!commitment) break;
          fund.recordReceipt(
            {
              receiptId: id('r'),
              commitmentId: commitment.commitmentId,
              amount: c.whole ? commitment.amount : c.amount,
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        }
        case 'unplanned':
          fund.recordReceipt(
            {
              receiptId: id('r'),
              contributorId: ORGS.acc,
              unplanned: true,
              reason: 'A donation',
              amount: c.amount,
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        case 'award':
          fund.makeAward(
            {
              awardId: id('a'),
              recipientId: c.who ? ORGS.acc : ORGS.somali,
              project: { title: 'Project', description: 'A project' },
              wardCodes: c.wards,
              amount: c.amount,
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        case 'plan': {
          const award = nth(fund.liveAwards(), c.which);
          if (award)
            fund.planPayment(
              { instalmentId: id('i'), awardId: award.awardId, dueOn: c.due, amount: c.amount },
              decision,
            );
          break;
        }
        case 'pay': {
          const award = nth(fund.liveAwards(), c.which);
          if (award)
            fund.recordPayment(
              {
                paymentId: id('p'),
                awardId: award.awardId,
                amount: c.whole ? award.amount : c.amount,
                effectiveOn: c.day,
              },
              decision,
            );
          break;
        }
        case 'return': {
          const award = nth(fund.liveAwards(), c.which);
          if (award)
            fund.recordReturn(
              {
                returnId: id('u'),
                awardId: award.awardId,
                amount: c.amount,
                reason: 'Unspent',
                effectiveOn: c.day,
              },
              decision,
            );
          break;
        }
        case 'reverse': {
          const movement = nth([...fund.movements.keys()], c.which);
          if (movement)
            fund.reverse(
              { reversalId: id('x'), movementId: movement, reason: 'In error', effectiveOn: c.day },
              decision,
            );
          break;
        }
        case 'transferIn':
          fund.receiveTransfer({
            fundId: 'f0',
            transferId: id('t'),
            toFundId: 'f1',
            decisionReference: 'EX-2',
            amount: c.amount,
            effectiveOn: c.day,
          });
          break;
        case 'transferOut':
          fund.transferOut(
            {
              transferId: id('t'),
              destination: { id: 'f2', exists: true, status: 'open' },
              decisionReference: 'EX-3',
              amount: c.amount,
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        case 'campaign':
          fund.setAsideMatch(
            {
              campaignId: id('cam'),
              campaign: {
                ...campaignTerms,
                projectReference: `P${c.project}`,
                target: c.target,
                deadline: addDays(c.day, 30),
              },
              effectiveOn: c.day,
            },
            decision,
          );
          break;
        case 'settle': {
          const open = [...fund.setAsides.values()].filter((s) => !s.settled);
          const held = nth(open, c.which);
          if (!held) break;
          const { campaign, rule, amount: setAside } = held.data;
          const result = campaignResult(rule, campaign.target.pence, setAside.pence, c.raised);
          const closedOn = addDays(campaign.deadline, 1);
          if (closedOn > TODAY) break;
          fund.settleMatch(
            {
              awardId: id('a'),
              campaign: {
                campaignId: held.data.campaignId,
                outcome: result.reachedTarget ? 'succeeded' : 'failed',
                raisedByDeadline: pence(result.raisedByDeadline),
                match: pence(result.match),
                closedOn,
              },
              effectiveOn: c.day < closedOn ? closedOn : c.day,
            },
            decision,
          );
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return [...setUp, ...fund.getUncommittedEvents()];
}

const fold = (events: readonly FundEvent[], row?: FundBalancesRow) => events.reduce(foldFundBalances, row);

/** What each movement adds up to, counted straight from the events with no ledger: the oracle. */
function countedFromEvents(events: readonly FundEvent[]) {
  const reversed = new Set(events.flatMap((e) => (e.type === 'MovementReversed' ? [e.data.movementId] : [])));
  const sums = Object.fromEntries(COLUMNS.map((c) => [c, 0])) as Record<(typeof COLUMNS)[number], number>;
  const award = new Map<string, { awarded: number; paid: number; returned: number }>();
  const perAward = (awardId: string) =>
    award.get(awardId) ?? award.set(awardId, { awarded: 0, paid: 0, returned: 0 }).get(awardId)!;
  for (const e of events) {
    const live = (movementId: string) => !reversed.has(movementId);
    switch (e.type) {
      case 'ContributionCommitted':
        if (!live(e.data.commitmentId)) break;
        sums.committed += e.data.amount.pence;
        sums.outstanding += e.data.amount.pence;
        break;
      case 'ContributionReceived':
        if (!live(e.data.receiptId)) break;
        sums.received += e.data.amount.pence;
        if (!e.data.unplanned) sums.outstanding -= e.data.amount.pence;
        break;
      case 'AwardMade':
        if (!live(e.data.awardId)) break;
        sums.awarded += e.data.amount.pence;
        perAward(e.data.awardId).awarded += e.data.amount.pence;
        if (e.data.campaignId) sums.setAside -= e.data.amount.pence;
        break;
      case 'PaymentMade':
        if (!live(e.data.paymentId)) break;
        sums.paid += e.data.amount.pence;
        perAward(e.data.awardId).paid += e.data.amount.pence;
        break;
      case 'UnspentMoneyReturned':
        if (!live(e.data.returnId)) break;
        sums.returned += e.data.amount.pence;
        perAward(e.data.awardId).returned += e.data.amount.pence;
        break;
      case 'FundsTransferredIn':
        sums.transferredIn += e.data.amount.pence;
        break;
      case 'FundsTransferredOut':
        sums.transferredOut += e.data.amount.pence;
        break;
      case 'MatchSetAside':
        sums.setAside += e.data.amount.pence;
        break;
      case 'MatchReleased':
        sums.setAside -= e.data.amount.pence;
        break;
    }
  }
  return { sums, award };
}

const sumOf = (rows: Record<string, Record<string, number>>, column: string) =>
  Object.values(rows).reduce((total, row) => total + row[column], 0);

describe('balances, folded from any history the rules allow', () => {
  it('reconcile: the identity holds, nothing is overspent on any day, and every breakdown adds up', () => {
    fc.assert(
      fc.property(history, ({ match, policy, commands }) => {
        const events = decideAll(match, policy, commands);
        const row = fold(events)!;
        const { sums, award } = countedFromEvents(events);

        for (const column of COLUMNS) expect(row.totals[column]).toBe(sums[column]);
        const committedToo = policy === 'received-and-committed' ? sums.outstanding : 0;
        expect(row.totals.available).toBe(
          sums.received +
            sums.transferredIn -
            sums.transferredOut -
            sums.awarded +
            sums.returned -
            sums.setAside +
            committedToo,
        );
        for (const { awarded, paid, returned } of award.values()) {
          expect(paid).toBeLessThanOrEqual(awarded);
          expect(returned).toBeLessThanOrEqual(paid);
        }
        const lowest = lowestBalances(events.filter(isMovement).flatMap(ledgerLines), policy);
        for (const [balance, value] of lowest)
          expect({ balance, lowest: value >= 0 }).toEqual({ balance, lowest: true });

        for (const column of COLUMNS) expect(sumOf(row.years, column)).toBe(row.totals[column]);
        for (const column of ['awarded', 'paid', 'returned']) {
          expect(sumOf(row.wards as never, column)).toBe(row.totals[column as 'awarded']);
          expect(sumOf(row.recipients as never, column)).toBe(row.totals[column as 'awarded']);
        }
        for (const column of ['committed', 'received'])
          expect(sumOf(row.contributors as never, column)).toBe(row.totals[column as 'committed']);
        expect(Object.keys(row.wards)).toEqual(expect.arrayContaining([WARDS.abbey, WARDS.belgrave]));
      }),
      { numRuns: 300 },
    );
  });

  it('say at each year’s end what the fund, folded as effective on 31 March, says', () => {
    fc.assert(
      fc.property(history, ({ match, policy, commands }) => {
        const events = decideAll(match, policy, commands);
        const row = fold(events)!;
        for (const [year, balances] of Object.entries(row.years)) {
          const asEffective = fold(events.filter((e) => e.data.effectiveOn <= lastDayOf(year)))!;
          expect({
            year,
            available: balances.availableAtYearEnd,
            outstanding: balances.outstandingAtYearEnd,
          }).toEqual({
            year,
            available: asEffective.totals.available,
            outstanding: asEffective.totals.outstanding,
          });
          expect(asEffective.totals.available).toBeGreaterThanOrEqual(0);
        }
        const fund = new Fund('f1').rehydrate(events);
        expect(fund.availableOn(TODAY)).toBe(row.totals.available);
      }),
      { numRuns: 200 },
    );
  });

  it('come out the same however the events are split into batches, stored as JSON between them', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { maxLength: 6 }), ({ match, policy, commands }, cuts) => {
        const events = decideAll(match, policy, commands);
        const whole = fold(events);
        const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
        let row: FundBalancesRow | undefined;
        let from = 0;
        for (const to of [...points, events.length]) {
          row = fold(events.slice(from, to), row);
          row = row && (JSON.parse(JSON.stringify(row)) as FundBalancesRow);
          from = to;
        }
        expect(row).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});
