import { Buffer } from 'node:buffer';
import { parsePosition } from '../../../libs/event-store/index.js';
import type { SignedTreeHead } from '../../../libs/ledger/index.js';
import { dateInCouncil, longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  effectiveDay,
  refuseIfBefore,
  requireCount,
  requireDate,
  requireId,
  requireOneOf,
  requireText,
  type Acting,
} from './checks.js';
import { LIMITS } from './limits.js';
import { assertMay } from './policy.js';
import {
  RENDERING_MEDIA_TYPES,
  RESPONSES,
  type CommissionCommentRecorded,
  type ExecutiveResponded,
  type RecommendationBecameAction,
  type RecommendationMade,
  type Rendering,
  type ReportIssued,
  type ReportNoted,
  type ReportParameters,
  type ReportPreparationStarted,
  type ReportPresented,
  type ReportRequested,
  type ReportRequestEvent,
  type ReportRequestWithdrawn,
  type Response,
} from './report-request.events.js';
import type { ScrutinyCommission } from './scrutiny-commission.aggregate.js';

export const REPORT_REQUEST_STATUSES = [
  'requested',
  'in-preparation',
  'issued',
  'presented',
  'noted',
  'withdrawn',
] as const;
export type ReportRequestStatus = (typeof REPORT_REQUEST_STATUSES)[number];

/** What a request needs to know of the strategy it is about, from the strategy context. */
export interface StrategyFacts {
  readonly id: string;
  readonly title: string;
}

export interface Recommendation {
  readonly recommendationId: string;
  readonly number: number;
  readonly text: string;
  readonly madeOn: IsoDate;
  readonly response: {
    readonly response: Response;
    readonly reasons: string;
    readonly respondedBy: string;
    readonly on: IsoDate;
  } | null;
  readonly actionIds: readonly string[];
}

export interface IssueReportInput {
  parameters: {
    definition: string;
    strategyId: string;
    periodFrom: string;
    periodTo: string;
    asKnownAt: string;
  };
  position: string;
  treeHead: { treeSize: number; rootHash: string; timestamp: string; signature: string };
  renderings: { name: string; mediaType: string; sha256: string; bytes: number }[];
  issuedOn?: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const FILE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const ED25519_SIGNATURE_BYTES = 64;
const SHA256_BYTES = 32;

/**
 * A commission's request for an interim progress report on a strategy (with its funds and
 * partnerships) for a period, for one of its meetings: requested, in preparation, issued, presented
 * at a meeting, noted, with the commission's comments and recommendations, the executive's response
 * to each, and the actions they became. Issuing records what the report is a pure function of and
 * what it was: the domain checks the shapes it is given (hex digests, a store position, a signed tree
 * head), and the verifier re-renders and compares.
 */
export class ReportRequest extends EventSourcedAggregate<ReportRequestEvent> {
  readonly streamType = 'report-request';
  commissionId = '';
  meetingId = '';
  strategyId = '';
  periodFrom: IsoDate = '';
  periodTo: IsoDate = '';
  status: ReportRequestStatus = 'requested';
  statusSince: IsoDate = '';
  issued: ReportIssued['data'] | null = null;
  presentedAt: { meetingId: string; on: IsoDate } | null = null;
  comments: { commentId: string; text: string; on: IsoDate }[] = [];
  recommendations: Recommendation[] = [];

  effectiveOnOf(event: ReportRequestEvent): IsoDate {
    return event.data.effectiveOn;
  }

