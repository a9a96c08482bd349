import type { RecordedEvent } from '../../../libs/event-store/index.js';
import type { SignedTreeHead } from '../../../libs/ledger/index.js';
import type { IsoDate } from '../../common/domain/dates.js';
import { CouncilRules } from '../domain/council-rules.aggregate.js';
import type { CouncilRulesEvent } from '../domain/council-rules.events.js';
import { inEffectFrom, type DecisionTimeline } from '../domain/decision-effect.js';
import type { DecisionEvent } from '../domain/decision.events.js';
import type {
  ReportRequestEvent,
  Rendering,
  ReportParameters,
  Response,
} from '../domain/report-request.events.js';
import type { CommissionMeeting, CommissionMember } from '../domain/scrutiny-commission.aggregate.js';
import type { ScrutinyCommissionEvent } from '../domain/scrutiny-commission.events.js';
import type {
  Alternative,
  CallInExemption,
  DecisionMaker,
  DecisionStage,
  DeclaredInterest,
  FinancialEffect,
  ForwardPlanNotice,
  KeyDecision,
  Resolution,
  Urgency,
} from '../domain/values.js';
import type { NamedDay } from '../domain/working-days.js';

/**
 * How one entity's row changes with each event of its stream: pure, so a projection, an entity's
 * history field by field, and its state "as known at" or "as effective at" a moment are all built
 * from the same functions. Columns are snake_case like every read model; `version` and
 * `updated_at` are the projection's to stamp.
 */
type Recorded<E> = E extends { type: infer T extends string; data: infer D } ? RecordedEvent<T, D> : never;

export interface DecisionRow {
  id: string;
  reference: string | null;
  title: string;
  maker_kind: DecisionMaker['kind'];
  maker: DecisionMaker;
  taken_on: IsoDate;
  meeting: { name: string; item: string | null } | null;
  resolutions: Resolution[];
  reasons: string;
  alternatives_rejected: Alternative[];
  interests: DeclaredInterest[];
  financial_effect: FinancialEffect | null;
  wards_significantly_affected: string[];
  is_key_decision: boolean;
  key_decision: KeyDecision | null;
  notice: ForwardPlanNotice | null;
  urgency: Urgency | null;
  published_on: IsoDate;
  call_in_closes_on: IsoDate | null;
  call_in_working_days: number | null;
  call_in_exemption: CallInExemption | null;
  /** The day it comes into force if not called in, as computed on publication. */
  takes_effect_on: IsoDate;
  stage: DecisionStage;
  called_in: { on: IsoDate; by: string[]; reasons: string; commission_id: string | null } | null;
  referred_back: { on: IsoDate; by: string; concerns: string } | null;
  outcome: {
    kind: 'confirmed' | 'amended' | 'rescinded';
    on: IsoDate;
    by: string | null;
    reasons: string;
  } | null;
  /** Every earlier version of the resolutions an amendment replaced, oldest first. */
  superseded_resolutions: { until: IsoDate; resolutions: Resolution[] }[];
  /** The day it came or comes into force as its record stands; null while suspended, or if rescinded. */
  in_effect_from: IsoDate | null;
}

export interface ScrutinyCommissionRow {
  id: string;
  name: string;
  remit: string;
  established_on: IsoDate;
  dissolved_on: IsoDate | null;
  dissolution_reason: string | null;
  /** Every membership, current (stoodDownOn null) and past. */
  members: CommissionMember[];
  meetings: (CommissionMeeting & { cancellation_reason: string | null })[];
}

export interface RecommendationRow {
  recommendation_id: string;
  number: number;
  text: string;
  made_on: IsoDate;
  response: { response: Response; reasons: string; responded_by: string; on: IsoDate } | null;
  action_ids: string[];
}

