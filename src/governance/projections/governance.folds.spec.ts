import { Buffer } from 'node:buffer';
import { streamIdFor, type RecordedEvent } from '../../../libs/event-store/index.js';
import { startOfCouncilDay } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import { CouncilRules } from '../domain/council-rules.aggregate.js';
import { decisionStatusOn } from '../domain/decision-effect.js';
import { Decision } from '../domain/decision.aggregate.js';
import { ReportRequest } from '../domain/report-request.aggregate.js';
import { ScrutinyCommission } from '../domain/scrutiny-commission.aggregate.js';
import { by, people } from '../testing/fixtures.js';
import { decisionEvents } from '../testing/decisions.js';
import { commissionHistory, julyMeeting } from '../testing/scrutiny.js';
import {
  decisionTimelineOf,
  foldCouncilRules,
  foldDecision,
  foldReportRequest,
  foldScrutinyCommission,
  GOVERNANCE_ENTITY_FOLDS,
  type DecisionRow,
} from './governance.folds.js';

/** Events as the store gives them back: recorded on `recordedOn` (the effective day unless told), in order. */
function recorded<E extends DomainEvent>(
  streamType: string,
  id: string,
  events: readonly E[],
  recordedOn: (event: E) => string = (e) => (e.data as { effectiveOn: string }).effectiveOn,
) {
  return events.map((event, index) => ({
    ...event,
    eventId: `${streamType}-${id}-${index + 1}`,
    streamId: streamIdFor(streamType, id),
    streamType,
    streamVersion: index + 1,
    schemaVersion: 1,
    metadata: {
      actorId: 'helen',
      actorRole: 'admin',
      correlationId: 'c',
      causationId: 'c',
      commandId: `${index}`,
      client: 'test',
    },
    recordedAt: startOfCouncilDay(recordedOn(event)),
    effectiveAt: startOfCouncilDay((event.data as { effectiveOn: string }).effectiveOn),
    transactionId: BigInt(index + 1),
    globalPosition: BigInt(index + 1),
  })) as unknown as RecordedEvent<E['type'], E['data']>[];
}
const foldAll = <Row>(
  fold: (row: Row | undefined, event: never) => Row | undefined,
  events: readonly RecordedEvent[],
) => events.reduce<Row | undefined>((row, event) => fold(row, event as never), undefined);
const asEffectiveAt = (events: readonly RecordedEvent[], day: string) =>
  events.filter((event) => (event.data as { effectiveOn: string }).effectiveOn <= day);
const asKnownAt = (events: readonly RecordedEvent[], day: string) =>
  events.filter((event) => event.recordedAt < startOfCouncilDay(day));
/** What changed, field by field, between two rows. */
const changedFields = (before: object, after: object) =>
  Object.keys(after).filter(
    (key) => JSON.stringify((before as never)[key]) !== JSON.stringify((after as never)[key]),
  );

