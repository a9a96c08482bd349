import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { countsOf, FREE_FORM_OBJECT } from '../../common/http/api-docs.js';
import { ROLES } from '../../common/domain/actor.js';
import { TimeCutResponse } from '../../common/http/time-cut.js';
import { ACTION_STATUSES, PLEDGE_STATUSES, RAGS, STRATEGY_STATUSES } from '../domain/values.js';

/** What the strategy reads answer, as the OpenAPI document describes them. */

const DATE = { type: 'string', format: 'date', example: '2024-06-30' } as const;
const NULLABLE_DATE = { ...DATE, nullable: true } as const;
const VERSION = {
  type: 'integer',
  minimum: 1,
  description: 'Send as If-Match with a change',
  example: 4,
} as const;
const UPDATED_AT = {
  type: 'string',
  format: 'date-time',
  description: 'When its last change was recorded',
} as const;

export class ThemeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
}

export class StrategyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty(DATE) periodStart!: string;
  @ApiProperty(DATE) periodEnd!: string;
  @ApiProperty({ enum: STRATEGY_STATUSES }) status!: string;
  @ApiProperty({ type: [ThemeResponse], description: 'In their order' }) themes!: ThemeResponse[];
  @ApiProperty(VERSION) version!: number;
  @ApiProperty(UPDATED_AT) updatedAt!: string;
}

export class RollUpResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty(countsOf(ACTION_STATUSES)) byStatus!: Record<string, number>;
  @ApiProperty({
    ...countsOf([...RAGS, 'none']),
    description: 'Open actions only (a closed one is not rated); `none`: no update logged yet',
  })
  byRag!: Record<string, number>;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Open and past their current due date' })
  overdue!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Due later than their baseline' })
  slipped!: number;
}

export class PartnerResponse {
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ description: 'org-id.guide identifier', example: 'GB-CHC-1084520' }) orgId?: string;
}

export class MilestoneResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty(DATE) dueDate!: string;
  @ApiProperty({ ...NULLABLE_DATE, description: 'Not achieved yet: null' }) achievedOn!: string | null;
}

export class PledgeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) strategyId!: string;
  @ApiProperty({ format: 'uuid' }) themeId!: string;
  @ApiProperty({ example: 'P3' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) principles!: string[];
  @ApiProperty({ description: 'Who leads the pledge' }) lead!: string;
  @ApiProperty({ enum: PLEDGE_STATUSES }) status!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it was concluded or withdrawn' })
  statusReason!: string | null;
  @ApiProperty(VERSION) version!: number;
  @ApiProperty(UPDATED_AT) updatedAt!: string;
}

export class ActionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) strategyId!: string;
  @ApiProperty({ format: 'uuid' }) themeId!: string;
  @ApiProperty({ format: 'uuid' }) pledgeId!: string;
  @ApiProperty({ example: 'A3.2' }) reference!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) leadOfficerId!: string;
  @ApiProperty() leadOfficerName!: string;
  @ApiProperty({ type: [PartnerResponse] }) partners!: PartnerResponse[];
  @ApiProperty({ ...DATE, description: 'The start date it was planned with' }) baselineStart!: string;
  @ApiProperty({ ...DATE, description: 'The due date it was planned with' }) baselineDue!: string;
  @ApiProperty({ ...DATE, description: 'The due date now, after any revision' }) currentDue!: string;
  @ApiProperty({ type: [MilestoneResponse] }) milestones!: MilestoneResponse[];
  @ApiProperty({ enum: ACTION_STATUSES }) status!: string;
  @ApiProperty({ enum: [...RAGS, null], nullable: true, description: 'No update logged yet: null' })
  rag!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percentComplete!: number;
  @ApiProperty({ type: 'string', nullable: true }) latestNarrative!: string | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'The day the latest update describes' })
  lastProgressOn!: string | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'Completed, cancelled or deferred on' })
  closedOn!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) updatesLogged!: number;
  @ApiProperty({ description: 'Open and past its current due date on the day asked about' })
  overdue!: boolean;
  @ApiProperty({ description: 'Due later than its baseline' }) slipped!: boolean;
  @ApiProperty(VERSION) version!: number;
  @ApiProperty(UPDATED_AT) updatedAt!: string;
}

export class ActionResponse extends ActionSummaryResponse {
  @ApiProperty({ type: PledgeResponse }) pledge!: PledgeResponse;
  @ApiProperty() strategyTitle!: string;
  @ApiProperty({ enum: STRATEGY_STATUSES }) strategyStatus!: string;
  @ApiProperty() themeTitle!: string;
}

export class MyActionResponse extends ActionSummaryResponse {
  @ApiProperty() strategyTitle!: string;
  @ApiProperty({ example: 'P3' }) pledgeReference!: string;
  @ApiProperty() pledgeTitle!: string;
}

export class PledgeDetailResponse extends PledgeResponse {
  @ApiProperty({ enum: STRATEGY_STATUSES }) strategyStatus!: string;
  @ApiProperty({ type: RollUpResponse }) rollUp!: RollUpResponse;
  @ApiProperty({ type: [ActionSummaryResponse] }) actions!: ActionSummaryResponse[];
}

export class OverviewPledgeResponse extends PledgeResponse {
  @ApiProperty({ type: RollUpResponse }) rollUp!: RollUpResponse;
  @ApiProperty({ type: [ActionSummaryResponse], description: 'Those that pass the filters' })
  actions!: ActionSummaryResponse[];
}

export class OverviewThemeResponse extends ThemeResponse {
  @ApiProperty({ type: RollUpResponse }) rollUp!: RollUpResponse;
  @ApiProperty({ type: [OverviewPledgeResponse] }) pledges!: OverviewPledgeResponse[];
}

export class OverviewFiltersResponse {
  @ApiPropertyOptional({ format: 'uuid' }) themeId?: string;
  @ApiPropertyOptional({ enum: ACTION_STATUSES }) status?: string;
  @ApiPropertyOptional({ enum: RAGS }) rag?: string;
  @ApiPropertyOptional({ format: 'uuid' }) leadOfficerId?: string;
}

export class StrategyOverviewResponse {
  @ApiProperty({ type: StrategyResponse }) strategy!: StrategyResponse;
  @ApiProperty({ ...DATE, description: 'The day overdue is counted against' }) asOf!: string;
  @ApiProperty({ type: OverviewFiltersResponse, description: 'The filters applied' })
  filters!: OverviewFiltersResponse;
  @ApiProperty({ type: RollUpResponse, description: 'Every action that passes the filters' })
  rollUp!: RollUpResponse;
  @ApiProperty({ type: [OverviewThemeResponse] }) themes!: OverviewThemeResponse[];
}

export class TimelineEntryResponse {
  @ApiProperty({ pattern: '^\\d+$', description: 'Where the event is in the store' }) globalPosition!: string;
  @ApiProperty({ format: 'uuid' }) actionId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The action version it made' }) version!: number;
  @ApiProperty({ example: 'ActionProgressLogged' }) eventType!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: "The event's data: what changed" })
  details!: Record<string, unknown>;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorName!: string;
  @ApiProperty({ enum: [...ROLES, 'system'] }) actorRole!: string;
  @ApiProperty({ type: 'string', nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When it was recorded' })
  recordedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When it took effect' })
  effectiveAt!: string;
}

export class StrategyOverviewAtResponse extends StrategyOverviewResponse {
  @ApiProperty({ type: TimeCutResponse }) cut!: TimeCutResponse;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events replayed to build it' })
  eventsReplayed!: number;
}