export interface ReportRequestRow {
  id: string;
  commission_id: string;
  meeting_id: string;
  strategy_id: string;
  period_from: IsoDate;
  period_to: IsoDate;
  include_funds: boolean;
  include_partnerships: boolean;
  question: string;
  status: string;
  status_since: IsoDate;
  requested_on: IsoDate;
  prepared_by: string | null;
  issued: {
    on: IsoDate;
    parameters: ReportParameters;
    position: string;
    tree_head: SignedTreeHead;
    renderings: Rendering[];
  } | null;
  presented: { meeting_id: string; on: IsoDate } | null;
  noted_on: IsoDate | null;
  withdrawn: { on: IsoDate; reason: string } | null;
  comments: { comment_id: string; text: string; on: IsoDate }[];
  recommendations: RecommendationRow[];
}

export interface CouncilRulesRow {
  id: string;
  closure_days: (NamedDay & { reason: string | null; added_on: IsoDate })[];
  recorded_years: { year: number; days: NamedDay[]; source: string }[];
  call_in_periods: { working_days: number; from: IsoDate }[];
  key_decision_thresholds: { pence: number; from: IsoDate }[];
}

/** The timeline `decisionEffectOn` reads, from a decision's row. */
export function decisionTimelineOf(row: DecisionRow): DecisionTimeline {
  return {
    decisionId: row.id,
    title: row.title,
    publishedOn: row.published_on,
    callInClosesOn: row.call_in_closes_on,
    exemption: row.call_in_exemption,
    takesEffectOn: row.takes_effect_on,
    calledInOn: row.called_in?.on ?? null,
    referredBackOn: row.referred_back?.on ?? null,
    outcome: row.outcome && { kind: row.outcome.kind, on: row.outcome.on },
    authorises: row.resolutions.flatMap((resolution) =>
      resolution.authorises.map(({ kind, id }) => ({ kind, id })),
    ),
  };
}

export function foldDecision(
  row: DecisionRow | undefined,
  event: Recorded<DecisionEvent>,
): DecisionRow | undefined {
  if (event.type === 'DecisionPublished') {
    const d = event.data;
    return withEffect({
      id: d.decisionId,
      reference: d.reference,
      title: d.title,
      maker_kind: d.maker.kind,
      maker: d.maker,
      taken_on: d.takenOn,
      meeting: d.meeting,
      resolutions: d.resolutions,
      reasons: d.reasons,
      alternatives_rejected: d.alternativesRejected,
      interests: d.interests,
      financial_effect: d.financialEffect,
      wards_significantly_affected: d.wardsSignificantlyAffected,
      is_key_decision: d.keyDecision !== null,
      key_decision: d.keyDecision,
      notice: d.notice,
      urgency: d.urgency,
      published_on: d.effectiveOn,
      call_in_closes_on: d.callIn.window?.closesOn ?? null,
      call_in_working_days: d.callIn.window?.workingDays ?? null,
      call_in_exemption: d.callIn.exemption,
      takes_effect_on: d.takesEffectOn,
      stage: 'published',
      called_in: null,
      referred_back: null,
      outcome: null,
      superseded_resolutions: [],
      in_effect_from: null,
    });
  }
  if (!row) return undefined;
  const on = event.data.effectiveOn;
  switch (event.type) {
    case 'DecisionCalledIn':
      return withEffect({
        ...row,
        stage: 'called-in',
        called_in: {
          on,
          by: event.data.calledInBy,
          reasons: event.data.reasons,
          commission_id: event.data.commissionId,
        },
      });
    case 'DecisionReferredBack':
      return withEffect({
        ...row,
        stage: 'referred-back',
        referred_back: { on, by: event.data.referredBy, concerns: event.data.concerns },
      });
    case 'DecisionConfirmed':
      return withEffect({
        ...row,
        stage: 'confirmed',
        outcome: { kind: 'confirmed', on, by: event.data.confirmedBy, reasons: event.data.reasons },
      });
    case 'DecisionAmended':
      return withEffect({
        ...row,
        stage: 'amended',
        resolutions: event.data.resolutions,
        superseded_resolutions: [
          ...row.superseded_resolutions,
          { until: on, resolutions: event.data.previousResolutions },
        ],
        outcome: { kind: 'amended', on, by: 'decision-maker', reasons: event.data.reasons },
      });
    case 'DecisionRescinded':
      return withEffect({
        ...row,
        stage: 'rescinded',
        outcome: { kind: 'rescinded', on, by: 'decision-maker', reasons: event.data.reasons },
      });
  }
}

