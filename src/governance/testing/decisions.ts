import type { IsoDate } from '../../common/domain/dates.js';
import { CouncilRules } from '../domain/council-rules.aggregate.js';
import type { CouncilRulesEvent } from '../domain/council-rules.events.js';
import { Decision, type PublishDecisionInput } from '../domain/decision.aggregate.js';
import type { DecisionEvent } from '../domain/decision.events.js';
import { by, people } from './fixtures.js';

/** £500,000: the council's key decision threshold in these specs. */
export const THRESHOLD_PENCE = 50_000_000;

export const thresholdSet: CouncilRulesEvent = {
  type: 'KeyDecisionThresholdSet',
  data: {
    previousPence: null,
    pence: THRESHOLD_PENCE,
    reason: 'Constitution, Article 13',
    effectiveOn: '2015-01-01',
  },
};

export const councilRules = (...events: CouncilRulesEvent[]) =>
  new CouncilRules().rehydrate([thresholdSet, ...events]);

/** The City Mayor's decision on the VCS support review, published on Tuesday 4 June 2024. */
export const vcsReview: PublishDecisionInput = {
  reference: 'CM-2024-031',
  title: 'Voluntary and community sector support review',
  maker: { kind: 'city-mayor', name: 'City Mayor' },
  takenOn: '2024-06-03',
  resolutions: [
    {
      text: 'To fund seven organisations to support the voluntary and community sector',
      authorises: [{ kind: 'fund', id: 'vcs-support', as: 'set-up' }],
    },
    {
      text: 'To delegate the award of the engagement contracts',
      delegates: {
        to: 'Director of Neighbourhood Services',
        scope: 'Award the contracts to engage key communities',
        inConsultationWith: ['Assistant City Mayor for Neighbourhood Services'],
      },
    },
  ],
  reasons:
    'The review found that support should be commissioned from organisations that represent key communities',
  publishedOn: '2024-06-04',
};

/** The events of a decision registered (and then changed) by an admin, each on its day. */
export function decisionEvents(
  id: string,
  input: Partial<PublishDecisionInput> = {},
  then: ((decision: Decision) => void)[] = [],
  context: { rules?: CouncilRules; delegating?: Decision } = {},
): DecisionEvent[] {
  const decision = new Decision(id);
  const publishedOn: IsoDate = input.publishedOn ?? vcsReview.publishedOn!;
  decision.register(
    { ...vcsReview, ...input },
    { rules: context.rules ?? councilRules(), delegating: context.delegating },
    by(people.admin, publishedOn),
  );
  for (const change of then) change(decision);
  return decision.getUncommittedEvents();
}

export function decisionFrom(events: DecisionEvent[], id = 'vcs-review'): Decision {
  return new Decision(id).rehydrate(events);
}