describe('a decision’s row', () => {
  const story = decisionEvents('vcs-review', {}, [
    (d) =>
      d.callIn(
        {
          calledInBy: ['Cllr D'],
          reasons: 'Too short a consultation',
          commissionId: 'nsci',
          calledInOn: '2024-06-10',
        },
        by(),
      ),
    (d) =>
      d.referBack(
        { referredBy: 'scrutiny-commission', concerns: 'Consult the faith groups', referredOn: '2024-06-13' },
        by(),
      ),
    (d) =>
      d.amend(
        {
          resolutions: [
            {
              text: 'Fund eight organisations',
              authorises: [{ kind: 'fund', id: 'vcs-support-2', as: 'set-up' }],
            },
          ],
          reasons: 'Faith forum added',
          amendedOn: '2024-06-20',
        },
        by(),
      ),
  ]);
  // The call-in of 10 June was entered on 17 June, after the day the decision would have taken effect.
  const events = recorded('decision', 'vcs-review', story, (e) =>
    e.type === 'DecisionCalledIn' ? '2024-06-17' : e.data.effectiveOn,
  );

  it('holds the decision as its events left it, with the same timeline as the aggregate', () => {
    const row = foldAll(foldDecision, events)!;
    expect(row).toMatchObject({
      id: 'vcs-review',
      maker_kind: 'city-mayor',
      stage: 'amended',
      published_on: '2024-06-04',
      call_in_closes_on: '2024-06-11',
      takes_effect_on: '2024-06-12',
      called_in: {
        on: '2024-06-10',
        by: ['Cllr D'],
        reasons: 'Too short a consultation',
        commission_id: 'nsci',
      },
      referred_back: { on: '2024-06-13', by: 'scrutiny-commission', concerns: 'Consult the faith groups' },
      outcome: { kind: 'amended', on: '2024-06-20', by: 'decision-maker', reasons: 'Faith forum added' },
      in_effect_from: '2024-06-20',
    });
    expect(row.superseded_resolutions).toEqual([
      {
        until: '2024-06-20',
        resolutions: story[0].type === 'DecisionPublished' ? story[0].data.resolutions : [],
      },
    ]);
    expect(decisionTimelineOf(row)).toEqual(new Decision('vcs-review').rehydrate(story).timeline);
  });

  it('as effective at a day in the window: published, in call-in, taking effect on 12 June', () => {
    const row = foldAll(foldDecision, asEffectiveAt(events, '2024-06-07'))!;
    expect(row.stage).toBe('published');
    expect(row.in_effect_from).toBe('2024-06-12');
    expect(decisionStatusOn(decisionTimelineOf(row), '2024-06-07')).toBe('published');
  });

  it('as known at 14 June it looked in effect; the call-in entered on 17 June was learnt later', () => {
    const known = foldAll(foldDecision, asKnownAt(events, '2024-06-15'))!;
    expect(decisionStatusOn(decisionTimelineOf(known), '2024-06-14')).toBe('effective');
    const later = foldAll(foldDecision, asKnownAt(events, '2024-06-18'))!;
    expect(decisionStatusOn(decisionTimelineOf(later), '2024-06-14')).toBe('referred-back');
  });

  it('changes, field by field, only what each event is about', () => {
    const rows: DecisionRow[] = [];
    events.reduce<DecisionRow | undefined>((row, event) => {
      const next = foldDecision(row, event as never)!;
      rows.push(next);
      return next;
    }, undefined);
    expect(changedFields(rows[0], rows[1])).toEqual(['stage', 'called_in', 'in_effect_from']);
    expect(changedFields(rows[1], rows[2])).toEqual(['stage', 'referred_back']);
    expect(changedFields(rows[2], rows[3])).toEqual([
      'resolutions',
      'stage',
      'outcome',
      'superseded_resolutions',
      'in_effect_from',
    ]);
  });

  it('ignores an event for a decision it has not seen published', () => {
    expect(foldDecision(undefined, events[1] as never)).toBeUndefined();
  });
});

