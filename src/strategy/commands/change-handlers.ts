import { Injectable } from '@nestjs/common';
import { Command, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, CommandContext, CommandResult } from '../../common/domain/actor.js';
import { Clock } from '../../common/domain/clock.js';
import { dateInCouncil, type IsoDate } from '../../common/domain/dates.js';
import { forbidden } from '../../common/domain/domain-error.js';
import type { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { AggregateRepository } from '../../common/persistence/aggregate-repository.js';
import { Action } from '../domain/action.aggregate.js';
import { Pledge } from '../domain/pledge.aggregate.js';
import { Strategy } from '../domain/strategy.aggregate.js';

/** A command that changes one existing aggregate, named by id. */
export abstract class ChangeCommand extends Command<CommandResult> {
  constructor(
    readonly targetId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * What a decision tells the record besides its events (which name the day they take effect): the
 * reason given, and the id of what it made inside the aggregate (the command answers with it).
 */
export interface Recorded {
  reason?: string | null;
  answerId?: string;
}

/**
 * Every change to an existing aggregate goes the same way: load it, check the actor may change
 * it, check If-Match, check the strategy it belongs to still takes changes, let the aggregate
 * decide, append at the version loaded while the strategy is still at the version read.
 */
@Injectable()
abstract class ChangeHandler<
  C extends ChangeCommand,
  A extends EventSourcedAggregate,
> implements ICommandHandler<ChangeCommand, CommandResult> {
  protected abstract readonly what: string;

  constructor(
    protected readonly repository: AggregateRepository,
    protected readonly clock: Clock,
  ) {}

  execute(command: C): Promise<CommandResult> {
    return this.repository.decideAgainIfReadMoved(() => this.decideOnce(command));
  }

  private async decideOnce(command: C): Promise<CommandResult> {
    const aggregate = await this.repository.loadExisting(this.create(command.targetId), this.what);
    this.authorize(aggregate, command.context.actor);
    this.repository.assertIfMatch(aggregate, this.what, command.context);
    const strategyId = this.strategyOf(aggregate);
    const strategy =
      strategyId === undefined
        ? undefined
        : await this.repository.loadExisting(new Strategy(strategyId), 'strategy');
    strategy?.refuseIfClosed();
    const recorded = (await this.decide(aggregate, command, dateInCouncil(this.clock.now()))) ?? {};
    return this.repository.save(aggregate, command.context, {
      reason: recorded.reason ?? undefined,
      answerId: recorded.answerId,
      readFrom: strategy ? [strategy] : [],
    });
  }

  protected abstract create(id: string): A;
  protected abstract authorize(aggregate: A, actor: Actor): void;
  /** The strategy whose closing freezes this aggregate; none for a strategy itself. */
  protected strategyOf(_: A): string | undefined {
    return undefined;
  }
  protected abstract decide(
    aggregate: A,
    command: C,
    today: IsoDate,
  ): Recorded | void | Promise<Recorded | void>;
}

export function requireAdmin(actor: Actor, what: string): void {
  if (actor.role !== 'admin' && actor.role !== 'system')
    forbidden(`${what}.admin-only`, `Only an admin can change a ${what}`);
}

export abstract class ActionCommand extends ChangeCommand {}

@Injectable()
export abstract class ActionChangeHandler<C extends ActionCommand> extends ChangeHandler<C, Action> {
  protected readonly what = 'action';
  protected create(id: string): Action {
    return new Action(id);
  }
  protected authorize(action: Action, actor: Actor): void {
    action.assertMayChange(actor);
  }
  protected override strategyOf(action: Action): string {
    return action.strategyId;
  }
}

@Injectable()
export abstract class StrategyChangeHandler<C extends ChangeCommand> extends ChangeHandler<C, Strategy> {
  protected readonly what = 'strategy';
  protected create(id: string): Strategy {
    return new Strategy(id);
  }
  protected authorize(_: Strategy, actor: Actor): void {
    requireAdmin(actor, this.what);
  }
}

@Injectable()
export abstract class PledgeChangeHandler<C extends ChangeCommand> extends ChangeHandler<C, Pledge> {
  protected readonly what = 'pledge';
  protected create(id: string): Pledge {
    return new Pledge(id);
  }
  protected authorize(_: Pledge, actor: Actor): void {
    requireAdmin(actor, this.what);
  }
  protected override strategyOf(pledge: Pledge): string {
    return pledge.strategyId;
  }
}
