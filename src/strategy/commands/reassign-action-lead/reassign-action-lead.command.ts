import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../common/domain/actor.js';
import { Clock } from '../../../common/domain/clock.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import { AggregateRepository } from '../../../common/persistence/aggregate-repository.js';
import type { Action } from '../../domain/action.aggregate.js';
import { ActionChangeHandler, ActionCommand, requireAdmin, type Recorded } from '../change-handlers.js';
import { LeadOfficers } from '../lead-officers.js';
import type { ReassignActionLeadRequest } from './reassign-action-lead.request.js';

export class ReassignActionLead extends ActionCommand {
  constructor(
    actionId: string,
    readonly request: ReassignActionLeadRequest,
    context: CommandContext,
  ) {
    super(actionId, context);
  }
}

@CommandHandler(ReassignActionLead)
export class ReassignActionLeadHandler extends ActionChangeHandler<ReassignActionLead> {
  constructor(
    repository: AggregateRepository,
    clock: Clock,
    private readonly leads: LeadOfficers,
  ) {
    super(repository, clock);
  }

  protected async decide(
    action: Action,
    { request, context }: ReassignActionLead,
    today: IsoDate,
  ): Promise<Recorded> {
    requireAdmin(context.actor, 'action lead');
    await this.leads.assertCanLead(request.leadOfficerId, 'leadOfficerId');
    action.reassignLead(request, today);
    return { reason: request.reason };
  }
}
