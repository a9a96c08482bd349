import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import {
  councilRules,
  decisionEvents,
  decisionFrom,
  THRESHOLD_PENCE,
  vcsReview,
} from '../testing/decisions.js';
import type { CouncilRulesEvent } from './council-rules.events.js';
import { CouncilRules } from './council-rules.aggregate.js';
import { Decision, resolutionNumber, type PublishDecisionInput } from './decision.aggregate.js';
import type { DecisionEvent, DecisionPublished } from './decision.events.js';

const rules = councilRules();
const register = (
  input: Partial<PublishDecisionInput>,
  context: { delegating?: Decision; rules?: typeof rules } = {},
  today = '2024-06-30',
) =>
  given(new Decision('vcs-review')).when((decision) =>
    decision.register(
      { ...vcsReview, ...input },
      { rules: context.rules ?? rules, delegating: context.delegating },
      by(people.admin, today),
    ),
  );
const publishedData = (
  input: Partial<PublishDecisionInput>,
  context: { delegating?: Decision; rules?: typeof rules } = {},
) => {
  const decision = new Decision('vcs-review');
  decision.register(
    { ...vcsReview, ...input },
    { rules: context.rules ?? rules, delegating: context.delegating },
    by(),
  );
  return (decision.getUncommittedEvents()[0] as DecisionPublished).data;
};
const published = decisionEvents('vcs-review');
const keyInput = {
  financialEffect: { kind: 'spending', pence: 120_000_000 },
  keyDecision: { reason: 'It spends £1.2m' },
  notice: { kind: 'forward-plan', publishedOn: '2024-05-01' },
};

