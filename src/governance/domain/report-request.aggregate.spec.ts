import { Buffer } from 'node:buffer';
import { given } from '../../../libs/testing/given-when-then.js';
import { by, people } from '../testing/fixtures.js';
import { commissionHistory, julyMeeting } from '../testing/scrutiny.js';
import { ReportRequest, type IssueReportInput } from './report-request.aggregate.js';
import type { ReportRequestEvent } from './report-request.events.js';
import { ScrutinyCommission } from './scrutiny-commission.aggregate.js';

const commission = () => new ScrutinyCommission('nsci').rehydrate(commissionHistory);
const strategy = { id: 'vcs-strategy', title: 'VCS engagement strategy' };
const at = <E extends ReportRequestEvent>(type: E['type'], effectiveOn: string, data: object = {}) =>
  ({ type, data: { requestId: 'r1', ...data, effectiveOn } }) as E;
const ask = {
  commissionId: 'nsci',
  meetingId: julyMeeting.data.meetingId,
  strategyId: 'vcs-strategy',
  periodFrom: '2024-04-01',
  periodTo: '2024-06-30',
  question: 'Updates on the availability of budgets and the distribution of the funding',
};
const requested = at('ReportRequested', '2024-06-30', {
  ...ask,
  includeFunds: true,
  includePartnerships: true,
});
const preparing = at('ReportPreparationStarted', '2024-07-01', { preparedBy: 'priya' });
const digest = 'ab'.repeat(32);
const issueInput: IssueReportInput = {
  parameters: {
    definition: 'interim-progress-report@1',
    strategyId: 'vcs-strategy',
    periodFrom: '2024-04-01',
    periodTo: '2024-06-30',
    asKnownAt: '2024-07-01T09:00:00Z',
  },
  position: '1043.2871',
  treeHead: {
    treeSize: 2871,
    rootHash: Buffer.alloc(32, 1).toString('base64'),
    timestamp: '2024-07-01T09:00:05.000Z',
    signature: Buffer.alloc(64, 2).toString('base64'),
  },
  renderings: [
    { name: 'report.html', mediaType: 'text/html', sha256: digest.toUpperCase(), bytes: 48_213 },
    { name: 'report.pdf', mediaType: 'application/pdf', sha256: digest, bytes: 120_004 },
  ],
  issuedOn: '2024-07-01',
};
const issued = at('ReportIssued', '2024-07-01', {
  parameters: { ...issueInput.parameters, asKnownAt: '2024-07-01T09:00:00.000Z' },
  position: '1043.2871',
  treeHead: issueInput.treeHead,
  renderings: issueInput.renderings.map((rendering) => ({ ...rendering, sha256: digest })),
});
const presented = at('ReportPresented', '2024-07-10', { meetingId: julyMeeting.data.meetingId });
const recommended = at('RecommendationMade', '2024-07-10', {
  recommendationId: 'rec1',
  number: 1,
  text: 'Publish funding by ward quarterly',
});
const accepted = at('ExecutiveResponded', '2024-08-01', {
  recommendationId: 'rec1',
  response: 'partly-accepted',
  reasons: 'Twice a year, with the budget reports',
  respondedBy: 'City Mayor',
});
const afterMeeting = '2024-08-30';
const request = () => new ReportRequest('r1');

