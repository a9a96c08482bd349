import { isWithinCut, type RecordedEvent, type TimeCut } from '../../../libs/event-store/index.js';
import { dateInCouncil, longDate } from './dates.js';

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

/** `label` names the entity in sentences (`ward partnership`), `kind` in codes (`ward-partnership`). */
export function absenceAt(
  label: string,
  first: RecordedEvent,
  cut: TimeCut,
  kind = label,
): Absence | undefined {
  if (isWithinCut(first, cut)) return undefined;
  const inEffectFrom = dateInCouncil(first.effectiveAt);
  const firstRecordedAt = first.recordedAt.toISOString();
  if (cut.effectiveAt && first.effectiveAt.getTime() > cut.effectiveAt.getTime())
    return {
      code: `${kind}.not-yet-in-effect`,
      explanation: `This ${label} did not exist yet on ${longDate(dateInCouncil(cut.effectiveAt))}: it took effect on ${longDate(inEffectFrom)}.`,
      inEffectFrom,
      firstRecordedAt,
    };
  return {
    code: `${kind}.not-yet-recorded`,
    explanation: `Nothing about this ${label} had been recorded by then: it was first recorded at ${firstRecordedAt}.`,
    inEffectFrom,
    firstRecordedAt,
  };
}