describe('registering a published decision', () => {
  it('numbers its resolutions, links what they authorise, and computes its call-in window and effective day', () => {
    register({}).then({
      type: 'DecisionPublished',
      data: {
        decisionId: 'vcs-review',
        reference: 'CM-2024-031',
        title: 'Voluntary and community sector support review',
        maker: { kind: 'city-mayor', name: 'City Mayor' },
        takenOn: '2024-06-03',
        meeting: null,
        resolutions: [
          {
            number: '(i)',
            text: 'To fund seven organisations to support the voluntary and community sector',
            authorises: [{ kind: 'fund', id: 'vcs-support', as: 'set-up' }],
            delegates: null,
          },
          {
            number: '(ii)',
            text: 'To delegate the award of the engagement contracts',
            authorises: [],
            delegates: {
              to: 'Director of Neighbourhood Services',
              scope: 'Award the contracts to engage key communities',
              inConsultationWith: ['Assistant City Mayor for Neighbourhood Services'],
            },
          },
        ],
        reasons: vcsReview.reasons,
        alternativesRejected: [],
        interests: [],
        financialEffect: null,
        wardsSignificantlyAffected: [],
        keyDecision: null,
        notice: null,
        urgency: null,
        callIn: {
          window: { opensOn: '2024-06-04', closesOn: '2024-06-11', workingDays: 5 },
          exemption: null,
        },
        takesEffectOn: '2024-06-12',
        effectiveOn: '2024-06-04',
      },
    });
  });

  it('records a day of effect still ahead when published today: in force only after the window', () => {
    const decision = new Decision('vcs-review');
    decision.register(vcsReview, { rules }, by(people.admin, '2024-06-04'));
    expect(decision.takesEffectOn).toBe('2024-06-12');
  });

  it('numbers resolutions as the minutes do', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 19, 24, 39, 40].map(resolutionNumber)).toEqual([
      '(i)',
      '(ii)',
      '(iii)',
      '(iv)',
      '(v)',
      '(ix)',
      '(x)',
      '(xiv)',
      '(xix)',
      '(xxiv)',
      '(xxxix)',
      '(xl)',
    ]);
  });

  it('keeps the meeting, the alternatives rejected and the interests declared with their dispensations', () => {
    const data = publishedData({
      maker: { kind: 'cabinet', name: 'Cabinet' },
      meeting: { name: 'Cabinet, 3 June 2024', item: '92' },
      alternativesRejected: [{ option: 'Do nothing', whyRejected: 'The sector asked for change' }],
      interests: [
        {
          member: 'Cllr A',
          interest: 'Trustee of a bidder',
          kind: 'disclosable-pecuniary',
          tookPart: true,
          dispensation: 'Granted by the Monitoring Officer, 1 May 2024',
        },
        { member: 'Cllr B', interest: 'Member of a forum', kind: 'non-registrable' },
      ],
    });
    expect(data.meeting).toEqual({ name: 'Cabinet, 3 June 2024', item: '92' });
    expect(data.alternativesRejected).toEqual([
      { option: 'Do nothing', whyRejected: 'The sector asked for change' },
    ]);
    expect(data.interests[1]).toEqual({
      member: 'Cllr B',
      interest: 'Member of a forum',
      kind: 'non-registrable',
      tookPart: false,
      dispensation: null,
    });
  });

  it.each([
    [{ title: ' ' }, 'decision.title.required', 'title'],
    [{ maker: { kind: 'leader', name: 'x' } }, 'decision.maker-invalid', 'maker.kind'],
    [{ maker: { kind: 'cabinet', name: '' } }, 'decision.maker-name.required', 'maker.name'],
    [
      { maker: { kind: 'executive-member', name: 'Cllr C' } },
      'decision.portfolio.required',
      'maker.portfolio',
    ],
    [
      { maker: { kind: 'committee', name: 'Licensing' } },
      'decision.committee-executive-required',
      'maker.executive',
    ],
    [
      { maker: { kind: 'officer', name: 'A Officer', post: 'Director' } },
      'decision.delegation-required',
      'maker.delegation',
    ],
    [{ takenOn: '2024-02-30' }, 'takenOn.invalid', 'takenOn'],
    [{ takenOn: '2024-07-01', publishedOn: '2024-07-01' }, 'publishedOn.in-future', 'publishedOn'],
    [{ takenOn: '2024-07-01' }, 'takenOn.in-future', 'takenOn'],
    [{ takenOn: '2024-06-05' }, 'decision.published-before-taken', 'publishedOn'],
    [{ resolutions: [] }, 'decision.resolutions.too-few', 'resolutions'],
    [{ resolutions: [{ text: '' }] }, 'decision.resolution.required', 'resolutions[0].text'],
    [
      { resolutions: [{ text: 'x', authorises: [{ kind: 'grant', id: 'g1', as: 'made' }] }] },
      'decision.link-kind-invalid',
      'resolutions[0].authorises[0].kind',
    ],
    [
      { resolutions: [{ text: 'x', authorises: [{ kind: 'fund', id: 'f1', as: 'made' }] }] },
      'decision.link-invalid',
      'resolutions[0].authorises[0].as',
    ],
    [
      { resolutions: [{ text: 'x', authorises: [{ kind: 'fund', id: 'fund 1', as: 'set-up' }] }] },
      'decision.entity-id.invalid',
      'resolutions[0].authorises[0].id',
    ],
    [
      {
        resolutions: [
          {
            text: 'x',
            authorises: [
              { kind: 'fund', id: 'f1', as: 'set-up' },
              { kind: 'fund', id: 'f1', as: 'set-up' },
            ],
          },
        ],
      },
      'decision.link-repeated',
      'resolutions[0].authorises[1]',
    ],
    [
      { resolutions: [{ text: 'x', delegates: { to: '', scope: 'y' } }] },
      'decision.delegate-to.required',
      'resolutions[0].delegates.to',
    ],
    [{ wardsSignificantlyAffected: ['E06000016'] }, 'ward.code-invalid', 'wardsSignificantlyAffected[0]'],
    [
      { financialEffect: { kind: 'spending', pence: 1.5 } },
      'decision.financial-effect-invalid',
      'financialEffect.pence',
    ],
    [
      { financialEffect: { kind: 'spending', pence: 0 } },
      'decision.financial-effect-invalid',
      'financialEffect.pence',
    ],
    [
      { financialEffect: { kind: 'spending', pence: '100' as unknown as number } },
      'decision.financial-effect-invalid',
      'financialEffect.pence',
    ],
    [
      { financialEffect: { kind: 'income', pence: 100 } },
      'decision.financial-effect-invalid',
      'financialEffect.kind',
    ],
    [
      { alternativesRejected: [{ option: 'Do nothing', whyRejected: '' }] },
      'decision.why-rejected.required',
      'alternativesRejected[0].whyRejected',
    ],
    [
      { interests: [{ member: 'Cllr A', interest: 'x', kind: 'personal' }] },
      'decision.interest-kind-invalid',
      'interests[0].kind',
    ],
  ])('refuses %j', (change, code, field) => {
    register(change as Partial<PublishDecisionInput>).thenRefuses(code, field);
  });

  it('refuses a member with a disclosable pecuniary interest who took part without a dispensation', () => {
    register({
      interests: [
        { member: 'Cllr A', interest: 'Trustee of a bidder', kind: 'disclosable-pecuniary', tookPart: true },
      ],
    }).thenRefuses('decision.interest-needs-dispensation', 'interests[0].dispensation');
  });

  it('refuses a decision already in the register', () => {
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.register(vcsReview, { rules }, by()))
      .thenRefuses('decision.exists');
  });

  it.each([people.officer, people.scrutiny, people.auditor])(
    'is kept by admins only, not the $role role',
    (actor) => {
      given(new Decision('vcs-review'))
        .when((decision) => decision.register(vcsReview, { rules }, by(actor)))
        .thenRefuses('governance.may-not-keep-the-register');
    },
  );
});