  request(
    input: {
      commissionId: string;
      meetingId: string;
      strategyId: string;
      periodFrom: string;
      periodTo: string;
      includeFunds?: boolean;
      includePartnerships?: boolean;
      question: string;
      effectiveOn?: string | null;
    },
    context: { commission: ScrutinyCommission; strategy: StrategyFacts | undefined },
    by: Acting,
  ): void {
    assertMay(by.actor, 'request-reports');
    if (this.exists)
      throw new DomainError('report-request.exists', 'This report has already been requested', 'conflict');
    const { commission, strategy } = context;
    if (commission.id !== input.commissionId)
      refuse('commission.unknown', 'No such scrutiny commission', 'commissionId');
    commission.refuseUnlessSitting();
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    refuseIfBefore(
      effectiveOn,
      commission.establishedOn,
      'report-request.before-commission',
      (established, on) => `The commission was established on ${established}: it asked for nothing on ${on}`,
    );
    const meeting = commission.meeting(input.meetingId);
    if (!meeting) refuse('report-request.meeting-unknown', 'The commission has no such meeting', 'meetingId');
    if (meeting.cancelled)
      refuse('report-request.meeting-cancelled', 'That meeting was cancelled', 'meetingId');
    refuseIfBefore(
      meeting.date,
      effectiveOn,
      'report-request.meeting-passed',
      (on, meetingDay) =>
        `A report requested on ${on} is for a later meeting, not the one held on ${meetingDay}`,
      'meetingId',
    );
    if (!strategy || strategy.id !== input.strategyId)
      refuse('report-request.strategy-unknown', 'No such strategy', 'strategyId');
    const periodFrom = requireDate(input.periodFrom, 'periodFrom', 'The start of the period');
    const periodTo = requireDate(input.periodTo, 'periodTo', 'The end of the period');
    if (periodTo < periodFrom)
      refuse('report-request.period-invalid', 'The period ends on or after it starts', 'periodTo');
    refuseIfBefore(
      meeting.date,
      periodTo,
      'report-request.period-after-meeting',
      (end, meetingDay) =>
        `A report for the meeting of ${meetingDay} covers a period that has ended by then, not one ending on ${end}`,
      'periodTo',
    );
    this.apply({
      type: 'ReportRequested',
      data: {
        requestId: this.id,
        commissionId: commission.id,
        meetingId: meeting.meetingId,
        strategyId: strategy.id,
        periodFrom,
        periodTo,
        includeFunds: flag(input.includeFunds, 'includeFunds'),
        includePartnerships: flag(input.includePartnerships, 'includePartnerships'),
        question: requireText(LIMITS.question, input.question, 'question'),
        effectiveOn,
      },
    });
  }

  startPreparation(input: { preparedBy: string; effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'prepare-reports');
    this.refuseUnlessAt(['requested'], 'prepared');
    const preparedBy = requireText(LIMITS.preparedBy, input.preparedBy, 'preparedBy');
    this.apply({
      type: 'ReportPreparationStarted',
      data: { requestId: this.id, preparedBy, effectiveOn: this.statusChangeOn(input.effectiveOn, by) },
    });
  }

  issue(input: IssueReportInput, by: Acting): void {
    assertMay(by.actor, 'prepare-reports');
    this.refuseUnlessAt(['in-preparation'], 'issued');
    const effectiveOn = this.statusChangeOn(input.issuedOn, by, 'issuedOn');
    const parameters = this.parametersOf(input.parameters, effectiveOn);
    if (typeof input.position !== 'string' || !parsePosition(input.position))
      refuse(
        'report-request.position-invalid',
        'A position is two numbers joined by a dot, as the store gives it: 1043.2871',
        'position',
      );
    this.apply({
      type: 'ReportIssued',
      data: {
        requestId: this.id,
        parameters,
        position: input.position.trim(),
        treeHead: treeHeadOf(input.treeHead),
        renderings: renderingsOf(input.renderings),
        effectiveOn,
      },
    });
  }

  /** Presented at a meeting of the commission that has been held, on or after the day it was issued. */
  present(input: { meetingId: string }, commission: ScrutinyCommission, by: Acting): void {
    assertMay(by.actor, 'record-proceedings');
    this.refuseUnlessAt(['issued'], 'presented');
    const meeting = commission.id === this.commissionId ? commission.meeting(input.meetingId) : undefined;
    if (!meeting) refuse('report-request.meeting-unknown', 'The commission has no such meeting', 'meetingId');
    if (meeting.cancelled)
      refuse('report-request.meeting-cancelled', 'That meeting was cancelled', 'meetingId');
    if (meeting.date > by.today)
      refuse(
        'report-request.meeting-not-held',
        `That meeting is on ${longDate(meeting.date)}: it has not been held yet`,
        'meetingId',
      );
    refuseIfBefore(
      meeting.date,
      this.statusSince,
      'report-request.presented-before-issued',
      (issued, meetingDay) =>
        `The report was issued on ${issued}: it cannot have been presented at the meeting of ${meetingDay}`,
      'meetingId',
    );
    this.apply({
      type: 'ReportPresented',
      data: { requestId: this.id, meetingId: meeting.meetingId, effectiveOn: meeting.date },
    });
  }

  recordComment(input: { commentId: string; text: string; effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'record-proceedings');
    const effectiveOn = this.proceedingsOn(input.effectiveOn, by);
    const commentId = requireId(LIMITS.recordId, input.commentId, 'commentId');
    if (this.comments.some((comment) => comment.commentId === commentId))
      throw new DomainError('report-request.comment-exists', 'That comment is already recorded', 'conflict');
    this.apply({
      type: 'CommissionCommentRecorded',
      data: {
        requestId: this.id,
        commentId,
        text: requireText(LIMITS.comment, input.text, 'text'),
        effectiveOn,
      },
    });
  }