function withEffect(row: DecisionRow): DecisionRow {
  return { ...row, in_effect_from: inEffectFrom(decisionTimelineOf(row)) };
}

export function foldScrutinyCommission(
  row: ScrutinyCommissionRow | undefined,
  event: Recorded<ScrutinyCommissionEvent>,
): ScrutinyCommissionRow | undefined {
  if (event.type === 'ScrutinyCommissionEstablished')
    return {
      id: event.data.commissionId,
      name: event.data.name,
      remit: event.data.remit,
      established_on: event.data.effectiveOn,
      dissolved_on: null,
      dissolution_reason: null,
      members: [],
      meetings: [],
    };
  if (!row) return undefined;
  const on = event.data.effectiveOn;
  const member = (memberId: string, change: (member: CommissionMember) => CommissionMember) => ({
    ...row,
    members: row.members.map((m) => (m.memberId === memberId && m.stoodDownOn === null ? change(m) : m)),
  });
  const meeting = (
    meetingId: string,
    change: (meeting: ScrutinyCommissionRow['meetings'][number]) => ScrutinyCommissionRow['meetings'][number],
  ) => ({
    ...row,
    meetings: row.meetings.map((m) => (m.meetingId === meetingId ? change(m) : m)),
  });
  switch (event.type) {
    case 'CommissionRemitChanged':
      return { ...row, name: event.data.name, remit: event.data.remit };
    case 'CommissionMemberAppointed':
      return {
        ...row,
        members: [
          ...row.members,
          {
            memberId: event.data.memberId,
            name: event.data.name,
            role: event.data.role,
            appointedOn: on,
            roleSince: on,
            stoodDownOn: null,
          },
        ],
      };
    case 'CommissionMemberRoleChanged':
      return member(event.data.memberId, (m) => ({ ...m, role: event.data.role, roleSince: on }));
    case 'CommissionMemberStoodDown':
      return member(event.data.memberId, (m) => ({ ...m, stoodDownOn: on }));
    case 'CommissionMeetingScheduled':
      return {
        ...row,
        meetings: [
          ...row.meetings,
          {
            meetingId: event.data.meetingId,
            date: event.data.date,
            title: event.data.title,
            venue: event.data.venue,
            cancelled: false,
            cancellation_reason: null,
            agenda: [],
          },
        ],
      };
    case 'CommissionMeetingRescheduled':
      return meeting(event.data.meetingId, (m) => ({ ...m, date: event.data.date }));
    case 'CommissionMeetingCancelled':
      return meeting(event.data.meetingId, (m) => ({
        ...m,
        cancelled: true,
        cancellation_reason: event.data.reason,
      }));
    case 'AgendaItemAdded': {
      const { itemId, number, title, refersTo } = event.data;
      return meeting(event.data.meetingId, (m) => ({
        ...m,
        agenda: [...m.agenda, { itemId, number, title, refersTo }],
      }));
    }
    case 'ScrutinyCommissionDissolved':
      return { ...row, dissolved_on: on, dissolution_reason: event.data.reason };
  }
}

