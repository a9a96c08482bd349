import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { IsoDate } from '../../common/domain/dates.js';

/** Every event names the day it took effect: `effectiveOn`, or the date it was always about. */
export type StrategyDrafted = DomainEvent<
  'StrategyDrafted',
  {
    strategyId: string;
    title: string;
    description: string;
    periodStart: IsoDate;
    periodEnd: IsoDate;
    effectiveOn: IsoDate;
  }
>;
export type ThemeAdded = DomainEvent<
  'ThemeAdded',
  { strategyId: string; themeId: string; title: string; description: string; effectiveOn: IsoDate }
>;
export type ThemesReordered = DomainEvent<
  'ThemesReordered',
  { strategyId: string; themeIds: string[]; effectiveOn: IsoDate }
>;
export type StrategyAdopted = DomainEvent<
  'StrategyAdopted',
  { strategyId: string; adoptedOn: IsoDate; decisionReference: string | null }
>;
export type StrategyPutUnderReview = DomainEvent<
  'StrategyPutUnderReview',
  { strategyId: string; reason: string; effectiveOn: IsoDate }
>;
export type StrategyClosed = DomainEvent<
  'StrategyClosed',
  { strategyId: string; reason: string; effectiveOn: IsoDate }
>;

export type StrategyEvent =
  StrategyDrafted | ThemeAdded | ThemesReordered | StrategyAdopted | StrategyPutUnderReview | StrategyClosed;
