/**
 * Every limit of the governance context, declared once: the domain enforces them, and the request
 * DTOs and forms will read the same numbers. `thing` names what a refusal is about
 * (`decision.title.too-long`), never a path.
 */
export interface TextLimit {
  readonly thing: string;
  readonly label: string;
  readonly max: number;
}

export interface CountLimit {
  readonly thing: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

const text = (thing: string, label: string, max: number): TextLimit => ({ thing, label, max });
const count = (thing: string, label: string, min: number, max: number): CountLimit => ({
  thing,
  label,
  min,
  max,
});

export const LIMITS = {
  closureName: text('council-rules.closure-name', 'The name of the day', 100),
  holidaySource: text('council-rules.source', 'Where the dates come from', 500),
  yearHolidays: count('council-rules.bank-holidays', 'bank holidays of the year', 1, 15),
  /** A council closure further ahead than this is a typing slip, not a plan. */
  closureHorizonYears: 5,
  callInWorkingDays: { min: 1, max: 20 },

  decisionReference: text('decision.reference', 'The decision’s reference', 100),
  decisionTitle: text('decision.title', 'The title of the decision', 300),
  makerName: text('decision.maker-name', 'The name of the decision maker', 200),
  makerPost: text('decision.maker-post', 'The officer’s post', 200),
  portfolio: text('decision.portfolio', 'The executive member’s portfolio', 200),
  meetingName: text('decision.meeting-name', 'The meeting', 200),
  meetingItem: text('decision.meeting-item', 'The item number', 50),
  resolutions: count('decision.resolutions', 'resolutions', 1, 40),
  resolutionText: text('decision.resolution', 'The resolution', 5000),
  authorises: count('decision.authorises', 'things a resolution authorises', 0, 50),
  entityId: text('decision.entity-id', 'The id of what it authorises', 100),
  delegateTo: text('decision.delegate-to', 'The post authority is delegated to', 200),
  delegationScope: text('decision.delegation-scope', 'What is delegated', 2000),
  consultees: count('decision.consultees', 'people to be consulted', 0, 20),
  consultee: text('decision.consultee', 'A person to be consulted', 200),
  reasons: text('decision.reasons', 'The reasons for the decision', 10000),
  alternatives: count('decision.alternatives', 'alternatives considered', 0, 20),
  alternative: text('decision.alternative', 'The alternative', 2000),
  whyRejected: text('decision.why-rejected', 'Why it was rejected', 2000),
  interests: count('decision.interests', 'declared interests', 0, 60),
  memberName: text('decision.member-name', 'The member’s name', 200),
  interest: text('decision.interest', 'The interest', 2000),
  dispensation: text('decision.dispensation', 'The dispensation', 1000),
  keyDecisionReason: text('decision.key-decision-reason', 'Why it is a key decision', 2000),
  wards: count('decision.wards', 'wards significantly affected', 0, 100),
  chairName: text('decision.chair-name', 'The name of the chair', 200),
  urgencyReason: text('decision.urgency-reason', 'Why it is urgent', 2000),
  callers: count('decision.called-in-by', 'councillors calling it in', 1, 30),
  callerName: text('decision.caller-name', 'A councillor’s name', 200),
  /** The pence a financial effect can be: £10bn, well inside Number.MAX_SAFE_INTEGER. */
  maxPence: 1_000_000_000_000,

  commissionName: text('commission.name', 'The name of the commission', 200),
  remit: text('commission.remit', 'The remit', 5000),
  memberId: text('commission.member-id', 'The member’s id', 100),
  commissionMemberName: text('commission.member-name', 'The member’s name', 200),
  meetingId: text('commission.meeting-id', 'The meeting’s id', 100),
  itemId: text('commission.item-id', 'The agenda item’s id', 100),
  meetingTitle: text('commission.meeting-title', 'The meeting’s title', 200),
  venue: text('commission.venue', 'The venue', 200),
  agendaTitle: text('commission.agenda-item', 'The agenda item', 500),
  agendaItems: 60,
  agendaRef: text('commission.agenda-ref', 'What the item refers to', 100),
  /** A meeting scheduled further ahead than this is a typing slip, not a plan. */
  meetingHorizonYears: 2,

  question: text('report-request.question', 'What the commission asks for', 5000),
  preparedBy: text('report-request.prepared-by', 'Who prepares the report', 100),
  definition: text('report-request.definition', 'The report definition', 100),
  renderings: count('report-request.renderings', 'renderings', 1, 40),
  renderingName: text('report-request.rendering-name', 'The rendering’s file name', 100),
  comment: text('report-request.comment', 'The comment', 10000),
  recommendation: text('report-request.recommendation', 'The recommendation', 5000),
  recommendations: 50,
  recordId: text('report-request.id', 'The id', 100),
  responseReasons: text('report-request.response-reasons', 'The reasons for the response', 5000),
  respondedBy: text('report-request.responded-by', 'Who responded', 200),
  actionId: text('report-request.action-id', 'The action’s id', 100),

  reason: text('reason', 'The reason', 2000),
} as const;