export function foldReportRequest(
  row: ReportRequestRow | undefined,
  event: Recorded<ReportRequestEvent>,
): ReportRequestRow | undefined {
  const on = event.data.effectiveOn;
  if (event.type === 'ReportRequested') {
    const d = event.data;
    return {
      id: d.requestId,
      commission_id: d.commissionId,
      meeting_id: d.meetingId,
      strategy_id: d.strategyId,
      period_from: d.periodFrom,
      period_to: d.periodTo,
      include_funds: d.includeFunds,
      include_partnerships: d.includePartnerships,
      question: d.question,
      status: 'requested',
      status_since: on,
      requested_on: on,
      prepared_by: null,
      issued: null,
      presented: null,
      noted_on: null,
      withdrawn: null,
      comments: [],
      recommendations: [],
    };
  }
  if (!row) return undefined;
  const recommendation = (recommendationId: string, change: (r: RecommendationRow) => RecommendationRow) => ({
    ...row,
    recommendations: row.recommendations.map((r) =>
      r.recommendation_id === recommendationId ? change(r) : r,
    ),
  });
  switch (event.type) {
    case 'ReportPreparationStarted':
      return { ...row, status: 'in-preparation', status_since: on, prepared_by: event.data.preparedBy };
    case 'ReportIssued': {
      const { parameters, position, treeHead, renderings } = event.data;
      return {
        ...row,
        status: 'issued',
        status_since: on,
        issued: { on, parameters, position, tree_head: treeHead, renderings },
      };
    }
    case 'ReportPresented':
      return {
        ...row,
        status: 'presented',
        status_since: on,
        presented: { meeting_id: event.data.meetingId, on },
      };
    case 'CommissionCommentRecorded':
      return {
        ...row,
        comments: [...row.comments, { comment_id: event.data.commentId, text: event.data.text, on }],
      };
    case 'RecommendationMade':
      return {
        ...row,
        recommendations: [
          ...row.recommendations,
          {
            recommendation_id: event.data.recommendationId,
            number: event.data.number,
            text: event.data.text,
            made_on: on,
            response: null,
            action_ids: [],
          },
        ],
      };
    case 'ExecutiveResponded': {
      const { response, reasons, respondedBy } = event.data;
      return recommendation(event.data.recommendationId, (r) => ({
        ...r,
        response: { response, reasons, responded_by: respondedBy, on },
      }));
    }
    case 'RecommendationBecameAction':
      return recommendation(event.data.recommendationId, (r) => ({
        ...r,
        action_ids: [...r.action_ids, event.data.actionId],
      }));
    case 'ReportNoted':
      return { ...row, status: 'noted', status_since: on, noted_on: on };
    case 'ReportRequestWithdrawn':
      return { ...row, status: 'withdrawn', status_since: on, withdrawn: { on, reason: event.data.reason } };
  }
}

export function foldCouncilRules(
  row: CouncilRulesRow | undefined,
  event: Recorded<CouncilRulesEvent>,
): CouncilRulesRow {
  const current = row ?? {
    id: CouncilRules.ID,
    closure_days: [],
    recorded_years: [],
    call_in_periods: [],
    key_decision_thresholds: [],
  };
  const on = event.data.effectiveOn;
  switch (event.type) {
    case 'CouncilClosureDayAdded': {
      const { day, name, reason } = event.data;
      return {
        ...current,
        closure_days: [...current.closure_days, { day, name, reason, added_on: on }].sort((a, b) =>
          a.day < b.day ? -1 : 1,
        ),
      };
    }
    case 'CouncilClosureDayWithdrawn':
      return {
        ...current,
        closure_days: current.closure_days.filter((closure) => closure.day !== event.data.day),
      };
    case 'BankHolidaysRecorded': {
      const { year, days, source } = event.data;
      return { ...current, recorded_years: [...current.recorded_years, { year, days, source }] };
    }
    case 'CallInPeriodSet':
      return {
        ...current,
        call_in_periods: [...current.call_in_periods, { working_days: event.data.workingDays, from: on }],
      };
    case 'KeyDecisionThresholdSet':
      return {
        ...current,
        key_decision_thresholds: [...current.key_decision_thresholds, { pence: event.data.pence, from: on }],
      };
  }
}

type Fold = (
  row: Record<string, unknown> | undefined,
  event: RecordedEvent,
) => Record<string, unknown> | undefined;

/**
 * Each entity of the context by its stream type, with its fold: what the registry's entity kinds
 * will list for histories and "as known at / as effective at" states.
 */
export const GOVERNANCE_ENTITY_FOLDS = {
  decision: foldDecision,
  'scrutiny-commission': foldScrutinyCommission,
  'report-request': foldReportRequest,
  'council-rules': foldCouncilRules,
} as unknown as Record<'decision' | 'scrutiny-commission' | 'report-request' | 'council-rules', Fold>;