describe('requesting an interim progress report', () => {
  it('asks for a strategy with its funds and partnerships, for a period, for a meeting', () => {
    given(request())
      .when((report) => report.request(ask, { commission: commission(), strategy }, by(people.scrutiny)))
      .then(requested);
  });

  it.each([
    [{ meetingId: 'meeting-2025-01-01' }, 'report-request.meeting-unknown', 'meetingId'],
    [{ meetingId: 'meeting-2024-05-08' }, 'report-request.meeting-passed', 'meetingId'],
    [{ strategyId: 'other' }, 'report-request.strategy-unknown', 'strategyId'],
    [{ periodTo: '2024-03-31' }, 'report-request.period-invalid', 'periodTo'],
    [{ periodTo: '2024-07-11' }, 'report-request.period-after-meeting', 'periodTo'],
    [{ periodFrom: '2024-04-31' }, 'periodFrom.invalid', 'periodFrom'],
    [{ question: '' }, 'report-request.question.required', 'question'],
    [{ commissionId: 'other' }, 'commission.unknown', 'commissionId'],
    [{ includeFunds: 'yes' as unknown as boolean }, 'report-request.flag-invalid', 'includeFunds'],
    [{ effectiveOn: '2023-05-24' }, 'report-request.before-commission', 'effectiveOn'],
  ])('refuses %j', (change, code, field) => {
    given(request())
      .when((report) =>
        report.request({ ...ask, ...change }, { commission: commission(), strategy }, by(people.scrutiny)),
      )
      .thenRefuses(code, field);
  });

  it('is refused for a cancelled meeting, and to an officer or an auditor', () => {
    const cancelled = new ScrutinyCommission('nsci').rehydrate([
      ...commissionHistory,
      {
        type: 'CommissionMeetingCancelled',
        data: {
          commissionId: 'nsci',
          meetingId: julyMeeting.data.meetingId,
          reason: 'x',
          effectiveOn: '2024-06-01',
        },
      },
    ]);
    given(request())
      .when((report) => report.request(ask, { commission: cancelled, strategy }, by()))
      .thenRefuses('report-request.meeting-cancelled', 'meetingId');
    for (const actor of [people.officer, people.auditor])
      given(request())
        .when((report) => report.request(ask, { commission: commission(), strategy }, by(actor)))
        .thenRefuses('governance.may-not-request-reports');
  });
});

describe('preparing and issuing the report', () => {
  it('goes into preparation with an officer, then is issued with its parameters, position, tree head and digests', () => {
    given(request(), requested)
      .when((report) =>
        report.startPreparation(
          { preparedBy: 'priya', effectiveOn: '2024-07-01' },
          by(people.officer, '2024-07-01'),
        ),
      )
      .then(preparing);
    given(request(), requested, preparing)
      .when((report) => report.issue(issueInput, by(people.officer, '2024-07-01')))
      .then(issued);
  });

  it('is issued only once in preparation', () => {
    given(request(), requested)
      .when((report) => report.issue(issueInput, by(people.officer, '2024-07-01')))
      .thenRefuses('report-request.requested');
  });

  it.each([
    [{ position: '1043' }, 'report-request.position-invalid', 'position'],
    [
      { parameters: { ...issueInput.parameters, strategyId: 'other' } },
      'report-request.parameters-differ',
      'parameters.strategyId',
    ],
    [
      { parameters: { ...issueInput.parameters, periodTo: '2024-06-29' } },
      'report-request.parameters-differ',
      'parameters.periodTo',
    ],
    [
      { parameters: { ...issueInput.parameters, asKnownAt: '2024-07-01 09:00' } },
      'report-request.as-known-at-invalid',
      'parameters.asKnownAt',
    ],
    [
      { parameters: { ...issueInput.parameters, asKnownAt: '2024-07-01T23:30:00Z' } },
      'report-request.as-known-at-after-issue',
      'parameters.asKnownAt',
    ],
    [
      { parameters: { ...issueInput.parameters, definition: '' } },
      'report-request.definition.required',
      'parameters.definition',
    ],
    [
      { treeHead: { ...issueInput.treeHead, treeSize: 0 } },
      'report-request.tree-head-invalid',
      'treeHead.treeSize',
    ],
    [
      { treeHead: { ...issueInput.treeHead, rootHash: digest } },
      'report-request.tree-head-invalid',
      'treeHead.rootHash',
    ],
    [
      { treeHead: { ...issueInput.treeHead, timestamp: '2024-07-01T09:00:05Z' } },
      'report-request.tree-head-invalid',
      'treeHead.timestamp',
    ],
    [
      { treeHead: { ...issueInput.treeHead, signature: Buffer.alloc(32).toString('base64') } },
      'report-request.tree-head-invalid',
      'treeHead.signature',
    ],
    [{ renderings: [] }, 'report-request.renderings.too-few', 'renderings'],
    [
      { renderings: [{ ...issueInput.renderings[0], sha256: digest.slice(1) }] },
      'report-request.digest-invalid',
      'renderings[0].sha256',
    ],
    [
      { renderings: [{ ...issueInput.renderings[0], sha256: 'zz'.repeat(32) }] },
      'report-request.digest-invalid',
      'renderings[0].sha256',
    ],
    [
      { renderings: [{ ...issueInput.renderings[0], mediaType: 'text/plain' }] },
      'report-request.media-type-invalid',
      'renderings[0].mediaType',
    ],
    [
      { renderings: [{ ...issueInput.renderings[0], name: 'Report.HTML' }] },
      'report-request.rendering-name-invalid',
      'renderings[0].name',
    ],
    [
      { renderings: [issueInput.renderings[0], issueInput.renderings[0]] },
      'report-request.rendering-repeated',
      'renderings[1].name',
    ],
    [
      { renderings: [{ ...issueInput.renderings[0], bytes: 0 }] },
      'report-request.size-invalid',
      'renderings[0].bytes',
    ],
    [{ issuedOn: '2024-06-30' }, 'report-request.before-in-preparation', 'issuedOn'],
  ])('refuses an issue with %j', (change, code, field) => {
    given(request(), requested, preparing)
      .when((report) =>
        report.issue({ ...issueInput, ...change } as IssueReportInput, by(people.officer, '2024-07-01')),
      )
      .thenRefuses(code, field);
  });
});