describe('key decisions', () => {
  it('records why it is key, on which grounds, and the threshold of the day it was taken', () => {
    const data = publishedData({ ...keyInput, wardsSignificantlyAffected: ['e05010458', 'E05010461'] });
    expect(data.keyDecision).toEqual({
      reason: 'It spends £1.2m',
      grounds: ['spending-above-threshold', 'significant-in-two-or-more-wards'],
      thresholdPence: THRESHOLD_PENCE,
    });
    expect(data.wardsSignificantlyAffected).toEqual(['E05010458', 'E05010461']);
  });

  it('refuses a spending above the threshold that is not declared key', () => {
    register({ financialEffect: { kind: 'saving', pence: THRESHOLD_PENCE + 1 } }).thenRefuses(
      'decision.key-decision-not-declared',
      'keyDecision',
    );
  });

  it('refuses a decision significant in two wards that is not declared key', () => {
    register({ wardsSignificantlyAffected: ['E05010458', 'E05010461'] }).thenRefuses(
      'decision.key-decision-not-declared',
      'keyDecision',
    );
  });

  it('takes a spending of exactly the threshold as not key: key is above it', () => {
    expect(
      publishedData({ financialEffect: { kind: 'spending', pence: THRESHOLD_PENCE } }).keyDecision,
    ).toBeNull();
  });

  it('refuses a key decision with neither the amount nor the wards to make it one', () => {
    register({
      ...keyInput,
      financialEffect: { kind: 'spending', pence: 100 },
      wardsSignificantlyAffected: ['E05010458'],
    }).thenRefuses('decision.key-decision-without-grounds', 'keyDecision');
  });

  it('refuses to judge an amount before the council has set its threshold', () => {
    register(keyInput, { rules: new CouncilRules() }).thenRefuses(
      'decision.key-threshold-not-set',
      'financialEffect.pence',
    );
  });

  it('judges an amount by the threshold in force the day it was taken', () => {
    const raised: CouncilRulesEvent = {
      type: 'KeyDecisionThresholdSet',
      data: {
        previousPence: THRESHOLD_PENCE,
        pence: 200_000_000,
        reason: 'Constitution amended',
        effectiveOn: '2024-06-04',
      },
    };
    expect(publishedData(keyInput, { rules: councilRules(raised) }).keyDecision?.thresholdPence).toBe(
      THRESHOLD_PENCE,
    );
  });

  it('refuses a key decision without notice', () => {
    register({ ...keyInput, notice: null }).thenRefuses('decision.notice-required', 'notice');
  });

  it('needs 28 clear days on the forward plan: 5 May allows 3 June, 6 May does not', () => {
    expect(
      publishedData({ ...keyInput, notice: { kind: 'forward-plan', publishedOn: '2024-05-05' } }).notice,
    ).toEqual({
      kind: 'forward-plan',
      publishedOn: '2024-05-05',
    });
    register({ ...keyInput, notice: { kind: 'forward-plan', publishedOn: '2024-05-06' } }).thenRefuses(
      'decision.notice-too-short',
      'notice.publishedOn',
    );
  });

  it('needs 5 clear days under the general exception, after both the notice and informing the chair', () => {
    const exception = {
      kind: 'general-exception',
      publishedOn: '2024-05-28',
      chair: 'Cllr Chair',
      chairInformedOn: '2024-05-28',
    };
    expect(publishedData({ ...keyInput, notice: exception }).notice).toEqual(exception);
    register({ ...keyInput, notice: { ...exception, chairInformedOn: '2024-05-29' } }).thenRefuses(
      'decision.general-exception-too-short',
      'notice.chairInformedOn',
    );
    register({ ...keyInput, notice: { ...exception, chair: '' } }).thenRefuses(
      'decision.chair-name.required',
      'notice.chair',
    );
  });

  it('takes special urgency with the chair’s agreement given by the day of the decision', () => {
    const urgent = {
      kind: 'special-urgency',
      reason: 'The grant offer lapses on 5 June',
      agreement: { name: 'Cllr Chair', role: 'scrutiny-chair', agreedOn: '2024-06-03' },
    };
    expect(publishedData({ ...keyInput, notice: urgent }).notice).toEqual(urgent);
    register({
      ...keyInput,
      notice: { ...urgent, agreement: { ...urgent.agreement, agreedOn: '2024-06-04' } },
    }).thenRefuses('decision.notice-after-decision', 'notice.agreement.agreedOn');
    register({
      ...keyInput,
      notice: { ...urgent, agreement: { ...urgent.agreement, role: 'leader' } },
    }).thenRefuses('decision.agreement-role-invalid', 'notice.agreement.role');
  });

  it('refuses a kind of notice it does not know', () => {
    register({ ...keyInput, notice: { kind: 'press-release' } }).thenRefuses(
      'decision.notice-invalid',
      'notice.kind',
    );
  });
});

