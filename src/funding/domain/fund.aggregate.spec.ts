import { given } from '../../../libs/testing/given-when-then.js';
import {
  awarded,
  by,
  campaignTerms,
  committed,
  gbp,
  matchFundProposed,
  opened,
  ORGS,
  paid,
  people,
  proposed,
  received,
  setAside,
  TODAY,
  WARDS,
} from '../testing/fixtures.js';
import { Fund, type AwardInput, type ProposeFundInput } from './fund.aggregate.js';
import type { FundEvent } from './fund.events.js';

const fund = () => new Fund('f1');
/** Open, with £20,000 committed by the council for 2019-20 and £10,000 of it received. */
const funded: FundEvent[] = [proposed, opened, committed('c1', '20,000'), received('r1', '10,000')];

const proposal: ProposeFundInput = {
  name: 'Belgrave and Abbey pooled fund',
  purpose: 'Pooling council and NHS money to tackle isolation in two wards',
  kind: 'pooled-fund',
  accountableBodyId: ORGS.council,
  partnerIds: [ORGS.ccg],
  area: { kind: 'wards', wardCodes: [WARDS.abbey, WARDS.belgrave] },
  period: { from: '2019-20', to: '2020-21' },
  leadOfficerId: people.lead.id,
  awardPolicy: 'received-only',
  effectiveOn: '2019-04-01',
};

const award: AwardInput = {
  awardId: 'a1',
  recipientId: ORGS.acc,
  project: { title: 'Lunch club', description: 'A weekly lunch club for isolated older people' },
  wardCodes: [WARDS.abbey],
  amount: gbp('5,000'),
  effectiveOn: '2019-07-01',
};