  makeRecommendation(
    input: { recommendationId: string; text: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'record-proceedings');
    const effectiveOn = this.proceedingsOn(input.effectiveOn, by);
    const recommendationId = requireId(LIMITS.recordId, input.recommendationId, 'recommendationId');
    if (this.recommendation(recommendationId))
      throw new DomainError(
        'report-request.recommendation-exists',
        'That recommendation is already recorded',
        'conflict',
      );
    if (this.recommendations.length >= LIMITS.recommendations)
      refuse(
        'report-request.too-many-recommendations',
        `At most ${LIMITS.recommendations} recommendations`,
        'recommendationId',
      );
    this.apply({
      type: 'RecommendationMade',
      data: {
        requestId: this.id,
        recommendationId,
        number: this.recommendations.length + 1,
        text: requireText(LIMITS.recommendation, input.text, 'text'),
        effectiveOn,
      },
    });
  }

  /** The executive's one response to a recommendation, with its reasons, whatever it is. */
  respond(
    input: {
      recommendationId: string;
      response: string;
      reasons: string;
      respondedBy: string;
      effectiveOn?: string | null;
    },
    by: Acting,
  ): void {
    assertMay(by.actor, 'respond-to-recommendations');
    const recommendation = this.existingRecommendation(input.recommendationId);
    if (recommendation.response)
      refuse(
        'report-request.already-responded',
        `The executive responded to recommendation ${recommendation.number} on ${longDate(recommendation.response.on)}`,
        'recommendationId',
      );
    const response = requireOneOf(
      RESPONSES,
      input.response,
      'report-request.response-invalid',
      'The response',
      'response',
    );
    const reasons = requireText(LIMITS.responseReasons, input.reasons, 'reasons');
    const respondedBy = requireText(LIMITS.respondedBy, input.respondedBy, 'respondedBy');
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    refuseIfBefore(
      effectiveOn,
      recommendation.madeOn,
      'report-request.response-before-recommendation',
      (made, on) =>
        `Recommendation ${recommendation.number} was made on ${made}: it cannot have been answered on ${on}`,
    );
    this.apply({
      type: 'ExecutiveResponded',
      data: {
        requestId: this.id,
        recommendationId: recommendation.recommendationId,
        response,
        reasons,
        respondedBy,
        effectiveOn,
      },
    });
  }

  /** A recommendation the executive accepted, wholly or in part, may become an action of the strategy. */
  linkAction(
    input: { recommendationId: string; actionId: string; effectiveOn?: string | null },
    by: Acting,
  ): void {
    assertMay(by.actor, 'respond-to-recommendations');
    const recommendation = this.existingRecommendation(input.recommendationId);
    const { response } = recommendation;
    if (!response || response.response === 'rejected')
      refuse(
        'report-request.recommendation-not-accepted',
        response
          ? `Recommendation ${recommendation.number} was rejected: it does not become an action`
          : `The executive has not responded to recommendation ${recommendation.number} yet`,
        'recommendationId',
      );
    const actionId = requireId(LIMITS.actionId, input.actionId, 'actionId');
    if (recommendation.actionIds.includes(actionId))
      refuse(
        'report-request.action-already-linked',
        'That action is already linked to the recommendation',
        'actionId',
      );
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    refuseIfBefore(
      effectiveOn,
      response.on,
      'report-request.action-before-response',
      (answered, on) =>
        `The executive responded on ${answered}: the recommendation cannot have become an action on ${on}`,
    );
    this.apply({
      type: 'RecommendationBecameAction',
      data: { requestId: this.id, recommendationId: recommendation.recommendationId, actionId, effectiveOn },
    });
  }

  note(input: { effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'record-proceedings');
    this.refuseUnlessAt(['presented'], 'noted');
    this.apply({
      type: 'ReportNoted',
      data: { requestId: this.id, effectiveOn: this.statusChangeOn(input.effectiveOn, by) },
    });
  }

  withdraw(input: { reason: string; effectiveOn?: string | null }, by: Acting): void {
    assertMay(by.actor, 'request-reports');
    this.refuseUnlessAt(['requested', 'in-preparation'], 'withdrawn');
    const reason = requireText(LIMITS.reason, input.reason, 'reason');
    this.apply({
      type: 'ReportRequestWithdrawn',
      data: { requestId: this.id, reason, effectiveOn: this.statusChangeOn(input.effectiveOn, by) },
    });
  }

  recommendation(recommendationId: string): Recommendation | undefined {
    return this.recommendations.find((candidate) => candidate.recommendationId === recommendationId);
  }