describe('call-in terms', () => {
  const urgency = {
    reason: 'Funding lapses',
    agreement: { name: 'Cllr Chair', role: 'scrutiny-chair', agreedOn: '2024-06-04' },
  };

  it('exempts an urgent decision agreed by the chair: it takes effect on publication', () => {
    const data = publishedData({ urgency });
    expect(data.callIn).toEqual({ window: null, exemption: 'urgent' });
    expect(data.takesEffectOn).toBe('2024-06-04');
  });

  it('refuses an urgency agreed after publication', () => {
    register({
      urgency: { ...urgency, agreement: { ...urgency.agreement, agreedOn: '2024-06-05' } },
    }).thenRefuses('decision.urgency-agreed-after-publication', 'urgency.agreement.agreedOn');
  });

  it('puts a committee outside the executive beyond call-in, and refuses urgency for it', () => {
    const committee = {
      maker: { kind: 'committee', name: 'Planning and Development Control Committee', executive: false },
    };
    expect(publishedData(committee).callIn).toEqual({ window: null, exemption: 'non-executive' });
    register({ ...committee, urgency }).thenRefuses('decision.urgency-not-applicable', 'urgency');
    expect(
      publishedData({ maker: { kind: 'committee', name: 'Executive', executive: true } }).callIn.window
        ?.closesOn,
    ).toBe('2024-06-11');
  });

  it('counts the call-in period the council had on the day of publication', () => {
    const shortened: CouncilRulesEvent = {
      type: 'CallInPeriodSet',
      data: {
        previousWorkingDays: 5,
        workingDays: 3,
        reason: 'Constitution amended',
        effectiveOn: '2024-06-04',
      },
    };
    expect(publishedData({}, { rules: councilRules(shortened) }).callIn.window).toEqual({
      opensOn: '2024-06-04',
      closesOn: '2024-06-07',
      workingDays: 3,
    });
    expect(
      publishedData({ takenOn: '2024-06-03', publishedOn: '2024-06-03' }, { rules: councilRules(shortened) })
        .callIn.window?.workingDays,
    ).toBe(5);
  });

  it('skips the council’s closure days in the window', () => {
    const closed: CouncilRulesEvent = {
      type: 'CouncilClosureDayAdded',
      data: { day: '2024-06-07', name: 'Council closure day', reason: null, effectiveOn: '2024-01-10' },
    };
    expect(publishedData({}, { rules: councilRules(closed) }).callIn.window?.closesOn).toBe('2024-06-12');
  });
});

