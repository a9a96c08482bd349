import type pg from 'pg';
import { idInStream, type RecordedEvent } from '../../../libs/event-store/index.js';
import { insertRows, type Projection } from '../../../libs/projections/index.js';
import { ACTION_STREAM } from '../domain/stream-types.js';

/** Every change to every action, who made it and when, in the order it was recorded. */
export class ActionTimelineProjection implements Projection {
  readonly name = 'action-timeline';
  readonly tables = ['rm_action_timeline'];
  readonly streamTypes = [ACTION_STREAM];

  async apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void> {
    const rows = events.map((event) => {
      const { actionId: _, ...details } = event.data as { actionId: string };
      return {
        global_position: event.globalPosition.toString(),
        action_id: idInStream(event),
        stream_version: event.streamVersion,
        event_type: event.type,
        details,
        actor_id: event.metadata.actorId,
        actor_role: event.metadata.actorRole,
        reason: event.metadata.reason ?? null,
        recorded_at: event.recordedAt.toISOString(),
        effective_at: event.effectiveAt.toISOString(),
      };
    });
    await insertRows(db, 'rm_action_timeline', rows);
  }
}
