import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { CommandContext, CommandResult } from '../../../common/domain/actor.js';
import { Clock } from '../../../common/domain/clock.js';
import { dateInCouncil } from '../../../common/domain/dates.js';
import { AggregateRepository } from '../../../common/persistence/aggregate-repository.js';
import { Action } from '../../domain/action.aggregate.js';
import { actionIdFor } from '../../domain/identities.js';
import { Pledge } from '../../domain/pledge.aggregate.js';
import { Strategy } from '../../domain/strategy.aggregate.js';
import { requireAdmin } from '../change-handlers.js';
import { LeadOfficers } from '../lead-officers.js';
import type { PlanActionRequest } from './plan-action.request.js';

export class PlanAction extends Command<CommandResult> {
  constructor(
    readonly pledgeId: string,
    readonly plan: PlanActionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(PlanAction)
export class PlanActionHandler implements ICommandHandler<PlanAction, CommandResult> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly leads: LeadOfficers,
    private readonly clock: Clock,
  ) {}

  execute(command: PlanAction): Promise<CommandResult> {
    return this.repository.decideAgainIfReadMoved(() => this.decideOnce(command));
  }

  private async decideOnce({ pledgeId, plan, context }: PlanAction): Promise<CommandResult> {
    requireAdmin(context.actor, 'action');
    const pledge = await this.repository.loadExisting(new Pledge(pledgeId), 'pledge');
    const strategy = await this.repository.loadExisting(new Strategy(pledge.strategyId), 'strategy');
    strategy.refuseIfClosed();
    await this.leads.assertCanLead(plan.leadOfficerId, 'leadOfficerId');
    const action = await this.repository.load(new Action(actionIdFor(pledge.strategyId, plan.reference)));
    action.plan(
      pledge,
      {
        ...plan,
        partners: plan.partners ?? [],
        milestones: (plan.milestones ?? []).map((milestone) => ({ id: uuidv7(), ...milestone })),
      },
      dateInCouncil(this.clock.now()),
    );
    // The pledge too: an action is planned only under an active pledge, which a withdrawal ends.
    return this.repository.save(action, context, { readFrom: [strategy, pledge] });
  }
}
