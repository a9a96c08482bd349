import { Upcasters } from '../../../libs/event-store/index.js';
import type { Projection } from '../../../libs/projections/index.js';
import type { Role } from '../domain/actor.js';
import type {
  BoundedContext,
  CliCommand,
  ContextViews,
  EntityKind,
  NavigationEntry,
} from './bounded-context.js';

/** A registration that cannot be served as it stands: said at start, naming the context. */
export class ContextRegistrationError extends Error {
  override readonly name = 'ContextRegistrationError';
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The bounded contexts of this application, checked and in order: a context after those it
 * builds on, otherwise by name. What the shared parts know of contexts, they know from here.
 */
export class ContextRegistry {
  private constructor(readonly contexts: readonly BoundedContext[]) {}

  static of(contexts: readonly BoundedContext[]): ContextRegistry {
    const problems = registrationProblems(contexts);
    if (problems.length)
      throw new ContextRegistrationError(`The bounded contexts cannot be registered: ${problems.join('; ')}`);
    return new ContextRegistry(inOrder(contexts));
  }

  get entities(): EntityKind[] {
    return this.contexts.flatMap((context) => context.entities);
  }

  entity(kind: string): EntityKind | undefined {
    return this.entities.find((entity) => entity.kind === kind);
  }

  /** Fresh instances of every context's projections, in context order. */
  projections(): Projection[] {
    return this.contexts.flatMap((context) => context.projections());
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  get readModels(): Function[] {
    return this.contexts.flatMap((context) => context.readModels);
  }

  /** Every context's steps for its events' older shapes, in one set for the store. */
  upcasters(): Upcasters {
    const steps = new Upcasters();
    for (const context of this.contexts) context.upcasters?.(steps);
    return steps;
  }

  navigationFor(role: Role): NavigationEntry[] {
    return this.contexts
      .flatMap((context) => context.navigation ?? [])
      .filter((entry) => entry.roles.includes(role))
      .sort((a, b) => a.order - b.order);
  }

  get views(): { context: string; views: ContextViews }[] {
    return this.contexts.flatMap((context) =>
      context.views ? [{ context: context.name, views: context.views }] : [],
    );
  }

  get cliCommands(): { context: string; command: CliCommand }[] {
    return this.contexts.flatMap((context) =>
      (context.cli ?? []).map((command) => ({ context: context.name, command })),
    );
  }
}

function registrationProblems(contexts: readonly BoundedContext[]): string[] {
  const problems: string[] = [];
  const once = (what: string, values: readonly string[]) => {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) problems.push(`${what} ${value} is registered twice`);
      seen.add(value);
    }
  };
  const names = contexts.map((context) => context.name);
  for (const name of names) if (!NAME.test(name)) problems.push(`the context name "${name}" is not ${NAME}`);
  once('the context', names);
  once(
    'the stream type',
    contexts.flatMap((context) => context.streamTypes),
  );
  once(
    'the entity kind',
    contexts.flatMap((context) => context.entities.map((entity) => entity.kind)),
  );
  once(
    'the projection',
    contexts.flatMap((context) => context.projections().map((projection) => projection.name)),
  );
  once(
    'the CLI command',
    contexts.flatMap((context) => (context.cli ?? []).map((command) => command.name)),
  );
  const allTypes = new Set(contexts.flatMap((context) => context.streamTypes));
  for (const context of contexts) {
    for (const type of context.streamTypes)
      if (!NAME.test(type)) problems.push(`${context.name}'s stream type "${type}" is not ${NAME}`);
    for (const entity of context.entities) {
      if (!NAME.test(entity.kind))
        problems.push(`${context.name}'s entity kind "${entity.kind}" is not ${NAME}`);
      if (!context.streamTypes.includes(entity.streamType))
        problems.push(
          `${context.name}'s entity ${entity.kind} lives in ${entity.streamType} streams, which it does not write`,
        );
    }
    for (const projection of context.projections()) {
      if (projection.streamTypes.length === 0)
        problems.push(`${context.name}'s projection ${projection.name} handles no stream type`);
      for (const type of projection.streamTypes)
        if (!allTypes.has(type))
          problems.push(
            `${context.name}'s projection ${projection.name} handles ${type}, which no context writes`,
          );
    }
    for (const after of context.after ?? [])
      if (!names.includes(after))
        problems.push(`${context.name} comes after ${after}, which is not registered`);
  }
  return problems;
}

/** Each context after those it builds on; otherwise by name, so the order never depends on the disk. */
function inOrder(contexts: readonly BoundedContext[]): BoundedContext[] {
  const ordered: BoundedContext[] = [];
  const placed = new Set<string>();
  const waiting = [...contexts].sort((a, b) => a.name.localeCompare(b.name));
  while (waiting.length) {
    const next = waiting.findIndex((context) => (context.after ?? []).every((name) => placed.has(name)));
    if (next < 0)
      throw new ContextRegistrationError(
        `The bounded contexts cannot be registered: ${waiting.map((context) => context.name).join(', ')} come after each other in a circle`,
      );
    const [context] = waiting.splice(next, 1);
    ordered.push(context);
    placed.add(context.name);
  }
  return ordered;
}