describe('the commission’s proceedings on the report', () => {
  it('is presented at the meeting it was held at, on that day', () => {
    given(request(), requested, preparing, issued)
      .when((report) =>
        report.present(
          { meetingId: julyMeeting.data.meetingId },
          commission(),
          by(people.scrutiny, '2024-07-12'),
        ),
      )
      .then(presented);
  });

  it('is not presented at a meeting not yet held, nor at one before it was issued', () => {
    given(request(), requested, preparing, issued)
      .when((report) =>
        report.present(
          { meetingId: julyMeeting.data.meetingId },
          commission(),
          by(people.scrutiny, '2024-07-09'),
        ),
      )
      .thenRefuses('report-request.meeting-not-held', 'meetingId');
    given(request(), requested, preparing, issued)
      .when((report) =>
        report.present({ meetingId: 'meeting-2024-05-08' }, commission(), by(people.scrutiny, '2024-07-12')),
      )
      .thenRefuses('report-request.presented-before-issued', 'meetingId');
  });

  it('records comments and numbered recommendations from the meeting on, then is noted', () => {
    given(request(), requested, preparing, issued, presented)
      .when((report) => {
        report.recordComment(
          { commentId: 'c1', text: 'Members welcomed the ward breakdown', effectiveOn: '2024-07-10' },
          by(people.scrutiny, afterMeeting),
        );
        report.makeRecommendation(
          { recommendationId: 'rec1', text: 'Publish funding by ward quarterly', effectiveOn: '2024-07-10' },
          by(people.scrutiny, afterMeeting),
        );
        report.note({ effectiveOn: '2024-07-10' }, by(people.scrutiny, afterMeeting));
      })
      .then(
        at('CommissionCommentRecorded', '2024-07-10', {
          commentId: 'c1',
          text: 'Members welcomed the ward breakdown',
        }),
        recommended,
        at('ReportNoted', '2024-07-10'),
      );
  });

  it('refuses comments before it was presented, or dated before the meeting', () => {
    given(request(), requested, preparing, issued)
      .when((report) =>
        report.recordComment({ commentId: 'c1', text: 'x' }, by(people.scrutiny, afterMeeting)),
      )
      .thenRefuses('report-request.not-presented');
    given(request(), requested, preparing, issued, presented)
      .when((report) =>
        report.makeRecommendation(
          { recommendationId: 'rec1', text: 'x', effectiveOn: '2024-07-09' },
          by(people.scrutiny, afterMeeting),
        ),
      )
      .thenRefuses('report-request.before-presented', 'effectiveOn');
  });
});

