/**
 * The governance context's public face: what other contexts may import. Funding and strategy call
 * `refuseUnlessDecisionInEffect` (or `decisionEffectOn`) with a decision's timeline, from the
 * aggregate (`decision.timeline`) or a row (`decisionTimelineOf`), and condition their append on the
 * decision's stream (`decision-<id>`) at the version they read.
 */
export { CouncilRules, DEFAULT_CALL_IN_WORKING_DAYS } from './domain/council-rules.aggregate.js';
export type { CouncilRulesEvent } from './domain/council-rules.events.js';
export {
  decisionEffectOn,
  decisionStatusOn,
  inEffectFrom,
  refuseUnlessDecisionInEffect,
  type DecisionEffect,
  type DecisionTimeline,
  type EffectBasis,
  type NotInEffectReason,
} from './domain/decision-effect.js';
export { Decision, type PublishDecisionInput, type ResolutionInput } from './domain/decision.aggregate.js';
export type { DecisionEvent } from './domain/decision.events.js';
export { GovernancePolicy } from './domain/policy.js';
export {
  ReportRequest,
  type IssueReportInput,
  type StrategyFacts,
} from './domain/report-request.aggregate.js';
export type { Rendering, ReportParameters, ReportRequestEvent } from './domain/report-request.events.js';
export { ScrutinyCommission } from './domain/scrutiny-commission.aggregate.js';
export type { ScrutinyCommissionEvent } from './domain/scrutiny-commission.events.js';
export { AUTHORISES, type EntityRef, type LinkKind } from './domain/values.js';
export { callInWindow, dayAfterWindow, WorkingCalendar, type CallInWindow } from './domain/working-days.js';
export {
  decisionTimelineOf,
  foldCouncilRules,
  foldDecision,
  foldReportRequest,
  foldScrutinyCommission,
  GOVERNANCE_ENTITY_FOLDS,
  type CouncilRulesRow,
  type DecisionRow,
  type ReportRequestRow,
  type ScrutinyCommissionRow,
} from './projections/governance.folds.js';