describe('a decision taken by an officer under delegated authority', () => {
  const cabinetDecision = decisionEvents('cabinet-2024', {
    takenOn: '2024-06-03',
    publishedOn: '2024-06-04',
  });
  const delegating = (...more: DecisionEvent[]) =>
    decisionFrom([...cabinetDecision, ...more], 'cabinet-2024');
  const officer = (resolution = '(ii)', post = 'Director of Neighbourhood Services') => ({
    maker: {
      kind: 'officer',
      name: 'Alex Officer',
      post,
      delegation: { decisionId: 'cabinet-2024', resolution },
    },
    takenOn: '2024-06-20',
    publishedOn: '2024-06-21',
  });

  it('cites a resolution that delegated the authority to its post, in effect when it decided', () => {
    const data = publishedData(officer(), { delegating: delegating() });
    expect(data.maker).toEqual({
      kind: 'officer',
      name: 'Alex Officer',
      post: 'Director of Neighbourhood Services',
      delegation: { decisionId: 'cabinet-2024', resolution: '(ii)' },
    });
    expect(data.callIn).toEqual({ window: null, exemption: 'non-key-officer-decision' });
  });

  it('can be called in when it is a key decision', () => {
    const data = publishedData({ ...officer(), ...keyInput }, { delegating: delegating() });
    expect(data.callIn.window?.closesOn).toBe('2024-06-28');
  });

  it('refuses a delegation the register does not hold', () => {
    register(officer(), {}).thenRefuses('decision.delegation-unknown', 'maker.delegation.decisionId');
    register(officer(), { delegating: new Decision('cabinet-2024') }).thenRefuses(
      'decision.delegation-unknown',
    );
  });

  it('refuses a resolution the delegating decision does not have, or one that delegates nothing', () => {
    register(officer('(iii)'), { delegating: delegating() }).thenRefuses(
      'decision.delegation-resolution-unknown',
      'maker.delegation.resolution',
    );
    register(officer('(i)'), { delegating: delegating() }).thenRefuses(
      'decision.resolution-does-not-delegate',
      'maker.delegation.resolution',
    );
    register(officer('ii'), { delegating: delegating() }).thenRefuses(
      'decision.delegation-resolution-invalid',
      'maker.delegation.resolution',
    );
  });

  it('refuses an officer in another post than the one authority was delegated to', () => {
    register(officer('(ii)', 'Director of Finance'), { delegating: delegating() }).thenRefuses(
      'decision.delegated-to-another-post',
      'maker.post',
    );
    expect(
      publishedData(officer('(ii)', 'the  director of neighbourhood services'), { delegating: delegating() })
        .maker.kind,
    ).toBe('officer');
  });

  it('refuses a delegation still in its call-in window on the day the officer decided', () => {
    register(
      { ...officer(), takenOn: '2024-06-11', publishedOn: '2024-06-11' },
      { delegating: delegating() },
    ).thenRefuses('decision.delegation-not-in-effect', 'maker.delegation.decisionId');
  });

  it('refuses a delegation whose decision was called in, until it is confirmed', () => {
    const calledIn = decisionFrom(
      decisionEvents('cabinet-2024', {}, [
        (d) =>
          d.callIn(
            { calledInBy: ['Cllr D'], reasons: 'Consultation too short', calledInOn: '2024-06-10' },
            by(),
          ),
      ]),
      'cabinet-2024',
    );
    register(officer(), { delegating: calledIn }).thenRefuses('decision.delegation-not-in-effect');
    const confirmed = decisionFrom(
      decisionEvents('cabinet-2024', {}, [
        (d) =>
          d.callIn(
            { calledInBy: ['Cllr D'], reasons: 'Consultation too short', calledInOn: '2024-06-10' },
            by(),
          ),
        (d) => d.confirm({ reasons: 'No further action', confirmedOn: '2024-06-19' }, by()),
      ]),
      'cabinet-2024',
    );
    expect(publishedData(officer(), { delegating: confirmed }).maker.kind).toBe('officer');
  });
});