describe('the executive’s response to a recommendation', () => {
  const history = [requested, preparing, issued, presented, recommended];

  it('is recorded once, with its reasons, by an admin', () => {
    given(request(), ...history)
      .when((report) =>
        report.respond(
          {
            recommendationId: 'rec1',
            response: 'partly-accepted',
            reasons: 'Twice a year, with the budget reports',
            respondedBy: 'City Mayor',
            effectiveOn: '2024-08-01',
          },
          by(people.admin, afterMeeting),
        ),
      )
      .then(accepted);
    given(request(), ...history, accepted)
      .when((report) =>
        report.respond(
          { recommendationId: 'rec1', response: 'accepted', reasons: 'x', respondedBy: 'City Mayor' },
          by(people.admin, afterMeeting),
        ),
      )
      .thenRefuses('report-request.already-responded', 'recommendationId');
  });

  it.each([
    [{ response: 'noted' }, 'report-request.response-invalid', 'response'],
    [{ reasons: '' }, 'report-request.response-reasons.required', 'reasons'],
    [{ recommendationId: 'rec9' }, 'report-request.recommendation-unknown', 'recommendationId'],
    [{ effectiveOn: '2024-07-09' }, 'report-request.response-before-recommendation', 'effectiveOn'],
  ])('refuses %j', (change, code, field) => {
    given(request(), ...history)
      .when((report) =>
        report.respond(
          {
            recommendationId: 'rec1',
            response: 'accepted',
            reasons: 'Agreed',
            respondedBy: 'City Mayor',
            ...change,
          },
          by(people.admin, afterMeeting),
        ),
      )
      .thenRefuses(code, field);
  });

  it('is not scrutiny’s to record', () => {
    given(request(), ...history)
      .when((report) =>
        report.respond(
          { recommendationId: 'rec1', response: 'accepted', reasons: 'x', respondedBy: 'City Mayor' },
          by(people.scrutiny, afterMeeting),
        ),
      )
      .thenRefuses('governance.may-not-respond-to-recommendations');
  });

  it('lets an accepted recommendation become an action, but not a rejected one or one not answered', () => {
    given(request(), ...history, accepted)
      .when((report) =>
        report.linkAction(
          { recommendationId: 'rec1', actionId: 'action-a3-4', effectiveOn: '2024-08-02' },
          by(people.admin, afterMeeting),
        ),
      )
      .then(
        at('RecommendationBecameAction', '2024-08-02', { recommendationId: 'rec1', actionId: 'action-a3-4' }),
      );
    given(request(), ...history)
      .when((report) =>
        report.linkAction(
          { recommendationId: 'rec1', actionId: 'action-a3-4' },
          by(people.admin, afterMeeting),
        ),
      )
      .thenRefuses('report-request.recommendation-not-accepted', 'recommendationId');
    const rejected = at('ExecutiveResponded', '2024-08-01', { ...accepted.data, response: 'rejected' });
    given(request(), ...history, rejected)
      .when((report) =>
        report.linkAction(
          { recommendationId: 'rec1', actionId: 'action-a3-4' },
          by(people.admin, afterMeeting),
        ),
      )
      .thenRefuses('report-request.recommendation-not-accepted', 'recommendationId');
  });
});

describe('withdrawing a request', () => {
  it('is possible until it is issued', () => {
    given(request(), requested, preparing)
      .when((report) =>
        report.withdraw(
          { reason: 'Superseded by the annual report', effectiveOn: '2024-07-02' },
          by(people.scrutiny, '2024-07-02'),
        ),
      )
      .then(at('ReportRequestWithdrawn', '2024-07-02', { reason: 'Superseded by the annual report' }));
    given(request(), requested, preparing, issued)
      .when((report) => report.withdraw({ reason: 'x' }, by(people.scrutiny, '2024-07-02')))
      .thenRefuses('report-request.issued');
  });
});
