import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { CommandContext, CommandResult } from '../../../common/domain/actor.js';
import { Clock } from '../../../common/domain/clock.js';
import { dateInCouncil } from '../../../common/domain/dates.js';
import { AggregateRepository } from '../../../common/persistence/aggregate-repository.js';
import { Strategy } from '../../domain/strategy.aggregate.js';
import { requireAdmin } from '../change-handlers.js';
import type { DraftStrategyRequest } from './draft-strategy.request.js';

export class DraftStrategy extends Command<CommandResult> {
  constructor(
    readonly request: DraftStrategyRequest,
    readonly context: CommandContext,
    readonly strategyId: string = uuidv7(),
  ) {
    super();
  }
}

@CommandHandler(DraftStrategy)
export class DraftStrategyHandler implements ICommandHandler<DraftStrategy, CommandResult> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context, strategyId }: DraftStrategy): Promise<CommandResult> {
    requireAdmin(context.actor, 'strategy');
    const strategy = new Strategy(strategyId);
    strategy.draft({ description: '', ...request }, dateInCouncil(this.clock.now()));
    return this.repository.save(strategy, context);
  }
}