describe('call-in', () => {
  const callIn = {
    calledInBy: ['Cllr D', 'Cllr E'],
    reasons: 'The consultation was too short',
    commissionId: 'nsci',
  };

  it('is recorded within the window, by scrutiny, with who called it in and why', () => {
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-11' }, by(people.scrutiny)))
      .then({
        type: 'DecisionCalledIn',
        data: {
          decisionId: 'vcs-review',
          calledInBy: ['Cllr D', 'Cllr E'],
          reasons: callIn.reasons,
          commissionId: 'nsci',
          effectiveOn: '2024-06-11',
        },
      });
  });

  it('is in time on the day of publication', () => {
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-04' }, by()))
      .then(expect.objectContaining({ type: 'DecisionCalledIn' }));
  });

  it('is refused the day after the window closed, naming the last day', () => {
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-12' }, by()))
      .thenRefuses('decision.call-in-window-closed', 'calledInOn');
  });

  it.each([
    [{ calledInOn: '2024-06-03' }, 'decision.before-published', 'calledInOn'],
    [{ calledInOn: '2024-07-01' }, 'calledInOn.in-future', 'calledInOn'],
    [{ calledInBy: [] }, 'decision.called-in-by.too-few', 'calledInBy'],
    [{ reasons: '' }, 'reason.required', 'reasons'],
  ])('refuses %j', (change, code, field) => {
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-05', ...change }, by()))
      .thenRefuses(code, field);
  });

  it('is refused for an urgent decision, and for one already called in', () => {
    const urgent = decisionEvents('vcs-review', {
      urgency: {
        reason: 'x',
        agreement: { name: 'Cllr Chair', role: 'scrutiny-chair', agreedOn: '2024-06-04' },
      },
    });
    given(new Decision('vcs-review'), ...urgent)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-05' }, by()))
      .thenRefuses('decision.not-subject-to-call-in');
    const calledIn = decisionEvents('vcs-review', {}, [
      (d) => d.callIn({ ...callIn, calledInOn: '2024-06-05' }, by()),
    ]);
    given(new Decision('vcs-review'), ...calledIn)
      .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-06' }, by()))
      .thenRefuses('decision.is-called-in');
  });

  it('is not for an officer or an auditor to record', () => {
    for (const actor of [people.officer, people.auditor])
      given(new Decision('vcs-review'), ...published)
        .when((decision) => decision.callIn({ ...callIn, calledInOn: '2024-06-05' }, by(actor)))
        .thenRefuses('governance.may-not-call-in');
  });
});

