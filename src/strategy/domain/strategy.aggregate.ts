import type { IsoDate } from '../../common/domain/dates.js';
import { refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { effectiveOnOf } from './effective-dates.js';
import { effectiveDay, optionalText, refuseIfBefore, requireDate, requireText } from './rules.js';
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
import { STRATEGY_STREAM } from './stream-types.js';

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
  /** The day it was added: nothing is made under it before. */
  readonly addedOn: IsoDate;
}

const STATUS_WORDS: Record<StrategyStatus, string> = {
  draft: 'drafted',
  adopted: 'adopted',
  'under-review': 'put under review',
  closed: 'closed',
};

/**
 * A VCSE engagement strategy: its period, its status and its ordered themes.
 *
 * Its changes of status take effect in the order they are recorded, the order its rules were
 * checked in: otherwise "as effective at" a day could show a path the rules never allowed (closed
 * before it was adopted).
 */
export class Strategy extends EventSourcedAggregate<StrategyEvent> {
  readonly streamType = STRATEGY_STREAM;
  title = '';
  status: StrategyStatus = 'draft';
  periodStart: IsoDate = '';
  periodEnd: IsoDate = '';
  themes: Theme[] = [];
  /** The day it was drafted: nothing in it takes effect earlier. */
  draftedOn: IsoDate = '';
  /** The day its current status took effect. */
  statusSince: IsoDate = '';
  /** The latest day a theme was added or the themes reordered. */
  themesChangedOn: IsoDate = '';

