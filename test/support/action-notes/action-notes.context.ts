/**
 * A throwaway bounded context, registered by a test and nowhere else: notes kept about actions.
 * Its stream type `action-note` holds a hyphen and its streams are named `action-note-<id>`, so
 * they begin as an action's do; nothing outside this folder knows of it.
 */
import { Controller, Get, Module, Render } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { idInStream, type RecordedEvent } from '../../../libs/event-store/index.js';
import { upsertRows, type Projection } from '../../../libs/projections/index.js';
import type { BoundedContext, EntityState } from '../../../src/common/contexts/bounded-context.js';
import { sourceFolder } from '../../../src/common/contexts/discover.js';
import { ApiRead } from '../../../src/common/http/api-docs.js';
import { UuidParam } from '../../../src/common/http/validation.js';
import { Public } from '../../../src/identity/auth.guard.js';

export const NOTE_STREAM = 'action-note';
export const NOTES_TABLE = 'test_action_notes';

/** Made by the test as the owner: a throwaway context has no migration of its own. */
export const NOTES_TABLE_SQL = `CREATE TABLE ${NOTES_TABLE} (id uuid PRIMARY KEY, action_id uuid NOT NULL,
  text text NOT NULL, amendments int NOT NULL, version bigint NOT NULL)`;

export type NoteEvent =
  | { type: 'NoteWritten'; data: { noteId: string; actionId: string; text: string } }
  | { type: 'NoteAmended'; data: { text: string } };

function foldNote(state: EntityState | undefined, event: RecordedEvent): EntityState | undefined {
  const note = event as unknown as NoteEvent;
  if (note.type === 'NoteWritten')
    return { id: note.data.noteId, action_id: note.data.actionId, text: note.data.text, amendments: 0 };
  if (!state) return undefined;
  return { ...state, text: note.data.text, amendments: Number(state.amendments) + 1 };
}

/** Every note's latest text; it keeps what it was given, and records each type it saw. */
export class ActionNotesProjection implements Projection {
  readonly name = 'action-notes';
  readonly tables = [NOTES_TABLE];
  readonly streamTypes = [NOTE_STREAM];
  static readonly typesSeen = new Set<string>();

  async apply(events: readonly RecordedEvent[], db: pg.ClientBase): Promise<void> {
    const rows = new Map<string, EntityState>();
    for (const event of events) {
      ActionNotesProjection.typesSeen.add(event.streamType);
      const id = idInStream(event);
      const before =
        rows.get(id) ??
        (await db.query(`SELECT to_jsonb(n) AS row FROM ${NOTES_TABLE} n WHERE id = $1`, [id])).rows[0]?.row;
      rows.set(id, { ...foldNote(before, event)!, version: event.streamVersion });
    }
    await upsertRows(db, NOTES_TABLE, ['id'], [...rows.values()]);
  }
}

class NoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) amendments!: number;
}

@ApiTags('action-notes')
@ApiBearerAuth()
@Controller('api/v1/action-notes')
class ActionNotesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(':id')
  @ApiRead(NoteResponse, { description: 'A note about an action', notFound: true })
  async note(@UuidParam('id') id: string) {
    const [row] = await this.db.query(`SELECT id, text, amendments FROM ${NOTES_TABLE} WHERE id = $1`, [id]);
    return row;
  }
}

@ApiExcludeController()
@Public() // signed in by the web session
@Controller('action-notes')
class ActionNotesPagesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Render('action-notes.njk')
  async list() {
    return { title: 'Notes', notes: await this.db.query(`SELECT text FROM ${NOTES_TABLE} ORDER BY text`) };
  }
}

@Module({ controllers: [ActionNotesController, ActionNotesPagesController] })
class ActionNotesModule {}

export const context: BoundedContext = {
  name: 'action-notes',
  title: 'Notes about actions',
  module: ActionNotesModule,
  after: ['strategy'],
  streamTypes: [NOTE_STREAM],
  entities: [{ kind: 'action-note', streamType: NOTE_STREAM, fold: foldNote }],
  projections: () => [new ActionNotesProjection()],
  readModels: [],
  navigation: [{ href: '/action-notes', text: 'Notes', roles: ['admin', 'scrutiny'], order: 40 }],
  views: {
    folder: sourceFolder(import.meta.url, 'views'),
    filters: { shout: (text: string) => text.toUpperCase() },
  },
};
