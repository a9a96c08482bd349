import type { IsoDate } from '../../common/domain/dates.js';
import { refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { optionalText, requireDate, requireText } from './rules.js';
import type {
  StrategyAdopted,
  StrategyClosed,
  StrategyDrafted,
  StrategyEvent,
  StrategyPutUnderReview,
  ThemeAdded,
  ThemesReordered,
} from './strategy.events.js';
import type { StrategyStatus } from './values.js';

/**
 * A closed strategy takes no further changes, nor does anything under it. The one statement of the
 * rule: the aggregate applies it, and pages that read the strategy's status from a read model ask
 * it too before offering a form.
 */
export function refuseIfStrategyClosed(status: StrategyStatus | string): void {
  if (status === 'closed') refuse('strategy.closed', 'This strategy is closed and takes no further changes');
}

export interface Theme {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/** A VCSE engagement strategy: its period, its status and its ordered themes. */
export class Strategy extends EventSourcedAggregate<StrategyEvent> {
  readonly streamType = 'strategy';
  title = '';
  status: StrategyStatus = 'draft';
  periodStart: IsoDate = '';
  periodEnd: IsoDate = '';
  themes: Theme[] = [];

  draft(input: { title: string; description: string; periodStart: string; periodEnd: string }): void {
    if (this.exists) refuse('strategy.exists', 'This strategy has already been drafted');
    const periodStart = requireDate(input.periodStart, 'periodStart', 'The start of the period');
    const periodEnd = requireDate(input.periodEnd, 'periodEnd', 'The end of the period');
    if (periodEnd <= periodStart)
      refuse('strategy.period-invalid', 'The period must end after it starts', 'periodEnd');
    this.apply({
      type: 'StrategyDrafted',
      data: {
        strategyId: this.id,
        title: requireText(input.title, 'title', 'Title', 200),
        description: optionalText(input.description, 'description', 'Description', 5000) ?? '',
        periodStart,
        periodEnd,
      },
    });
  }

  addTheme(input: { themeId: string; title: string; description: string }): void {
    this.refuseIfClosed();
    const title = requireText(input.title, 'title', 'Theme title', 200);
    if (this.themes.some((theme) => theme.title.toLowerCase() === title.toLowerCase())) {
      refuse('theme.duplicate-title', `This strategy already has a theme called "${title}"`, 'title');
    }
    this.apply({
      type: 'ThemeAdded',
      data: {
        strategyId: this.id,
        themeId: input.themeId,
        title,
        description: optionalText(input.description, 'description', 'Description', 5000) ?? '',
      },
    });
  }

  reorderThemes(themeIds: string[]): void {
    this.refuseIfClosed();
    const current = this.themes.map((theme) => theme.id);
    if (
      themeIds.length !== current.length ||
      new Set(themeIds).size !== current.length ||
      !themeIds.every((id) => current.includes(id))
    ) {
      refuse(
        'theme.order-invalid',
        'The new order must list every theme of this strategy exactly once',
        'themeIds',
      );
    }
    this.apply({ type: 'ThemesReordered', data: { strategyId: this.id, themeIds } });
  }

  adopt(input: { adoptedOn: string; decisionReference?: string | null }): void {
    if (this.status === 'adopted' || this.status === 'closed') {
      refuse('strategy.cannot-adopt', `A strategy that is ${this.status} cannot be adopted`);
    }
    if (this.themes.length === 0)
      refuse('strategy.no-themes', 'A strategy needs at least one theme before it is adopted');
    this.apply({
      type: 'StrategyAdopted',
      data: {
        strategyId: this.id,
        adoptedOn: requireDate(input.adoptedOn, 'adoptedOn', 'The date of adoption'),
        decisionReference: optionalText(
          input.decisionReference,
          'decisionReference',
          'Decision reference',
          100,
        ),
      },
    });
  }

  putUnderReview(reason: string): void {
    if (this.status !== 'adopted')
      refuse('strategy.not-adopted', 'Only an adopted strategy can be put under review');
    this.apply({
      type: 'StrategyPutUnderReview',
      data: { strategyId: this.id, reason: requireText(reason, 'reason', 'Reason') },
    });
  }

  close(reason: string): void {
    this.refuseIfClosed();
    if (this.status === 'draft')
      refuse('strategy.draft', 'A draft strategy cannot be closed; it was never adopted');
    this.apply({
      type: 'StrategyClosed',
      data: { strategyId: this.id, reason: requireText(reason, 'reason', 'Reason') },
    });
  }

  theme(themeId: string): Theme | undefined {
    return this.themes.find((theme) => theme.id === themeId);
  }

  refuseIfClosed(): void {
    refuseIfStrategyClosed(this.status);
  }

  protected onStrategyDrafted({ data }: StrategyDrafted): void {
    this.title = data.title;
    this.periodStart = data.periodStart;
    this.periodEnd = data.periodEnd;
  }

  protected onThemeAdded({ data }: ThemeAdded): void {
    this.themes.push({ id: data.themeId, title: data.title, description: data.description });
  }

  protected onThemesReordered({ data }: ThemesReordered): void {
    this.themes = data.themeIds.map((id) => this.themes.find((theme) => theme.id === id)!);
  }

  protected onStrategyAdopted(_: StrategyAdopted): void {
    this.status = 'adopted';
  }

  protected onStrategyPutUnderReview(_: StrategyPutUnderReview): void {
    this.status = 'under-review';
  }

  protected onStrategyClosed(_: StrategyClosed): void {
    this.status = 'closed';
  }
}