  private existingRecommendation(recommendationId: string): Recommendation {
    const recommendation = this.recommendation(recommendationId);
    if (!recommendation)
      refuse('report-request.recommendation-unknown', 'No such recommendation', 'recommendationId');
    return recommendation;
  }

  private parametersOf(raw: IssueReportInput['parameters'], issuedOn: IsoDate): ReportParameters {
    if (typeof raw !== 'object' || raw === null)
      refuse(
        'report-request.parameters-required',
        'Give the parameters the report was rendered with',
        'parameters',
      );
    const same = (field: 'strategyId' | 'periodFrom' | 'periodTo', asked: string) => {
      if (raw[field] !== asked)
        refuse(
          'report-request.parameters-differ',
          `The commission asked for ${field} ${asked}; the report must answer that`,
          `parameters.${field}`,
        );
      return asked;
    };
    const asKnownAt = typeof raw.asKnownAt === 'string' ? raw.asKnownAt.trim() : '';
    const moment = new Date(asKnownAt);
    if (
      !INSTANT.test(asKnownAt) ||
      Number.isNaN(moment.getTime()) ||
      moment.toISOString().slice(0, 19) !== asKnownAt.slice(0, 19)
    )
      refuse(
        'report-request.as-known-at-invalid',
        'The moment it is as known at is an ISO 8601 UTC instant, such as 2024-05-01T09:00:00Z',
        'parameters.asKnownAt',
      );
    if (dateInCouncil(moment) > issuedOn)
      refuse(
        'report-request.as-known-at-after-issue',
        'A report is as known at a moment no later than the day it is issued',
        'parameters.asKnownAt',
      );
    return {
      definition: requireText(LIMITS.definition, raw.definition, 'parameters.definition'),
      strategyId: same('strategyId', this.strategyId),
      periodFrom: same('periodFrom', this.periodFrom),
      periodTo: same('periodTo', this.periodTo),
      asKnownAt: moment.toISOString(),
    };
  }

  private refuseUnlessAt(statuses: readonly ReportRequestStatus[], becoming: string): void {
    if (!this.exists) refuse('report-request.unknown', 'No such report request');
    if (!statuses.includes(this.status))
      refuse(
        `report-request.${this.status}`,
        `This report request is ${this.status.replace('-', ' ')}: only one ${statuses.join(' or ').replace('-', ' ')} can be ${becoming}`,
      );
  }

  /** Today or earlier, no earlier than its last change of status. */
  private statusChangeOn(value: unknown, by: Acting, field = 'effectiveOn'): IsoDate {
    const on = effectiveDay(value, by.today, field);
    refuseIfBefore(
      on,
      this.statusSince,
      `report-request.before-${this.status}`,
      (since, day) =>
        `The request became ${this.status.replace('-', ' ')} on ${since}: this cannot happen before then, on ${day}`,
      field,
    );
    return on;
  }

  /** Comments and recommendations come once it was presented, on or after that meeting; entering them after it was noted is allowed. */
  private proceedingsOn(value: unknown, by: Acting): IsoDate {
    if (!this.exists) refuse('report-request.unknown', 'No such report request');
    if (!this.presentedAt)
      refuse(
        'report-request.not-presented',
        'Comments and recommendations are recorded once the report has been presented to the commission',
      );
    const on = effectiveDay(value, by.today);
    refuseIfBefore(
      on,
      this.presentedAt.on,
      'report-request.before-presented',
      (presented, day) =>
        `The report was presented on ${presented}: the commission said nothing of it on ${day}`,
    );
    return on;
  }

  private changeRecommendation(
    recommendationId: string,
    change: (recommendation: Recommendation) => Recommendation,
  ): void {
    this.recommendations = this.recommendations.map((recommendation) =>
      recommendation.recommendationId === recommendationId ? change(recommendation) : recommendation,
    );
  }

  private moveTo(status: ReportRequestStatus, on: IsoDate): void {
    this.status = status;
    this.statusSince = on;
  }

  protected onReportRequested({ data }: ReportRequested): void {
    this.commissionId = data.commissionId;
    this.meetingId = data.meetingId;
    this.strategyId = data.strategyId;
    this.periodFrom = data.periodFrom;
    this.periodTo = data.periodTo;
    this.moveTo('requested', data.effectiveOn);
  }

  protected onReportPreparationStarted({ data }: ReportPreparationStarted): void {
    this.moveTo('in-preparation', data.effectiveOn);
  }

  protected onReportIssued({ data }: ReportIssued): void {
    this.issued = data;
    this.moveTo('issued', data.effectiveOn);
  }

