import { CommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from '../../../common/domain/actor.js';
import type { IsoDate } from '../../../common/domain/dates.js';
import type { Strategy } from '../../domain/strategy.aggregate.js';
import { ChangeCommand, StrategyChangeHandler, type Recorded } from '../change-handlers.js';
import type { AddThemeRequest, ReorderThemesRequest } from './add-theme.request.js';

export class AddTheme extends ChangeCommand {
  constructor(
    strategyId: string,
    readonly request: AddThemeRequest,
    context: CommandContext,
  ) {
    super(strategyId, context);
  }
}

export class ReorderThemes extends ChangeCommand {
  constructor(
    strategyId: string,
    readonly request: ReorderThemesRequest,
    context: CommandContext,
  ) {
    super(strategyId, context);
  }
}

/** Theme titles are unique within a strategy, so the title gives the theme its identity. */
export function themeIdFor(strategyId: string, title: string): string {
  return uuidv5(title.trim().toLowerCase(), strategyId);
}

@CommandHandler(AddTheme)
export class AddThemeHandler extends StrategyChangeHandler<AddTheme> {
  protected decide(strategy: Strategy, { request }: AddTheme, today: IsoDate): Recorded {
    const themeId = themeIdFor(strategy.id, request.title ?? '');
    strategy.addTheme({ themeId, description: '', ...request }, today);
    return { answerId: themeId };
  }
}

@CommandHandler(ReorderThemes)
export class ReorderThemesHandler extends StrategyChangeHandler<ReorderThemes> {
  protected decide(strategy: Strategy, { request }: ReorderThemes, today: IsoDate): void {
    strategy.reorderThemes(request, today);
  }
}