describe('proposing a fund', () => {
  it('records its terms, each as given, with the day it took effect', () => {
    given(fund())
      .when((f) => f.propose(proposal, by()))
      .then({ ...proposed, data: { ...proposed.data } });
  });

  it.each([
    [{ name: ' ' }, 'fund.name.required', 'name'],
    [{ kind: 'slush-fund' }, 'fund.kind-invalid', 'kind'],
    [{ area: { kind: 'wards', wardCodes: [] } }, 'fund.area.too-few', 'area.wardCodes'],
    [{ area: { kind: 'wards', wardCodes: ['E0501045'] } }, 'ward.code-invalid', 'area.wardCodes[0]'],
    [
      { area: { kind: 'wards', wardCodes: [WARDS.abbey, WARDS.abbey] } },
      'fund.area.repeated',
      'area.wardCodes[1]',
    ],
    [{ area: { kind: 'county' } }, 'fund.area-invalid', 'area.kind'],
    [{ period: { from: '2020-21', to: '2019-20' } }, 'fund.period-invalid', 'period.to'],
    [{ period: { from: '2019-20', to: '2029-30' } }, 'fund.period-too-long', 'period.to'],
    [{ period: { from: '2019/20', to: '2020-21' } }, 'financial-year.invalid', 'period.from'],
    [{ awardPolicy: 'anything' }, 'fund.policy-invalid', 'awardPolicy'],
    [{ partnerIds: [ORGS.ccg, ORGS.ccg] }, 'fund.partners.repeated', 'partnerIds[1]'],
    [{ effectiveOn: '2020-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
    [{ ringfence: { purposes: [], programmes: [], period: null } }, 'ringfence.empty', 'ringfence'],
    [{ matchRule: matchFundProposed.data.matchRule }, 'fund.match-rule-not-a-match-fund', 'matchRule'],
    [{ kind: 'crowdfunding-match-fund' }, 'match-rule.required', 'matchRule'],
    [
      {
        kind: 'crowdfunding-match-fund',
        matchRule: { ...matchFundProposed.data.matchRule, pencePerPound: 0 },
      },
      'match-rule.rate-invalid',
      'matchRule.pencePerPound',
    ],
    [
      {
        kind: 'crowdfunding-match-fund',
        matchRule: { ...matchFundProposed.data.matchRule, maxShareOfTargetPercent: 101 },
      },
      'match-rule.share-invalid',
      'matchRule.maxShareOfTargetPercent',
    ],
  ])('refuses %j', (change, code, field) => {
    given(fund())
      .when((f) => f.propose({ ...proposal, ...change } as ProposeFundInput, by()))
      .thenRefuses(code, field);
  });

  it('is proposed by an admin for any officer, by an officer only for themselves, never by scrutiny', () => {
    given(fund())
      .when((f) => f.propose(proposal, by(people.admin)))
      .then({ ...proposed });
    given(fund())
      .when((f) => f.propose(proposal, by(people.otherOfficer)))
      .thenRefuses('fund.may-not-propose');
    given(fund())
      .when((f) => f.propose(proposal, by(people.scrutiny)))
      .thenRefuses('fund.may-not-propose');
  });
});

describe('opening and closing', () => {
  it('opens on the decision that set it up', () => {
    given(fund(), proposed)
      .when((f) => f.open({ decisionReference: 'EX-2019-014', effectiveOn: '2019-04-15' }, by()))
      .then(opened);
  });

  it('needs the decision reference, and a day not before it was proposed', () => {
    given(fund(), proposed)
      .when((f) => f.open({ decisionReference: '' }, by()))
      .thenRefuses('decision-reference.required', 'decisionReference');
    given(fund(), proposed)
      .when((f) => f.open({ decisionReference: 'EX-1', effectiveOn: '2019-03-31' }, by()))
      .thenRefuses('fund.status-before-last-change', 'effectiveOn');
  });

  it('is changed only by its lead officer or an admin', () => {
    for (const actor of [people.otherOfficer, people.scrutiny, people.auditor])
      given(fund(), proposed)
        .when((f) => f.open({ decisionReference: 'EX-1' }, by(actor)))
        .thenRefuses('fund.not-your-fund');
  });

  it('closes with a reason, not before its last award', () => {
    given(fund(), ...funded, awarded('a1', '1,000', { effectiveOn: '2020-01-10' }))
      .when((f) => f.close({ reason: 'Money spent', effectiveOn: '2020-01-09' }, by()))
      .thenRefuses('fund.closed-before-last-intake', 'effectiveOn');
    given(fund(), ...funded)
      .when((f) => f.close({ reason: '', effectiveOn: '2020-03-31' }, by()))
      .thenRefuses('reason.required', 'reason');
    given(fund(), ...funded)
      .when((f) =>
        f.close({ reason: 'The period ended', effectiveOn: '2021-03-31' }, by(people.admin, '2021-04-01')),
      )
      .then({
        type: 'FundClosed',
        data: { fundId: 'f1', reason: 'The period ended', effectiveOn: '2021-03-31' },
      });
  });

  it('does not close while a campaign has money set aside', () => {
    given(
      fund(),
      matchFundProposed,
      opened,
      received('r1', '50,000', { commitmentId: null, unplanned: true }),
      setAside('cam1', '10,000'),
    )
      .when((f) => f.close({ reason: 'Done' }, by()))
      .thenRefuses('fund.has-live-set-asides');
  });
});

describe('commitments and receipts', () => {
  it('takes a commitment from the accountable body or a partner, for a year of its period', () => {
    given(fund(), proposed, opened)
      .when((f) =>
        f.recordCommitment(
          {
            commitmentId: 'c2',
            contributorId: ORGS.ccg,
            financialYear: '2020-21',
            amount: gbp('7,500'),
            effectiveOn: '2019-05-01',
          },
          by(),
        ),
      )
      .then(committed('c2', '7,500', { contributorId: ORGS.ccg, financialYear: '2020-21' }));
  });

  it.each([
    [{ contributorId: ORGS.acc }, 'commitment.not-a-contributor', 'contributorId'],
    [{ financialYear: '2021-22' }, 'commitment.outside-period', 'financialYear'],
    [{ financialYear: '2021' }, 'financial-year.invalid', 'financialYear'],
    [{ amount: gbp('0') }, 'amount.not-positive', 'amount'],
    [{ amount: gbp('-5') }, 'amount.not-positive', 'amount'],
    [{ effectiveOn: '2019-03-01' }, 'fund.before-proposed', 'effectiveOn'],
    [{ commitmentId: 'c1' }, 'movement.id-taken', 'commitmentId'],
  ])('refuses a commitment with %j', (change, code, field) => {
    given(fund(), ...funded)
      .when((f) =>
        f.recordCommitment(
          {
            commitmentId: 'c9',
            contributorId: ORGS.council,
            financialYear: '2019-20',
            amount: gbp('1,000'),
            ...change,
          },
          by(),
        ),
      )
      .thenRefuses(code, field);
  });

  it('takes a receipt against a commitment, in part, up to what is outstanding', () => {
    given(fund(), ...funded)
      .when((f) =>
        f.recordReceipt(
          { receiptId: 'r2', commitmentId: 'c1', amount: gbp('10,000'), effectiveOn: '2019-09-01' },
          by(),
        ),
      )
      .then(received('r2', '10,000', { effectiveOn: '2019-09-01' }));
  });

  it('refuses a receipt beyond the commitment unless it is recorded as unplanned, with a reason', () => {
    given(fund(), ...funded)
      .when((f) => f.recordReceipt({ receiptId: 'r2', commitmentId: 'c1', amount: gbp('10,000.01') }, by()))
      .thenRefuses('receipt.exceeds-commitment', 'amount');
    given(fund(), ...funded)
      .when((f) =>
        f.recordReceipt(
          { receiptId: 'r2', commitmentId: 'c1', amount: gbp('10,000.01'), unplanned: true },
          by(),
        ),
      )
      .thenRefuses('receipt.unplanned-reason-required', 'reason');
    given(fund(), ...funded)
      .when((f) =>
        f.recordReceipt(
          {
            receiptId: 'r2',
            commitmentId: 'c1',
            amount: gbp('10,000.01'),
            unplanned: true,
            reason: 'Underspend added',
            effectiveOn: '2019-09-01',
          },
          by(),
        ),
      )
      .then({
        ...received('r2', '10,000.01', { effectiveOn: '2019-09-01', unplanned: true }),
        data: {
          ...received('r2', '10,000.01', { effectiveOn: '2019-09-01', unplanned: true }).data,
          reason: 'Underspend added',
        },
      });
  });

  it('refuses a receipt dated before its commitment was made, or against no commitment when planned', () => {
    given(fund(), ...funded)
      .when((f) =>
        f.recordReceipt(
          { receiptId: 'r2', commitmentId: 'c1', amount: gbp('1'), effectiveOn: '2019-04-30' },
          by(),
        ),
      )
      .thenRefuses('receipt.before-commitment', 'effectiveOn');
    given(fund(), ...funded)
      .when((f) => f.recordReceipt({ receiptId: 'r2', amount: gbp('1') }, by()))
      .thenRefuses('receipt.commitment-required', 'commitmentId');
    given(fund(), ...funded)
      .when((f) => f.recordReceipt({ receiptId: 'r2', commitmentId: 'c404', amount: gbp('1') }, by()))
      .thenRefuses('receipt.commitment-unknown', 'commitmentId');
  });

  it('counts a receipt against the commitment only on the days after it was received', () => {
    // £10,000 outstanding today, but on 1 June 2019, before the second £5,000 arrived, only £5,000 was.
    given(
      fund(),
      proposed,
      opened,
      committed('c1', '10,000'),
      received('r1', '5,000', { effectiveOn: '2019-09-01' }),
    )
      .when((f) =>
        f.recordReceipt(
          { receiptId: 'r2', commitmentId: 'c1', amount: gbp('5,000.01'), effectiveOn: '2019-06-01' },
          by(),
        ),
      )
      .thenRefuses('receipt.exceeds-commitment', 'amount');
  });
});

describe('awards', () => {
  it('awards a project in the fund’s wards from money received', () => {
    given(fund(), ...funded)
      .when((f) => f.makeAward(award, by()))
      .then(awarded('a1', '5,000'));
  });

  it('refuses to award beyond what it has received, under a received-only policy', () => {
    given(fund(), ...funded, awarded('a1', '5,000'))
      .when((f) => f.makeAward({ ...award, awardId: 'a2', amount: gbp('5,000.01') }, by()))
      .thenRefuses('award.exceeds-available', 'amount');
  });

  it('awards against commitments too when its policy says so', () => {
    const committedPolicy = {
      ...proposed,
      data: { ...proposed.data, awardPolicy: 'received-and-committed' as const },
    };
    given(fund(), committedPolicy, opened, committed('c1', '20,000'), received('r1', '10,000'))
      .when((f) => f.makeAward({ ...award, amount: gbp('20,000') }, by()))
      .then(awarded('a1', '20,000'));
    given(fund(), committedPolicy, opened, committed('c1', '20,000'), received('r1', '10,000'))
      .when((f) => f.makeAward({ ...award, amount: gbp('20,000.01') }, by()))
      .thenRefuses('award.exceeds-available', 'amount');
  });

  it('refuses an award dated on a day the money had not yet arrived, though it has now', () => {
    // £10,000 is here today, but it arrived on 1 June 2019: an award of 15 May 2019 would overspend that day.
    given(fund(), ...funded)
      .when((f) => f.makeAward({ ...award, effectiveOn: '2019-05-15' }, by()))
      .thenRefuses('award.exceeds-available', 'amount');
  });

  it('refuses an award that would leave an earlier backdated award overspent', () => {
    // A later award is fine today, but taking it on 1 July 2019 would leave 1 July overspent.
    given(fund(), ...funded, awarded('a1', '8,000', { effectiveOn: '2019-12-01' }))
      .when((f) =>
        f.makeAward({ ...award, awardId: 'a2', amount: gbp('2,000.01'), effectiveOn: '2019-07-01' }, by()),
      )
      .thenRefuses('award.exceeds-available', 'amount');
  });

  it.each([
    [{ wardCodes: [WARDS.castle] }, 'award.ward-outside-area', 'wardCodes[0]'],
    [{ wardCodes: ['E05'] }, 'ward.code-invalid', 'wardCodes[0]'],
    [{ wardCodes: [WARDS.abbey, WARDS.abbey] }, 'award.wards.repeated', 'wardCodes[1]'],
    [{ amount: gbp('0') }, 'amount.not-positive', 'amount'],
    [{ amount: { pence: -500, currency: 'GBP' } }, 'amount.not-positive', 'amount'],
    [{ effectiveOn: '2021-04-01' }, 'effectiveOn.in-future', 'effectiveOn'],
    [{ effectiveOn: '2019-04-10' }, 'award.before-fund-opened', 'effectiveOn'],
    [{ project: { title: 'x'.repeat(141), description: 'd' } }, 'project.title.too-long', 'project.title'],
    [
      { project: { title: 'Lunch club', description: '' } },
      'project.description.required',
      'project.description',
    ],
    [
      { plannedDates: { startOn: '2019-09-01', endOn: '2019-08-31' } },
      'award.planned-end-before-start',
      'plannedDates.endOn',
    ],
    [
      { plannedDates: { startOn: '2019-09-01', endOn: '2040-01-01' } },
      'plannedDates.endOn.too-far-ahead',
      'plannedDates.endOn',
    ],
    [{ regrantType: 'FRG999' }, 'award.regrant-type-invalid', 'regrantType'],
    [{ actionIds: ['act-1', 'act-1'] }, 'award.actions.repeated', 'actionIds[1]'],
    [{ awardId: 'c1' }, 'movement.id-taken', 'awardId'],
  ])('refuses an award with %j', (change, code, field) => {
    given(fund(), ...funded)
      .when((f) => f.makeAward({ ...award, ...change } as AwardInput, by(people.lead, '2021-03-31')))
      .thenRefuses(code, field);
  });

  it('plans dates that lie ahead', () => {
    given(fund(), ...funded)
      .when((f) =>
        f.makeAward({ ...award, plannedDates: { startOn: '2020-09-01', endOn: '2021-08-31' } }, by()),
      )
      .then({
        ...awarded('a1', '5,000'),
        data: {
          ...awarded('a1', '5,000').data,
          plannedDates: { startOn: '2020-09-01', endOn: '2021-08-31' },
        },
      });
  });

  it('refuses any award from a proposed or a closed fund', () => {
    given(fund(), proposed, received('r1', '1,000', { commitmentId: null, unplanned: true }))
      .when((f) => f.makeAward(award, by()))
      .thenRefuses('fund.not-open');
    given(fund(), ...funded, {
      type: 'FundClosed',
      data: { fundId: 'f1', reason: 'Ended', effectiveOn: '2020-03-31' },
    })
      .when((f) => f.makeAward(award, by()))
      .thenRefuses('fund.closed');
  });

  it('refuses an award outside the fund’s period', () => {
    given(fund(), proposed, opened, received('r1', '5,000', { commitmentId: null, unplanned: true }))
      .when((f) => f.makeAward({ ...award, effectiveOn: '2021-04-01' }, by(people.lead, '2021-05-01')))
      .thenRefuses('award.outside-fund-period', 'effectiveOn');
  });

  describe('within its ringfence', () => {
    const fenced = {
      ...proposed,
      data: {
        ...proposed.data,
        ringfence: {
          purposes: ['Crowdfunder UK contract', 'Match-funding small grants'],
          programmes: ['SMALL-GRANTS'],
          period: { from: '2019-20', to: '2019-20' },
        },
      },
    };
    const history = [fenced, opened, committed('c1', '20,000'), received('r1', '10,000')];
    const fencedAward: AwardInput = {
      ...award,
      purpose: 'match-funding small grants',
      grantProgramme: { code: 'SMALL-GRANTS', title: 'Small grants' },
    };

    it('awards for one of its purposes and programmes, in its period', () => {
      given(fund(), ...history)
        .when((f) => f.makeAward(fencedAward, by()))
        .then({
          ...awarded('a1', '5,000'),
          data: {
            ...awarded('a1', '5,000').data,
            purpose: 'match-funding small grants',
            grantProgramme: fencedAward.grantProgramme,
          },
        });
    });

    it.each([
      [{ purpose: 'Office refurbishment' }, 'award.purpose-outside-ringfence', 'purpose'],
      [{ purpose: null }, 'award.purpose-outside-ringfence', 'purpose'],
      [
        { grantProgramme: { code: 'CAPITAL', title: 'Capital' } },
        'award.programme-outside-ringfence',
        'grantProgramme.code',
      ],
      [{ effectiveOn: '2020-04-01' }, 'award.outside-ringfence-period', 'effectiveOn'],
    ])('refuses an award with %j', (change, code, field) => {
      given(fund(), ...history)
        .when((f) => f.makeAward({ ...fencedAward, ...change } as AwardInput, by()))
        .thenRefuses(code, field);
    });
  });
});

describe('two officers awarding the last £5,000 at the same moment', () => {
  it('both decide against the same version, so the store lets exactly one append through', () => {
    const history = [...funded, awarded('a0', '5,000')];
    const first = fund().rehydrate(history);
    const second = fund().rehydrate(history);
    first.makeAward({ ...award, awardId: 'a1' }, by(people.lead));
    second.makeAward({ ...award, awardId: 'a2', recipientId: ORGS.somali }, by(people.admin));
    // Each would append at the version it loaded: the second to arrive is refused with 409.
    expect(first.version).toBe(history.length);
    expect(second.version).toBe(first.version);
  });

  it('and the one that lost, deciding again on what the winner wrote, is refused: nothing is overspent', () => {
    given(fund(), ...funded, awarded('a0', '5,000'), awarded('a1', '5,000'))
      .when((f) => f.makeAward({ ...award, awardId: 'a2' }, by(people.admin)))
      .thenRefuses('award.exceeds-available', 'amount');
  });
});

describe('payments and returns', () => {
  const withAward = [...funded, awarded('a1', '5,000')];

  it('pays an award in instalments, up to the award', () => {
    given(fund(), ...withAward, paid('p1', 'a1', '3,000'))
      .when((f) =>
        f.recordPayment(
          { paymentId: 'p2', awardId: 'a1', amount: gbp('2,000'), effectiveOn: '2019-08-01' },
          by(),
        ),
      )
      .then(paid('p2', 'a1', '2,000'));
    given(fund(), ...withAward, paid('p1', 'a1', '3,000'))
      .when((f) => f.recordPayment({ paymentId: 'p2', awardId: 'a1', amount: gbp('2,000.01') }, by()))
      .thenRefuses('payment.exceeds-award', 'amount');
  });

  it('plans an instalment for a day ahead, but never records a payment made in the future', () => {
    given(fund(), ...withAward)
      .when((f) =>
        f.planPayment({ instalmentId: 'i1', awardId: 'a1', dueOn: '2020-10-01', amount: gbp('2,500') }, by()),
      )
      .then({
        type: 'PaymentPlanned',
        data: {
          fundId: 'f1',
          instalmentId: 'i1',
          awardId: 'a1',
          dueOn: '2020-10-01',
          amount: gbp('2,500'),
          effectiveOn: TODAY,
        },
      });
    given(fund(), ...withAward)
      .when((f) =>
        f.recordPayment(
          { paymentId: 'p1', awardId: 'a1', amount: gbp('2,500'), effectiveOn: '2020-10-01' },
          by(),
        ),
      )
      .thenRefuses('effectiveOn.in-future', 'effectiveOn');
  });

  it.each([
    [{ awardId: 'a404' }, 'payment.award-unknown', 'awardId'],
    [{ effectiveOn: '2019-06-30' }, 'payment.before-award', 'effectiveOn'],
    [{ instalmentId: 'i404' }, 'payment.instalment-unknown', 'instalmentId'],
    [{ amount: gbp('0') }, 'amount.not-positive', 'amount'],
  ])('refuses a payment with %j', (change, code, field) => {
    given(fund(), ...withAward)
      .when((f) => f.recordPayment({ paymentId: 'p1', awardId: 'a1', amount: gbp('100'), ...change }, by()))
      .thenRefuses(code, field);
  });

  it('does not plan instalments beyond the award, nor one due before it', () => {
    given(fund(), ...withAward)
      .when((f) =>
        f.planPayment(
          { instalmentId: 'i1', awardId: 'a1', dueOn: '2020-10-01', amount: gbp('5,000.01') },
          by(),
        ),
      )
      .thenRefuses('payment.plan-exceeds-award', 'amount');
    given(fund(), ...withAward)
      .when((f) =>
        f.planPayment({ instalmentId: 'i1', awardId: 'a1', dueOn: '2019-06-01', amount: gbp('1') }, by()),
      )
      .thenRefuses('payment.due-before-award', 'dueOn');
  });

  it('pays an instalment once', () => {
    const planned: FundEvent = {
      type: 'PaymentPlanned',
      data: {
        fundId: 'f1',
        instalmentId: 'i1',
        awardId: 'a1',
        dueOn: '2019-08-01',
        amount: gbp('2,500'),
        effectiveOn: '2019-07-01',
      },
    };
    const paidInstalment: FundEvent = {
      ...paid('p1', 'a1', '2,500'),
      data: { ...paid('p1', 'a1', '2,500').data, instalmentId: 'i1' },
    };
    given(fund(), ...withAward, planned, paidInstalment)
      .when((f) =>
        f.recordPayment({ paymentId: 'p2', awardId: 'a1', instalmentId: 'i1', amount: gbp('1') }, by()),
      )
      .thenRefuses('payment.instalment-already-paid', 'instalmentId');
  });

  it('takes back unspent money up to what was paid, and makes it available again', () => {
    given(fund(), ...withAward, paid('p1', 'a1', '3,000'))
      .when((f) =>
        f.recordReturn(
          { returnId: 'u1', awardId: 'a1', amount: gbp('3,000.01'), reason: 'Underspent' },
          by(),
        ),
      )
      .thenRefuses('return.exceeds-paid', 'amount');
    const f = fund().rehydrate([...withAward, paid('p1', 'a1', '5,000')]);
    f.recordReturn(
      {
        returnId: 'u1',
        awardId: 'a1',
        amount: gbp('1,000'),
        reason: 'Underspent',
        effectiveOn: '2020-01-10',
      },
      by(),
    );
    f.makeAward({ ...award, awardId: 'a2', amount: gbp('6,000'), effectiveOn: '2020-01-10' }, by());
    expect(f.getUncommittedEvents().map((e) => e.type)).toEqual(['UnspentMoneyReturned', 'AwardMade']);
  });
});

describe('transfers between funds', () => {
  const destination = { id: 'f2', exists: true, status: 'open' as const };

  it('sends money it has available, citing a decision, to an open fund', () => {
    given(fund(), ...funded)
      .when((f) =>
        f.transferOut(
          {
            transferId: 't1',
            destination,
            decisionReference: 'EX-2020-3',
            amount: gbp('10,000'),
            effectiveOn: '2020-03-01',
          },
          by(),
        ),
      )
      .then({
        type: 'FundsTransferredOut',
        data: {
          fundId: 'f1',
          transferId: 't1',
          toFundId: 'f2',
          decisionReference: 'EX-2020-3',
          amount: gbp('10,000'),
          effectiveOn: '2020-03-01',
        },
      });
  });

  it.each([
    [{ amount: gbp('10,000.01') }, 'transfer.exceeds-available', 'amount'],
    [{ decisionReference: ' ' }, 'decision-reference.required', 'decisionReference'],
    [
      { destination: { ...destination, status: 'closed' as const } },
      'transfer.destination-closed',
      'toFundId',
    ],
    [{ destination: { ...destination, id: 'f1' } }, 'transfer.same-fund', 'toFundId'],
  ])('refuses a transfer with %j', (change, code, field) => {
    given(fund(), ...funded)
      .when((f) =>
        f.transferOut(
          { transferId: 't1', destination, decisionReference: 'EX-1', amount: gbp('100'), ...change },
          by(),
        ),
      )
      .thenRefuses(code, field);
  });

  it('receives the transfer in the destination once, on the day it was sent', () => {
    const out = {
      fundId: 'f9',
      transferId: 't1',
      toFundId: 'f1',
      decisionReference: 'EX-1',
      amount: gbp('100'),
      effectiveOn: '2020-03-01',
    };
    given(fund(), proposed)
      .when((f) => f.receiveTransfer(out))
      .then({
        type: 'FundsTransferredIn',
        data: {
          fundId: 'f1',
          transferId: 't1',
          fromFundId: 'f9',
          decisionReference: 'EX-1',
          amount: gbp('100'),
          effectiveOn: '2020-03-01',
        },
      });
    const once = fund().rehydrate([proposed]);
    once.receiveTransfer(out);
    expect(() => once.receiveTransfer(out)).toThrow(
      expect.objectContaining({ code: 'transfer.already-received' }),
    );
  });
});

describe('corrections, only as reversing entries', () => {
  it('reverses a payment made in error, with a reason, and the award can be paid again', () => {
    const f = fund().rehydrate([...funded, awarded('a1', '5,000'), paid('p1', 'a1', '5,000')]);
    f.reverse(
      { reversalId: 'x1', movementId: 'p1', reason: 'Paid to the wrong account', effectiveOn: '2019-08-02' },
      by(),
    );
    f.recordPayment(
      { paymentId: 'p2', awardId: 'a1', amount: gbp('5,000'), effectiveOn: '2019-08-02' },
      by(),
    );
    expect(f.getUncommittedEvents().map((e) => e.type)).toEqual(['MovementReversed', 'PaymentMade']);
  });

  it.each([
    ['the receipt an award was made from', 'r1', [awarded('a1', '10,000')], 'correction.would-overspend'],
    [
      'an award with a payment',
      'a1',
      [awarded('a1', '1,000'), paid('p1', 'a1', '1')],
      'correction.award-has-payments',
    ],
    ['a commitment with a receipt', 'c1', [], 'correction.commitment-has-receipts'],
    ['a movement that was never recorded', 'c404', [], 'correction.movement-unknown'],
  ])('refuses to reverse %s', (_what, movementId, more, code) => {
    given(fund(), ...funded, ...more)
      .when((f) => f.reverse({ reversalId: 'x1', movementId, reason: 'Recorded in error' }, by()))
      .thenRefuses(code, 'movementId');
  });

  it('reverses once, never before the movement itself, and always with a reason', () => {
    const reversal: FundEvent = {
      type: 'MovementReversed',
      data: {
        fundId: 'f1',
        reversalId: 'x1',
        movementId: 'r1',
        reversed: received('r1', '10,000'),
        reason: 'Duplicate',
        effectiveOn: '2019-06-02',
      },
    };
    given(fund(), ...funded, reversal)
      .when((f) => f.reverse({ reversalId: 'x2', movementId: 'r1', reason: 'Again' }, by()))
      .thenRefuses('correction.already-reversed', 'movementId');
    given(fund(), ...funded)
      .when((f) =>
        f.reverse({ reversalId: 'x2', movementId: 'r1', reason: 'Early', effectiveOn: '2019-05-31' }, by()),
      )
      .thenRefuses('correction.before-original', 'effectiveOn');
    given(fund(), ...funded)
      .when((f) => f.reverse({ reversalId: 'x2', movementId: 'r1', reason: ' ' }, by()))
      .thenRefuses('reason.required', 'reason');
  });

  it('puts a transfer right with a transfer back, not a reversal', () => {
    const out: FundEvent = {
      type: 'FundsTransferredOut',
      data: {
        fundId: 'f1',
        transferId: 't1',
        toFundId: 'f2',
        decisionReference: 'EX-1',
        amount: gbp('1'),
        effectiveOn: '2020-03-01',
      },
    };
    given(fund(), ...funded, out)
      .when((f) => f.reverse({ reversalId: 'x1', movementId: 't1', reason: 'Wrong fund' }, by()))
      .thenRefuses('correction.transfer-not-reversible', 'movementId');
  });
});

describe('changing a fund’s terms', () => {
  it('changes its lead officer with a reason, not before the last change of lead', () => {
    given(fund(), ...funded)
      .when((f) =>
        f.changeLeadOfficer(
          { leadOfficerId: 'tom', reason: 'Priya moved teams', effectiveOn: '2020-01-01' },
          by(people.admin),
        ),
      )
      .then({
        type: 'FundLeadOfficerChanged',
        data: {
          fundId: 'f1',
          previousLeadOfficerId: 'priya',
          leadOfficerId: 'tom',
          reason: 'Priya moved teams',
          effectiveOn: '2020-01-01',
        },
      });
    given(fund(), ...funded)
      .when((f) => f.changeLeadOfficer({ leadOfficerId: 'priya', reason: 'x' }, by(people.admin)))
      .thenRefuses('fund.same-lead', 'leadOfficerId');
  });

  it('keeps a partner who has committed money until the commitment is reversed', () => {
    given(fund(), ...funded, committed('c2', '1,000', { contributorId: ORGS.ccg }))
      .when((f) => f.changePartners({ partnerIds: [] }, by()))
      .thenRefuses('fund.partner-has-commitments', 'partnerIds');
  });

  it('fixes its award policy once it opens', () => {
    given(fund(), proposed)
      .when((f) =>
        f.changeAwardPolicy({ awardPolicy: 'received-and-committed', effectiveOn: '2019-04-02' }, by()),
      )
      .then({
        type: 'FundAwardPolicyChanged',
        data: { fundId: 'f1', awardPolicy: 'received-and-committed', effectiveOn: '2019-04-02' },
      });
    given(fund(), ...funded)
      .when((f) => f.changeAwardPolicy({ awardPolicy: 'received-and-committed' }, by()))
      .thenRefuses('fund.policy-fixed-once-open', 'awardPolicy');
  });

  it('does not shrink its period past money committed or awarded', () => {
    given(fund(), ...funded)
      .when((f) => f.changePeriod({ period: { from: '2020-21', to: '2020-21' }, reason: 'Delayed' }, by()))
      .thenRefuses('fund.period-excludes-movements', 'period');
  });

  it('takes no change once closed, and no rename backdated before the last', () => {
    given(fund(), ...funded, {
      type: 'FundClosed',
      data: { fundId: 'f1', reason: 'Ended', effectiveOn: '2020-03-31' },
    })
      .when((f) => f.rename({ name: 'New name' }, by()))
      .thenRefuses('fund.closed');
    given(fund(), ...funded, {
      type: 'FundRenamed',
      data: {
        fundId: 'f1',
        previousName: proposed.data.name,
        name: 'Isolation fund',
        purpose: proposed.data.purpose,
        effectiveOn: '2020-01-01',
      },
    })
      .when((f) => f.rename({ name: 'Older name', effectiveOn: '2019-12-31' }, by()))
      .thenRefuses('fund.name-before-last-change', 'effectiveOn');
  });
});

describe('money set aside for crowdfunding campaigns', () => {
  const matchFund: FundEvent[] = [
    matchFundProposed,
    opened,
    received('r1', '50,000', { commitmentId: null, unplanned: true }),
  ];

  it('holds the most the rule could match: here the £10,000 cap', () => {
    given(fund(), ...matchFund)
      .when((f) =>
        f.setAsideMatch({ campaignId: 'cam1', campaign: campaignTerms, effectiveOn: '2020-06-01' }, by()),
      )
      .then(setAside('cam1', '10,000'));
  });

  it('holds no more than a share of the target when the rule has one', () => {
    const halfOfTarget = {
      ...matchFundProposed,
      data: {
        ...matchFundProposed.data,
        matchRule: { ...matchFundProposed.data.matchRule!, maxShareOfTargetPercent: 50 },
      },
    };
    const f = fund().rehydrate([
      halfOfTarget,
      opened,
      received('r1', '50,000', { commitmentId: null, unplanned: true }),
    ]);
    f.setAsideMatch({ campaignId: 'cam1', campaign: campaignTerms }, by());
    expect(f.getUncommittedEvents()[0]).toMatchObject({ data: { amount: gbp('7,500') } });
  });

  it('shares the cap between a project’s campaigns', () => {
    const f = fund().rehydrate([...matchFund, setAside('cam1', '6,000')]);
    f.setAsideMatch({ campaignId: 'cam2', campaign: campaignTerms }, by());
    expect(f.getUncommittedEvents()[0]).toMatchObject({ data: { amount: gbp('4,000') } });
    given(fund(), ...matchFund, setAside('cam1', '10,000'))
      .when((f) => f.setAsideMatch({ campaignId: 'cam2', campaign: campaignTerms }, by()))
      .thenRefuses('match.project-cap-reached', 'campaign.projectReference');
  });

  it('refuses a campaign it cannot hold money for, outside its area, or one already registered', () => {
    given(
      fund(),
      matchFundProposed,
      opened,
      received('r1', '9,999.99', { commitmentId: null, unplanned: true }),
    )
      .when((f) => f.setAsideMatch({ campaignId: 'cam1', campaign: campaignTerms }, by()))
      .thenRefuses('match.exceeds-available', 'amount');
    given(
      fund(),
      ...matchFund,
      setAside('cam1', '10,000', '2020-06-01', { ...campaignTerms, projectReference: 'CFL-1' }),
    )
      .when((f) => f.setAsideMatch({ campaignId: 'cam1', campaign: campaignTerms }, by()))
      .thenRefuses('match.already-set-aside');
    given(fund(), ...funded)
      .when((f) => f.setAsideMatch({ campaignId: 'cam1', campaign: campaignTerms }, by()))
      .thenRefuses('fund.not-a-match-fund');
    given(fund(), ...matchFund)
      .when((f) =>
        f.setAsideMatch(
          {
            campaignId: 'cam1',
            campaign: { ...campaignTerms, deadline: '2020-05-31' },
            effectiveOn: '2020-06-01',
          },
          by(),
        ),
      )
      .thenRefuses('match.after-deadline', 'campaign.deadline');
    given(fund(), ...matchFund)
      .when((f) =>
        f.setAsideMatch(
          {
            campaignId: 'cam1',
            campaign: { ...campaignTerms, platform: { name: 'Spacehive', url: 'javascript:alert(1)' } },
          },
          by(),
        ),
      )
      .thenRefuses('campaign.platform-url.invalid', 'campaign.platform.url');
  });

  const outcome = (result: 'succeeded' | 'failed' | 'withdrawn', raised: string, match: string) => ({
    campaignId: 'cam1',
    outcome: result,
    raisedByDeadline: gbp(raised),
    match: gbp(match),
    closedOn: '2020-10-01',
  });

  it('awards the computed match on success and releases the rest', () => {
    const f = fund().rehydrate([...matchFund, setAside('cam1', '10,000')]);
    f.settleMatch(
      { awardId: 'a-cam1', campaign: outcome('succeeded', '7,500', '7,500'), effectiveOn: '2020-10-01' },
      by(people.lead, '2020-10-02'),
    );
    expect(f.getUncommittedEvents()).toMatchObject([
      {
        type: 'AwardMade',
        data: {
          awardId: 'a-cam1',
          campaignId: 'cam1',
          recipientId: ORGS.somali,
          wardCodes: [WARDS.abbey],
          amount: gbp('7,500'),
        },
      },
      {
        type: 'MatchReleased',
        data: { campaignId: 'cam1', reason: 'remainder-after-award', amount: gbp('2,500') },
      },
    ]);
  });

  it('settles a campaign whose match used all that was set aside, once', () => {
    const f = fund().rehydrate([...matchFund, setAside('cam1', '10,000')]);
    const success = {
      awardId: 'a-cam1',
      campaign: outcome('succeeded', '10,000', '10,000'),
      effectiveOn: '2020-10-01',
    };
    f.settleMatch(success, by(people.lead, '2020-10-02'));
    expect(f.getUncommittedEvents().map((e) => e.type)).toEqual(['AwardMade']);
    expect(() => f.settleMatch({ ...success, awardId: 'a2' }, by(people.lead, '2020-10-02'))).toThrow(
      expect.objectContaining({ code: 'match.already-settled' }),
    );
  });

  it('releases all of it when the campaign fails, and settles once', () => {
    given(fund(), ...matchFund, setAside('cam1', '10,000'))
      .when((f) =>
        f.settleMatch(
          { awardId: 'a1', campaign: outcome('failed', '7,000', '7,000'), effectiveOn: '2020-10-01' },
          by(people.lead, '2020-10-02'),
        ),
      )
      .then({
        type: 'MatchReleased',
        data: {
          fundId: 'f1',
          campaignId: 'cam1',
          reason: 'campaign-failed',
          amount: gbp('10,000'),
          effectiveOn: '2020-10-01',
        },
      });
    const settled: FundEvent = {
      type: 'MatchReleased',
      data: {
        fundId: 'f1',
        campaignId: 'cam1',
        reason: 'campaign-failed',
        amount: gbp('10,000'),
        effectiveOn: '2020-10-01',
      },
    };
    given(fund(), ...matchFund, setAside('cam1', '10,000'), settled)
      .when((f) =>
        f.settleMatch(
          { awardId: 'a1', campaign: outcome('failed', '7,000', '7,000') },
          by(people.lead, '2020-10-02'),
        ),
      )
      .thenRefuses('match.already-settled');
  });

  it('refuses a success its own terms do not bear out, and a settlement before the campaign closed', () => {
    given(fund(), ...matchFund, setAside('cam1', '10,000'))
      .when((f) =>
        f.settleMatch(
          { awardId: 'a1', campaign: outcome('succeeded', '7,499.99', '7,499.99') },
          by(people.lead, '2020-10-02'),
        ),
      )
      .thenRefuses('match.outcome-disagrees');
    given(fund(), ...matchFund, setAside('cam1', '10,000'))
      .when((f) =>
        f.settleMatch(
          { awardId: 'a1', campaign: outcome('failed', '1', '1'), effectiveOn: '2020-09-30' },
          by(people.lead, '2020-10-02'),
        ),
      )
      .thenRefuses('match.settled-before-campaign-closed', 'effectiveOn');
  });
});
