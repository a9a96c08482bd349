import type { SignedTreeHead } from '../../../libs/ledger/index.js';
import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';

export const RESPONSES = ['accepted', 'partly-accepted', 'rejected'] as const;
export type Response = (typeof RESPONSES)[number];

export const RENDERING_MEDIA_TYPES = [
  'text/html',
  'application/pdf',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/svg+xml',
] as const;
export type RenderingMediaType = (typeof RENDERING_MEDIA_TYPES)[number];

/** One file of an issued report: its name, what it is, and the SHA-256 of its bytes, in lowercase hex. */
export interface Rendering {
  readonly name: string;
  readonly mediaType: RenderingMediaType;
  readonly sha256: string;
  readonly bytes: number;
}

/** What the report is a pure function of, besides its definition's code: re-rendering from these must give the same bytes. */
export interface ReportParameters {
  readonly definition: string;
  readonly strategyId: string;
  readonly periodFrom: IsoDate;
  readonly periodTo: IsoDate;
  /** The moment it is as known at: an ISO 8601 UTC instant. */
  readonly asKnownAt: string;
}

type Data<D> = { requestId: string; effectiveOn: IsoDate } & D;

export type ReportRequested = DomainEvent<
  'ReportRequested',
  Data<{
    commissionId: string;
    meetingId: string;
    strategyId: string;
    periodFrom: IsoDate;
    periodTo: IsoDate;
    includeFunds: boolean;
    includePartnerships: boolean;
    question: string;
  }>
>;
export type ReportPreparationStarted = DomainEvent<'ReportPreparationStarted', Data<{ preparedBy: string }>>;
/** The report as issued: its parameters, the store position it is as known at, the signed tree head then, each rendering's digest. */
export type ReportIssued = DomainEvent<
  'ReportIssued',
  Data<{ parameters: ReportParameters; position: string; treeHead: SignedTreeHead; renderings: Rendering[] }>
>;
/** `effectiveOn` is the day of the meeting it was presented at. */
export type ReportPresented = DomainEvent<'ReportPresented', Data<{ meetingId: string }>>;
export type CommissionCommentRecorded = DomainEvent<
  'CommissionCommentRecorded',
  Data<{ commentId: string; text: string }>
>;
export type RecommendationMade = DomainEvent<
  'RecommendationMade',
  Data<{ recommendationId: string; number: number; text: string }>
>;
export type ExecutiveResponded = DomainEvent<
  'ExecutiveResponded',
  Data<{ recommendationId: string; response: Response; reasons: string; respondedBy: string }>
>;
export type RecommendationBecameAction = DomainEvent<
  'RecommendationBecameAction',
  Data<{ recommendationId: string; actionId: string }>
>;
export type ReportNoted = DomainEvent<'ReportNoted', Data<object>>;
export type ReportRequestWithdrawn = DomainEvent<'ReportRequestWithdrawn', Data<{ reason: string }>>;

export type ReportRequestEvent =
  | ReportRequested
  | ReportPreparationStarted
  | ReportIssued
  | ReportPresented
  | CommissionCommentRecorded
  | RecommendationMade
  | ExecutiveResponded
  | RecommendationBecameAction
  | ReportNoted
  | ReportRequestWithdrawn;
