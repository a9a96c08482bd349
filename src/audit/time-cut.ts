import type { Position, RecordedEvent } from '../../libs/event-store/index.js';
import { comparePositions } from '../../libs/event-store/index.js';
import { dateInCouncil, longDate } from '../common/domain/dates.js';

/**
 * Where to stop a replay, on either axis of time or both: "as known at" keeps only what had been
 * recorded by then (a moment, or a position in the log); "as effective at" keeps only what had
 * happened in the world by then, whenever it was recorded.
 */
export interface TimeCut {
  readonly knownAt?: Date;
  readonly knownAtPosition?: Position;
  readonly effectiveAt?: Date;
}

export function isWithinCut(event: RecordedEvent, cut: TimeCut): boolean {
  if (cut.knownAt && event.recordedAt.getTime() > cut.knownAt.getTime()) return false;
  if (cut.knownAtPosition && comparePositions(event, cut.knownAtPosition) > 0) return false;
  if (cut.effectiveAt && event.effectiveAt.getTime() > cut.effectiveAt.getTime()) return false;
  return true;
}

export const isCut = (cut: TimeCut) => Boolean(cut.knownAt || cut.knownAtPosition || cut.effectiveAt);

/** Why an entity's replay to a cut is empty, when it exists now: the cut is before its first event. */
export interface Absence {
  /** `<kind>.not-yet-in-effect` (it took effect later) or `<kind>.not-yet-recorded` (it was recorded later). */
  code: string;
  explanation: string;
  /** The day its first event took effect, in the council. */
  inEffectFrom: string;
  /** When its first event was recorded. */
  firstRecordedAt: string;
}

export function absenceAt(kind: string, first: RecordedEvent, cut: TimeCut): Absence | undefined {
  if (isWithinCut(first, cut)) return undefined;
  const inEffectFrom = dateInCouncil(first.effectiveAt);
  const firstRecordedAt = first.recordedAt.toISOString();
  if (cut.effectiveAt && first.effectiveAt.getTime() > cut.effectiveAt.getTime())
    return {
      code: `${kind}.not-yet-in-effect`,
      explanation: `This ${kind} did not exist yet on ${longDate(dateInCouncil(cut.effectiveAt))}: it took effect on ${longDate(inEffectFrom)}.`,
      inEffectFrom,
      firstRecordedAt,
    };
  return {
    code: `${kind}.not-yet-recorded`,
    explanation: `Nothing about this ${kind} had been recorded by then: it was first recorded at ${firstRecordedAt}.`,
    inEffectFrom,
    firstRecordedAt,
  };
}