  protected onReportPresented({ data }: ReportPresented): void {
    this.presentedAt = { meetingId: data.meetingId, on: data.effectiveOn };
    this.moveTo('presented', data.effectiveOn);
  }

  protected onCommissionCommentRecorded({ data }: CommissionCommentRecorded): void {
    this.comments.push({ commentId: data.commentId, text: data.text, on: data.effectiveOn });
  }

  protected onRecommendationMade({ data }: RecommendationMade): void {
    this.recommendations.push({
      recommendationId: data.recommendationId,
      number: data.number,
      text: data.text,
      madeOn: data.effectiveOn,
      response: null,
      actionIds: [],
    });
  }

  protected onExecutiveResponded({ data }: ExecutiveResponded): void {
    this.changeRecommendation(data.recommendationId, (recommendation) => ({
      ...recommendation,
      response: {
        response: data.response,
        reasons: data.reasons,
        respondedBy: data.respondedBy,
        on: data.effectiveOn,
      },
    }));
  }

  protected onRecommendationBecameAction({ data }: RecommendationBecameAction): void {
    this.changeRecommendation(data.recommendationId, (recommendation) => ({
      ...recommendation,
      actionIds: [...recommendation.actionIds, data.actionId],
    }));
  }

  protected onReportNoted({ data }: ReportNoted): void {
    this.moveTo('noted', data.effectiveOn);
  }

  protected onReportRequestWithdrawn({ data }: ReportRequestWithdrawn): void {
    this.moveTo('withdrawn', data.effectiveOn);
  }
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'boolean') refuse('report-request.flag-invalid', 'true or false', field);
  return value;
}

/** Standard base64 with padding that decodes to exactly `bytes` bytes, as the ledger writes it. */
function isBase64Of(value: unknown, bytes: number): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64');
  return decoded.length === bytes && decoded.toString('base64') === value;
}

function treeHeadOf(raw: IssueReportInput['treeHead']): SignedTreeHead {
  const invalid = (field: string, message: string): never =>
    refuse('report-request.tree-head-invalid', message, `treeHead.${field}`);
  if (typeof raw !== 'object' || raw === null)
    invalid('treeSize', 'Give the signed tree head the report rests on');
  if (!Number.isSafeInteger(raw.treeSize) || raw.treeSize < 1)
    invalid('treeSize', 'The tree size is a whole number of events, at least 1');
  if (!isBase64Of(raw.rootHash, SHA256_BYTES))
    invalid('rootHash', 'The root hash is 32 bytes in standard base64');
  const timestamp = new Date(typeof raw.timestamp === 'string' ? raw.timestamp : '');
  if (Number.isNaN(timestamp.getTime()) || timestamp.toISOString() !== raw.timestamp)
    invalid(
      'timestamp',
      'The timestamp is an ISO 8601 UTC instant with milliseconds, as the ledger signs it',
    );
  if (!isBase64Of(raw.signature, ED25519_SIGNATURE_BYTES))
    invalid('signature', 'The signature is 64 bytes (Ed25519) in standard base64');
  return {
    treeSize: raw.treeSize,
    rootHash: raw.rootHash,
    timestamp: raw.timestamp,
    signature: raw.signature,
  };
}

function renderingsOf(raw: IssueReportInput['renderings']): Rendering[] {
  const names = new Set<string>();
  return requireCount(LIMITS.renderings, raw, 'renderings').map((rendering, index) => {
    const field = `renderings[${index}]`;
    const name = requireText(LIMITS.renderingName, rendering?.name, `${field}.name`);
    if (!FILE_NAME.test(name))
      refuse(
        'report-request.rendering-name-invalid',
        'A file name in lower case: letters, digits, ".", "_" or "-"',
        `${field}.name`,
      );
    if (names.has(name))
      refuse('report-request.rendering-repeated', 'Each rendering has its own name', `${field}.name`);
    names.add(name);
    const mediaType = requireOneOf(
      RENDERING_MEDIA_TYPES,
      rendering.mediaType,
      'report-request.media-type-invalid',
      'The media type',
      `${field}.mediaType`,
    );
    const sha256 = typeof rendering.sha256 === 'string' ? rendering.sha256.trim().toLowerCase() : '';
    if (!SHA256_HEX.test(sha256))
      refuse('report-request.digest-invalid', 'A SHA-256 digest is 64 hexadecimal digits', `${field}.sha256`);
    if (!Number.isSafeInteger(rendering.bytes) || rendering.bytes < 1)
      refuse(
        'report-request.size-invalid',
        'The size is a whole number of bytes, at least 1',
        `${field}.bytes`,
      );
    return { name, mediaType, sha256, bytes: rendering.bytes };
  });
}
