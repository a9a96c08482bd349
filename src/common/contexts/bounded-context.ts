import type { INestApplicationContext, Type } from '@nestjs/common';
import type { Client, RecordedEvent, Upcasters } from '../../../libs/event-store/index.js';
import type { Projection } from '../../../libs/projections/index.js';
import type { Actor, CommandContext, Role } from '../domain/actor.js';

/**
 * What a bounded context registers, once, in `src/<name>/<name>.context.ts` (exported as
 * `context`). Audit, the web shell, the demo runner, the CLI and the projection runner read these
 * through the ContextRegistry and import no context. Its migrations are the files of
 * `src/<name>/migrations/` (see migrations/index.ts), found without loading the context.
 */
export interface BoundedContext {
  /** The name of its folder under src/: `strategy`. */
  readonly name: string;
  readonly title: string;
  /** Its Nest module: controllers (API and pages), command handlers, queries. */
  readonly module: Type<unknown>;
  /** Contexts it builds on: their demo parts run first, and it may read their public index.ts. */
  readonly after?: readonly string[];
  /** Every stream type it writes; no two contexts write the same. */
  readonly streamTypes: readonly string[];
  /** What an entity's history and its state "as known at / as effective at" can be asked of. */
  readonly entities: readonly EntityKind[];
  /** New instances of its projections, each declaring the stream types it handles. */
  readonly projections: () => readonly Projection[];
  /** The TypeORM entities its queries read its read models with. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly readModels: readonly Function[];
  /** Registers the steps that lift its events' older shapes (see libs/event-store/upcasting.ts). */
  readonly upcasters?: (steps: Upcasters) => void;
  /** Its entries in the pages' service navigation, each for the roles that may use it. */
  readonly navigation?: readonly NavigationEntry[];
  readonly views?: ContextViews;
  /** Its part of the demonstration story. */
  readonly demo?: DemoPart;
  /** Commands of its own for `npm run cli`. */
  readonly cli?: readonly CliCommand[];
}

export type EntityState = Record<string, unknown>;

export interface EntityKind {
  /** The path segment of /history/{kind}/{id} and the start of its error codes: `action`. */
  readonly kind: string;
  /** The type of the streams it lives in; the stream of entity `id` is `<streamType>-<id>`. */
  readonly streamType: string;
  /** In sentences: `ward partnership`. The kind, hyphens as spaces, when absent. */
  readonly label?: string;
  /** How one event changes its state: the fold its projection uses, so "the state" means one thing. */
  readonly fold: (state: EntityState | undefined, event: RecordedEvent) => EntityState | undefined;
  /** The form of its ids, when not a UUID (a ward's is its GSS code). */
  readonly id?: EntityIdFormat;
  /** Its page, for a link from its audit history. */
  readonly href?: (id: string) => string;
}

export interface EntityIdFormat {
  readonly pattern: RegExp;
  /** Completes "id must be …": `a GSS code such as E05010458`. */
  readonly description: string;
}

export interface NavigationEntry {
  readonly href: string;
  readonly text: string;
  readonly roles: readonly Role[];
  /** Lower first; the shell's own entries (the audit record) come at 100. */
  readonly order: number;
}

/** Its pages' Nunjucks templates, and the filters and globals they use. */
export interface ContextViews {
  /** The folder of its templates, in the source tree (see sourceFolder): `src/<name>/web/views`. */
  readonly folder: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly filters?: Readonly<Record<string, (...args: any[]) => unknown>>;
  readonly globals?: Readonly<Record<string, unknown>>;
}

export interface DemoPart {
  /** Records this context's part of the story through the CommandBus, as any user would. */
  seed(app: INestApplicationContext, story: DemoStory): Promise<void>;
}

/** The demonstration's people, and what earlier parts recorded, for later parts to refer to. */
export interface DemoStory {
  /** A demonstration person by key (`helen`, `priya`): the shared demo runner makes them. */
  person(key: string): Actor;
  /** A command context acting as that person. */
  as(key: string, client?: Client): CommandContext;
  remember(key: string, id: string): void;
  recall(key: string): string;
}

export interface CliCommand {
  /** `wards:import` */
  readonly name: string;
  /** Its line in the CLI's help: `wards:import FILE.csv   record the wards of an ONS lookup`. */
  readonly usage: string;
  /** Answers the exit code. */
  run(args: readonly string[], cli: CliEnvironment): Promise<number>;
}

export interface CliEnvironment {
  /** The schema owner's connection string of the server's database (already migrated). */
  readonly ownerUrl: string;
  /** The application without HTTP or projections running, for commands through the CommandBus. */
  openApp(): Promise<INestApplicationContext>;
}

/** The form of an entity's ids unless its kind says otherwise. */
export const UUID_IDS: EntityIdFormat = {
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  description: 'a UUID',
};

/** The form of a kind's ids; a UUID for a kind there is not, so that an id is judged before its kind. */
export const idsOf = (entity: EntityKind | undefined): EntityIdFormat => entity?.id ?? UUID_IDS;