  draft(
    input: {
      title: string;
      description: string;
      periodStart: string;
      periodEnd: string;
      effectiveOn?: string;
    },
    today: IsoDate,
  ): void {
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
        effectiveOn: effectiveDay(input.effectiveOn, today, 'The date it was drafted'),
      },
    });
  }

  addTheme(
    input: { themeId: string; title: string; description: string; effectiveOn?: string },
    today: IsoDate,
  ): void {
    this.refuseIfClosed();
    const title = requireText(input.title, 'title', 'Theme title', 200);
    if (this.themes.some((theme) => theme.title.toLowerCase() === title.toLowerCase())) {
      refuse('theme.duplicate-title', `This strategy already has a theme called "${title}"`, 'title');
    }
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date the theme was added');
    refuseIfBefore(
      effectiveOn,
      this.draftedOn,
      'theme.before-strategy',
      'effectiveOn',
      (drafted, on) => `The strategy was drafted on ${drafted}: a theme cannot be added to it on ${on}`,
    );
    this.apply({
      type: 'ThemeAdded',
      data: {
        strategyId: this.id,
        themeId: input.themeId,
        title,
        description: optionalText(input.description, 'description', 'Description', 5000) ?? '',
        effectiveOn,
      },
    });
  }

  reorderThemes(input: { themeIds: string[]; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed();
    const { themeIds } = input;
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
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date the themes were reordered');
    // An order names every theme, so it cannot hold before the last of them was added.
    refuseIfBefore(
      effectiveOn,
      this.themesChangedOn,
      'theme.order-before-last-change',
      'effectiveOn',
      (changed, on) =>
        `The themes last changed on ${changed}: a new order cannot take effect before then, on ${on}`,
    );
    this.apply({ type: 'ThemesReordered', data: { strategyId: this.id, themeIds, effectiveOn } });
  }

  adopt(input: { adoptedOn: string; decisionReference?: string | null }, today: IsoDate): void {
    if (this.status === 'adopted' || this.status === 'closed') {
      refuse('strategy.cannot-adopt', `A strategy that is ${this.status} cannot be adopted`);
    }
    if (this.themes.length === 0)
      refuse('strategy.no-themes', 'A strategy needs at least one theme before it is adopted');
    const adoptedOn = effectiveDay(input.adoptedOn, today, 'The date of adoption', 'adoptedOn');
    this.refuseBeforeStatus(adoptedOn, 'adoptedOn', 'adopted');
    const firstTheme = this.themes.map((theme) => theme.addedOn).sort()[0];
    refuseIfBefore(
      adoptedOn,
      firstTheme,
      'strategy.no-themes',
      'adoptedOn',
      (added, on) =>
        `A strategy needs a theme before it is adopted: its first theme was added on ${added}, after ${on}`,
    );
    this.apply({
      type: 'StrategyAdopted',
      data: {
        strategyId: this.id,
        adoptedOn,
        decisionReference: optionalText(
          input.decisionReference,
          'decisionReference',
          'Decision reference',
          100,
        ),
      },
    });
  }

  putUnderReview(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    if (this.status !== 'adopted')
      refuse('strategy.not-adopted', 'Only an adopted strategy can be put under review');
    const reason = requireText(input.reason, 'reason', 'Reason');
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date it was put under review');
    this.refuseBeforeStatus(effectiveOn, 'effectiveOn', 'put under review');
    this.apply({ type: 'StrategyPutUnderReview', data: { strategyId: this.id, reason, effectiveOn } });
  }

  close(input: { reason: string; effectiveOn?: string }, today: IsoDate): void {
    this.refuseIfClosed();
    if (this.status === 'draft')
      refuse('strategy.draft', 'A draft strategy cannot be closed; it was never adopted');
    const reason = requireText(input.reason, 'reason', 'Reason');
    const effectiveOn = effectiveDay(input.effectiveOn, today, 'The date it was closed');
    // Closed, it takes no change: so every change it has took effect before it closed.
    refuseIfBefore(
      effectiveOn,
      this.latestEffectiveOn,
      'strategy.closed-before-last-change',
      'effectiveOn',
      (last, on) => `The strategy last changed on ${last}: it cannot be closed before then, on ${on}`,
    );
    this.apply({ type: 'StrategyClosed', data: { strategyId: this.id, reason, effectiveOn } });
  }

  theme(themeId: string): Theme | undefined {
    return this.themes.find((theme) => theme.id === themeId);
  }

  refuseIfClosed(): void {
    refuseIfStrategyClosed(this.status);
  }

  effectiveOnOf(event: StrategyEvent): IsoDate {
    return effectiveOnOf(event);
  }

  private refuseBeforeStatus(on: IsoDate, field: string, becoming: string): void {
    const now = STATUS_WORDS[this.status];
    refuseIfBefore(
      on,
      this.statusSince,
      `strategy.before-${this.status}`,
      field,
      (since, day) => `The strategy was ${now} on ${since}: it cannot be ${becoming} before then, on ${day}`,
    );
  }

  protected onStrategyDrafted({ data }: StrategyDrafted): void {
    this.title = data.title;
    this.periodStart = data.periodStart;
    this.periodEnd = data.periodEnd;
    this.draftedOn = data.effectiveOn;
    this.statusSince = data.effectiveOn;
    this.themesChangedOn = data.effectiveOn;
  }

  protected onThemeAdded({ data }: ThemeAdded): void {
    this.themes.push({
      id: data.themeId,
      title: data.title,
      description: data.description,
      addedOn: data.effectiveOn,
    });
    if (data.effectiveOn > this.themesChangedOn) this.themesChangedOn = data.effectiveOn;
  }

  protected onThemesReordered({ data }: ThemesReordered): void {
    this.themes = data.themeIds.map((id) => this.themes.find((theme) => theme.id === id)!);
    this.themesChangedOn = data.effectiveOn;
  }

  protected onStrategyAdopted({ data }: StrategyAdopted): void {
    this.status = 'adopted';
    this.statusSince = data.adoptedOn;
  }

  protected onStrategyPutUnderReview({ data }: StrategyPutUnderReview): void {
    this.status = 'under-review';
    this.statusSince = data.effectiveOn;
  }

  protected onStrategyClosed({ data }: StrategyClosed): void {
    this.status = 'closed';
    this.statusSince = data.effectiveOn;
  }
}
