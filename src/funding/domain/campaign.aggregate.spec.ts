import { given } from '../../../libs/testing/given-when-then.js';
import { by, campaignTerms, gbp, people, poundForPound, setAside } from '../testing/fixtures.js';
import { CrowdfundingCampaign } from './campaign.aggregate.js';
import type { CampaignEvent, CrowdfundingCampaignRegistered } from './campaign.events.js';
import type { MatchRule } from './values.js';

const fund = { leadOfficerId: people.lead.id };
const AFTER_DEADLINE = '2020-10-01';

function registered(rule: MatchRule = poundForPound, held = '10,000'): CrowdfundingCampaignRegistered {
  return {
    type: 'CrowdfundingCampaignRegistered',
    data: {
      campaignId: 'cam1',
      matchFundId: 'f1',
      ...campaignTerms,
      rule,
      setAside: gbp(held),
      effectiveOn: '2020-06-01',
    },
  };
}

const total = (amount: string, effectiveOn: string): CampaignEvent => ({
  type: 'CrowdfundingTotalRecorded',
  data: { campaignId: 'cam1', totalRaised: gbp(amount), effectiveOn },
});

const closing = (history: CampaignEvent[]) =>
  given(new CrowdfundingCampaign('cam1'), ...history).when((c) =>
    c.close({ effectiveOn: AFTER_DEADLINE }, by(people.lead, AFTER_DEADLINE), fund),
  );

/** Capped at £5,000 a project, pound for pound, on a £15,000 target. */
const capped = { ...poundForPound, capPerProject: gbp('5,000') };

describe('a crowdfunding campaign', () => {
  it('is registered with the terms, rule and amount its match fund set aside', () => {
    given(new CrowdfundingCampaign('cam1'))
      .when((c) => c.register(setAside('cam1', '10,000').data))
      .then(registered());
  });

  it('records the crowd’s total as the platform showed it on a day, nothing about backers', () => {
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.recordTotal({ totalRaised: gbp('2,340.50'), effectiveOn: '2020-06-15' }, by(), fund))
      .then(total('2,340.50', '2020-06-15'));
  });

  it.each([
    [{ totalRaised: gbp('-1') }, 'amount.negative', 'totalRaised'],
    [{ totalRaised: gbp('1'), effectiveOn: '2020-05-31' }, 'campaign.total-before-registered', 'effectiveOn'],
    [{ totalRaised: gbp('1'), effectiveOn: '2020-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
  ])('refuses a total with %j', (input, code, field) => {
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.recordTotal(input, by(), fund))
      .thenRefuses(code, field);
  });

  it('takes a total of nothing raised yet', () => {
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.recordTotal({ totalRaised: gbp('0'), effectiveOn: '2020-06-02' }, by(), fund))
      .then(total('0', '2020-06-02'));
  });

  it('is changed by its match fund’s lead officer or an admin only', () => {
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.recordTotal({ totalRaised: gbp('1') }, by(people.scrutiny), fund))
      .thenRefuses('fund.not-your-fund');
  });
});

describe('its outcome, computed from its terms', () => {
  it('succeeds when the crowd and the match meet the target exactly', () => {
    // £7,500 raised, matched pound for pound: £15,000, the target.
    closing([registered(), total('7,500', '2020-09-30')]).then({
      type: 'CrowdfundingCampaignSucceeded',
      data: {
        campaignId: 'cam1',
        raisedByDeadline: gbp('7,500'),
        match: gbp('7,500'),
        effectiveOn: AFTER_DEADLINE,
      },
    });
  });

  it('fails one penny short, and nothing is matched', () => {
    // The £5,000 cap is reached: £9,999.99 raised and £5,000 matched is £14,999.99.
    closing([registered(capped, '5,000'), total('9,999.99', '2020-09-30')]).then({
      type: 'CrowdfundingCampaignFailed',
      data: {
        campaignId: 'cam1',
        raisedByDeadline: gbp('9,999.99'),
        match: gbp('5,000'),
        shortBy: gbp('0.01'),
        effectiveOn: AFTER_DEADLINE,
      },
    });
  });

  it('matches no more than the cap however much the crowd raises', () => {
    closing([registered(capped, '5,000'), total('12,000', '2020-09-30')]).then({
      type: 'CrowdfundingCampaignSucceeded',
      data: {
        campaignId: 'cam1',
        raisedByDeadline: gbp('12,000'),
        match: gbp('5,000'),
        effectiveOn: AFTER_DEADLINE,
      },
    });
  });

  it('does not count what was raised after the deadline', () => {
    closing([registered(), total('7,000', '2020-09-30'), total('20,000', '2020-10-01')]).then({
      type: 'CrowdfundingCampaignFailed',
      data: {
        campaignId: 'cam1',
        raisedByDeadline: gbp('7,000'),
        match: gbp('7,000'),
        shortBy: gbp('1,000'),
        effectiveOn: AFTER_DEADLINE,
      },
    });
  });

  it('counts a total as at the deadline that was entered afterwards, and the later entry for one day', () => {
    closing([
      registered(),
      total('20,000', '2020-10-01'),
      total('7,000', '2020-09-30'),
      total('7,500', '2020-09-30'),
    ]).then({
      type: 'CrowdfundingCampaignSucceeded',
      data: {
        campaignId: 'cam1',
        raisedByDeadline: gbp('7,500'),
        match: gbp('7,500'),
        effectiveOn: AFTER_DEADLINE,
      },
    });
  });

  it('closes only once the deadline has passed, and then takes no more totals', () => {
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.close({}, by(people.lead, '2020-09-30'), fund))
      .thenRefuses('campaign.deadline-not-passed');
    given(new CrowdfundingCampaign('cam1'), registered())
      .when((c) => c.close({ effectiveOn: '2020-09-30' }, by(people.lead, AFTER_DEADLINE), fund))
      .thenRefuses('campaign.closed-before-deadline', 'effectiveOn');
    const closed = new CrowdfundingCampaign('cam1').rehydrate([registered(), total('7,500', '2020-09-30')]);
    closed.close({}, by(people.lead, AFTER_DEADLINE), fund);
    expect(() =>
      closed.recordTotal({ totalRaised: gbp('1') }, by(people.lead, AFTER_DEADLINE), fund),
    ).toThrow(expect.objectContaining({ code: 'campaign.closed' }));
    expect(closed.outcome).toEqual({
      campaignId: 'cam1',
      outcome: 'succeeded',
      raisedByDeadline: gbp('7,500'),
      match: gbp('7,500'),
      closedOn: AFTER_DEADLINE,
    });
  });

  it('is withdrawn with a reason, and its outcome says so', () => {
    const campaign = new CrowdfundingCampaign('cam1').rehydrate([registered(), total('1,000', '2020-06-20')]);
    expect(() => campaign.outcome).toThrow(expect.objectContaining({ code: 'campaign.still-open' }));
    campaign.withdraw({ reason: 'The site fell through', effectiveOn: '2020-06-25' }, by(), fund);
    expect(campaign.outcome).toMatchObject({ outcome: 'withdrawn', raisedByDeadline: gbp('1,000') });
  });
});
