import type { RecordedEvent } from './events.js';
import { comparePositions, type Position } from './position.js';

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
