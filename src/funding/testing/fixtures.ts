import type { Actor } from '../../common/domain/actor.js';
import type { IsoDate } from '../../common/domain/dates.js';
import type { Decision } from '../domain/checks.js';
import type {
  AwardMade,
  ContributionCommitted,
  ContributionReceived,
  FundOpened,
  FundProposed,
  MatchSetAside,
  PaymentMade,
} from '../domain/fund.events.js';
import { parseMoney, type Money } from '../domain/money.js';
import type { MatchRule } from '../domain/values.js';

/** The people of the funding specs, and a decision by one of them on a given day. */
export const people = {
  admin: { id: 'helen', role: 'admin', name: 'Helen Marsh' },
  lead: { id: 'priya', role: 'officer', name: 'Priya Mistry' },
  otherOfficer: { id: 'tom', role: 'officer', name: 'Tom Okafor' },
  scrutiny: { id: 'jo', role: 'scrutiny', name: 'Jo Bennett' },
  auditor: { id: 'mark', role: 'auditor', name: 'Mark Ellis' },
} satisfies Record<string, Actor>;

export const TODAY: IsoDate = '2020-06-30';

export function by(actor: Actor = people.lead, today: IsoDate = TODAY): Decision {
  return { actor, today };
}

/** An amount as people write it: `gbp('5,000')`. */
export function gbp(text: string): Money {
  return parseMoney(text, 'amount');
}

export const WARDS = {
  abbey: 'E05010458',
  belgrave: 'E05010460',
  castle: 'E05010461',
  westcotes: 'E05010474',
};
export const ORGS = {
  council: 'org-leicester-city-council',
  ccg: 'org-leicester-city-ccg',
  acc: 'org-african-caribbean-citizens-forum',
  somali: 'org-somali-development-service',
};

export const proposed: FundProposed = {
  type: 'FundProposed',
  data: {
    fundId: 'f1',
    name: 'Belgrave and Abbey pooled fund',
    purpose: 'Pooling council and NHS money to tackle isolation in two wards',
    kind: 'pooled-fund',
    accountableBodyId: ORGS.council,
    partnerIds: [ORGS.ccg],
    area: { kind: 'wards', wardCodes: [WARDS.abbey, WARDS.belgrave] },
    period: { from: '2019-20', to: '2020-21' },
    leadOfficerId: people.lead.id,
    awardPolicy: 'received-only',
    ringfence: null,
    matchRule: null,
    effectiveOn: '2019-04-01',
  },
};

export const opened: FundOpened = {
  type: 'FundOpened',
  data: { fundId: 'f1', decisionReference: 'EX-2019-014', effectiveOn: '2019-04-15' },
};

export function committed(
  commitmentId: string,
  amount: string,
  { contributorId = ORGS.council, financialYear = '2019-20', effectiveOn = '2019-05-01' } = {},
): ContributionCommitted {
  return {
    type: 'ContributionCommitted',
    data: {
      fundId: 'f1',
      commitmentId,
      contributorId,
      financialYear,
      amount: gbp(amount),
      note: null,
      effectiveOn,
    },
  };
}

export function received(
  receiptId: string,
  amount: string,
  {
    commitmentId = 'c1' as string | null,
    contributorId = ORGS.council,
    effectiveOn = '2019-06-01',
    unplanned = false,
  } = {},
): ContributionReceived {
  return {
    type: 'ContributionReceived',
    data: {
      fundId: 'f1',
      receiptId,
      contributorId,
      commitmentId,
      unplanned,
      reason: unplanned ? 'A donation' : null,
      amount: gbp(amount),
      effectiveOn,
    },
  };
}

export function awarded(
  awardId: string,
  amount: string,
  {
    effectiveOn = '2019-07-01',
    wardCodes = [WARDS.abbey],
    recipientId = ORGS.acc,
    campaignId = null as string | null,
  } = {},
): AwardMade {
  return {
    type: 'AwardMade',
    data: {
      fundId: 'f1',
      awardId,
      recipientId,
      project: { title: 'Lunch club', description: 'A weekly lunch club for isolated older people' },
      wardCodes,
      plannedDates: null,
      grantProgramme: null,
      purpose: null,
      actionIds: [],
      regrantType: null,
      campaignId,
      decisionReference: null,
      amount: gbp(amount),
      effectiveOn,
    },
  };
}

export function paid(
  paymentId: string,
  awardId: string,
  amount: string,
  effectiveOn = '2019-08-01',
): PaymentMade {
  return {
    type: 'PaymentMade',
    data: {
      fundId: 'f1',
      paymentId,
      awardId,
      instalmentId: null,
      recipientId: ORGS.acc,
      wardCodes: [WARDS.abbey],
      amount: gbp(amount),
      effectiveOn,
    },
  };
}

export const poundForPound: MatchRule = {
  pencePerPound: 100,
  capPerProject: gbp('10,000'),
  maxShareOfTargetPercent: null,
  grantProgramme: { code: 'CFL', title: 'CrowdFund Leicester' },
  purpose: 'Community projects crowdfunded in Leicester',
};

export const matchFundProposed: FundProposed = {
  ...proposed,
  data: {
    ...proposed.data,
    name: 'CrowdFund Leicester match fund',
    purpose: 'The City Mayor pledges up to £10,000 to a crowdfunded project',
    kind: 'crowdfunding-match-fund',
    partnerIds: [],
    area: { kind: 'whole-authority' },
    matchRule: poundForPound,
  },
};

export const campaignTerms = {
  platform: { name: 'Spacehive', url: 'https://www.spacehive.com/abbey-park-garden' },
  projectReference: 'CFL-2020-007',
  project: { title: 'Abbey Park community garden', description: 'Raised beds and a tool shed for the park' },
  recipientId: ORGS.somali,
  wardCode: WARDS.abbey,
  target: gbp('15,000'),
  deadline: '2020-09-30',
};

export function setAside(
  campaignId: string,
  amount: string,
  effectiveOn = '2020-06-01',
  terms = campaignTerms,
): MatchSetAside {
  return {
    type: 'MatchSetAside',
    data: {
      fundId: 'f1',
      campaignId,
      campaign: terms,
      rule: poundForPound,
      amount: gbp(amount),
      effectiveOn,
    },
  };
}