describe('a commission’s, a report request’s and the council rules’ rows', () => {
  it('folds a commission to the members and meetings its aggregate holds', () => {
    const row = foldAll(foldScrutinyCommission, recorded('scrutiny-commission', 'nsci', commissionHistory))!;
    const aggregate = new ScrutinyCommission('nsci').rehydrate(commissionHistory);
    expect(row.members).toEqual(aggregate.members);
    expect(row.meetings.map(({ cancellation_reason: _, ...meeting }) => meeting)).toEqual(aggregate.meetings);
    expect(row).toMatchObject({
      name: aggregate.name,
      remit: aggregate.remit,
      established_on: '2023-05-25',
      dissolved_on: null,
    });
  });

  it('folds a report request from its request to the executive’s response and the action it became', () => {
    const commission = new ScrutinyCommission('nsci').rehydrate(commissionHistory);
    const request = new ReportRequest('r1');
    request.request(
      {
        commissionId: 'nsci',
        meetingId: julyMeeting.data.meetingId,
        strategyId: 's1',
        periodFrom: '2024-04-01',
        periodTo: '2024-06-30',
        question: 'Budgets by ward',
      },
      { commission, strategy: { id: 's1', title: 'VCS strategy' } },
      by(people.scrutiny),
    );
    request.startPreparation(
      { preparedBy: 'priya', effectiveOn: '2024-07-01' },
      by(people.officer, '2024-07-01'),
    );
    request.issue(
      {
        parameters: {
          definition: 'interim-progress-report@1',
          strategyId: 's1',
          periodFrom: '2024-04-01',
          periodTo: '2024-06-30',
          asKnownAt: '2024-07-01T08:00:00.000Z',
        },
        position: '7.70',
        treeHead: {
          treeSize: 70,
          rootHash: Buffer.alloc(32).toString('base64'),
          timestamp: '2024-07-01T08:00:01.000Z',
          signature: Buffer.alloc(64).toString('base64'),
        },
        renderings: [{ name: 'report.html', mediaType: 'text/html', sha256: '0'.repeat(64), bytes: 10 }],
        issuedOn: '2024-07-01',
      },
      by(people.officer, '2024-07-01'),
    );
    request.present({ meetingId: julyMeeting.data.meetingId }, commission, by(people.scrutiny, '2024-07-10'));
    request.makeRecommendation(
      { recommendationId: 'rec1', text: 'Publish by ward' },
      by(people.scrutiny, '2024-07-10'),
    );
    request.respond(
      { recommendationId: 'rec1', response: 'accepted', reasons: 'Agreed', respondedBy: 'City Mayor' },
      by(people.admin, '2024-07-20'),
    );
    request.linkAction({ recommendationId: 'rec1', actionId: 'a-3-4' }, by(people.admin, '2024-07-20'));
    request.note({}, by(people.scrutiny, '2024-07-20'));
    const row = foldAll(foldReportRequest, recorded('report-request', 'r1', request.getUncommittedEvents()))!;
    expect(row).toMatchObject({
      status: 'noted',
      status_since: '2024-07-20',
      requested_on: '2024-06-30',
      prepared_by: 'priya',
      presented: { meeting_id: julyMeeting.data.meetingId, on: '2024-07-10' },
      noted_on: '2024-07-20',
      issued: { on: '2024-07-01', position: '7.70', tree_head: expect.objectContaining({ treeSize: 70 }) },
      recommendations: [
        {
          recommendation_id: 'rec1',
          number: 1,
          text: 'Publish by ward',
          made_on: '2024-07-10',
          response: { response: 'accepted', reasons: 'Agreed', responded_by: 'City Mayor', on: '2024-07-20' },
          action_ids: ['a-3-4'],
        },
      ],
    });
  });

  it('folds the council’s rules, a withdrawn closure day gone', () => {
    const rules = new CouncilRules();
    rules.addClosureDay({ day: '2024-12-27', name: 'Closure' }, by());
    rules.addClosureDay({ day: '2024-12-24', name: 'Christmas Eve closure' }, by());
    rules.withdrawClosureDay({ day: '2024-12-27', reason: 'Open after all' }, by());
    rules.setCallInPeriod({ workingDays: 3, reason: 'Amended' }, by());
    const row = foldAll(
      foldCouncilRules,
      recorded('council-rules', 'council', rules.getUncommittedEvents()),
    )!;
    expect(row).toEqual({
      id: 'council',
      closure_days: [
        { day: '2024-12-24', name: 'Christmas Eve closure', reason: null, added_on: '2024-06-30' },
      ],
      recorded_years: [],
      call_in_periods: [{ working_days: 3, from: '2024-06-30' }],
      key_decision_thresholds: [],
    });
  });

  it('lists one fold for each stream type of the context', () => {
    expect(Object.keys(GOVERNANCE_ENTITY_FOLDS).sort()).toEqual(
      [new Decision('x'), new ScrutinyCommission('x'), new ReportRequest('x'), new CouncilRules()]
        .map((a) => a.streamType)
        .sort(),
    );
  });
});