describe('reconsideration after a call-in', () => {
  const calledIn = decisionEvents('vcs-review', {}, [
    (d) =>
      d.callIn(
        { calledInBy: ['Cllr D'], reasons: 'Too short a consultation', calledInOn: '2024-06-06' },
        by(),
      ),
  ]);
  const referredBack = decisionEvents('vcs-review', {}, [
    (d) =>
      d.callIn(
        { calledInBy: ['Cllr D'], reasons: 'Too short a consultation', calledInOn: '2024-06-06' },
        by(),
      ),
    (d) =>
      d.referBack(
        { referredBy: 'scrutiny-commission', concerns: 'Consult the faith groups', referredOn: '2024-06-13' },
        by(),
      ),
  ]);
  const amended = [
    {
      text: 'To fund eight organisations, the faith forum included',
      authorises: [{ kind: 'fund', id: 'vcs-support-2', as: 'set-up' }],
    },
  ];

  it('confirms it when the commission takes no further action', () => {
    given(new Decision('vcs-review'), ...calledIn)
      .when((decision) =>
        decision.confirm({ reasons: 'No further action', confirmedOn: '2024-06-13' }, by(people.scrutiny)),
      )
      .then({
        type: 'DecisionConfirmed',
        data: {
          decisionId: 'vcs-review',
          confirmedBy: 'scrutiny-commission',
          reasons: 'No further action',
          effectiveOn: '2024-06-13',
        },
      });
  });

  it('refers it back, and its maker confirms it: recorded by an admin, not by scrutiny', () => {
    given(new Decision('vcs-review'), ...referredBack)
      .when((decision) =>
        decision.confirm({ reasons: 'Considered the concerns', confirmedOn: '2024-06-20' }, by()),
      )
      .then(expect.objectContaining({ data: expect.objectContaining({ confirmedBy: 'decision-maker' }) }));
    given(new Decision('vcs-review'), ...referredBack)
      .when((decision) => decision.confirm({ reasons: 'x', confirmedOn: '2024-06-20' }, by(people.scrutiny)))
      .thenRefuses('governance.may-not-keep-the-register');
  });

  it('amends it after a referral, renumbering the resolutions and keeping the previous ones', () => {
    given(new Decision('vcs-review'), ...referredBack)
      .when((decision) =>
        decision.amend(
          { resolutions: amended, reasons: 'The faith forum is added', amendedOn: '2024-06-20' },
          by(),
        ),
      )
      .then({
        type: 'DecisionAmended',
        data: {
          decisionId: 'vcs-review',
          previousResolutions: (published[0] as DecisionPublished).data.resolutions,
          resolutions: [
            { number: '(i)', text: amended[0].text, authorises: amended[0].authorises, delegates: null },
          ],
          reasons: 'The faith forum is added',
          effectiveOn: '2024-06-20',
        },
      });
  });

  it('refuses an amendment that changes nothing', () => {
    given(new Decision('vcs-review'), ...referredBack)
      .when((decision) =>
        decision.amend({ resolutions: vcsReview.resolutions, reasons: 'x', amendedOn: '2024-06-20' }, by()),
      )
      .thenRefuses('decision.amendment-unchanged', 'resolutions');
  });

  it('refuses to amend or rescind a decision not referred back to its maker', () => {
    given(new Decision('vcs-review'), ...calledIn)
      .when((decision) => decision.amend({ resolutions: amended, reasons: 'x' }, by()))
      .thenRefuses('decision.is-called-in');
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.rescind({ reasons: 'x' }, by()))
      .thenRefuses('decision.is-published');
    given(new Decision('vcs-review'), ...published)
      .when((decision) => decision.confirm({ reasons: 'x' }, by()))
      .thenRefuses('decision.is-published');
  });

  it('rescinds it after a referral; after that, and after a confirmation, it is final', () => {
    given(new Decision('vcs-review'), ...referredBack)
      .when((decision) =>
        decision.rescind({ reasons: 'Withdrawn for a fresh review', rescindedOn: '2024-06-20' }, by()),
      )
      .then({
        type: 'DecisionRescinded',
        data: {
          decisionId: 'vcs-review',
          reasons: 'Withdrawn for a fresh review',
          effectiveOn: '2024-06-20',
        },
      });
    const confirmed = decisionFrom([
      ...calledIn,
      {
        type: 'DecisionConfirmed',
        data: {
          decisionId: 'vcs-review',
          confirmedBy: 'scrutiny-commission',
          reasons: 'x',
          effectiveOn: '2024-06-13',
        },
      },
    ]);
    given(confirmed)
      .when((decision) => decision.referBack({ referredBy: 'full-council', concerns: 'x' }, by()))
      .thenRefuses('decision.final');
  });

  it('refuses a referral dated before the call-in, and one by a body it does not know', () => {
    given(new Decision('vcs-review'), ...calledIn)
      .when((decision) =>
        decision.referBack(
          { referredBy: 'scrutiny-commission', concerns: 'x', referredOn: '2024-06-05' },
          by(),
        ),
      )
      .thenRefuses('decision.before-called-in', 'referredOn');
    given(new Decision('vcs-review'), ...calledIn)
      .when((decision) => decision.referBack({ referredBy: 'cabinet', concerns: 'x' }, by()))
      .thenRefuses('decision.referrer-invalid', 'referredBy');
  });
});
