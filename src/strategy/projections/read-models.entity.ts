import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Milestone, PartnerOrganisation, Rag } from '../domain/values.js';

/** Read models: filled only by the projections in this folder, read by the queries. */

@Entity({ name: 'rm_strategies' })
export class StrategyView {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('date', { name: 'period_start' }) periodStart!: string;
  @Column('date', { name: 'period_end' }) periodEnd!: string;
  @Column('text') status!: string;
  @Column('jsonb') themes!: { id: string; title: string; description: string }[];
  @Column('bigint', { transformer: { from: Number, to: String } }) version!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'rm_pledges' })
export class PledgeView {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'strategy_id' }) strategyId!: string;
  @Column('uuid', { name: 'theme_id' }) themeId!: string;
  @Column('text') reference!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('jsonb') principles!: string[];
  @Column('text') lead!: string;
  @Column('text') status!: string;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column('bigint', { transformer: { from: Number, to: String } }) version!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'rm_actions' })
export class ActionView {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'strategy_id' }) strategyId!: string;
  @Column('uuid', { name: 'theme_id' }) themeId!: string;
  @Column('uuid', { name: 'pledge_id' }) pledgeId!: string;
  @Column('text') reference!: string;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('uuid', { name: 'lead_officer_id' }) leadOfficerId!: string;
  @Column('jsonb') partners!: PartnerOrganisation[];
  @Column('date', { name: 'baseline_start' }) baselineStart!: string;
  @Column('date', { name: 'baseline_due' }) baselineDue!: string;
  @Column('date', { name: 'current_due' }) currentDue!: string;
  @Column('jsonb') milestones!: Milestone[];
  @Column('text') status!: string;
  @Column('text', { nullable: true }) rag!: Rag | null;
  @Column('int', { name: 'percent_complete' }) percentComplete!: number;
  @Column('text', { name: 'latest_narrative', nullable: true }) latestNarrative!: string | null;
  @Column('date', { name: 'last_progress_on', nullable: true }) lastProgressOn!: string | null;
  @Column('date', { name: 'closed_on', nullable: true }) closedOn!: string | null;
  @Column('int', { name: 'updates_logged' }) updatesLogged!: number;
  @Column('bigint', { transformer: { from: Number, to: String } }) version!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'rm_action_timeline' })
export class ActionTimelineEntry {
  @PrimaryColumn('bigint', { name: 'global_position', transformer: { from: String, to: String } })
  globalPosition!: string;
  @Column('uuid', { name: 'action_id' }) actionId!: string;
  @Column('bigint', { name: 'stream_version', transformer: { from: Number, to: String } }) version!: number;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('timestamptz', { name: 'effective_at' }) effectiveAt!: Date;
}

export const STRATEGY_READ_MODELS = [StrategyView, PledgeView, ActionView, ActionTimelineEntry];
