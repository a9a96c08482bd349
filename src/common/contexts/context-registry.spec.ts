import type { Projection } from '../../../libs/projections/index.js';
import type { BoundedContext } from './bounded-context.js';
import { ContextRegistry } from './context-registry.js';

const projection = (name: string, streamTypes: string[]): Projection => ({
  name,
  tables: [],
  streamTypes,
  apply: async () => undefined,
});

/** A context of `name` writing `<name>` streams, with one entity and one projection of its own. */
function contextOf(name: string, changes: Partial<BoundedContext> = {}): BoundedContext {
  return {
    name,
    title: name,
    module: class {},
    streamTypes: [name],
    entities: [{ kind: name, streamType: name, fold: (state) => state }],
    projections: () => [projection(`${name}-view`, [name])],
    readModels: [],
    ...changes,
  };
}

const refusal = (contexts: BoundedContext[]) => {
  try {
    ContextRegistry.of(contexts);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('registered');
};

describe('the registry of bounded contexts', () => {
  it('orders each context after those it builds on, and the rest by name', () => {
    const registry = ContextRegistry.of([
      contextOf('reporting', { after: ['funding', 'governance'] }),
      contextOf('governance'),
      contextOf('funding', { after: ['partnerships'] }),
      contextOf('partnerships', { after: ['strategy'] }),
      contextOf('strategy'),
    ]);
    expect(registry.contexts.map((context) => context.name)).toEqual([
      'governance',
      'strategy',
      'partnerships',
      'funding',
      'reporting',
    ]);
    expect(registry.entities.map((entity) => entity.kind)).toEqual([
      'governance',
      'strategy',
      'partnerships',
      'funding',
      'reporting',
    ]);
  });

  it('refuses two contexts that write one stream type, or name one entity kind or projection', () => {
    expect(refusal([contextOf('a'), contextOf('b', { streamTypes: ['a', 'b'] })])).toContain(
      'the stream type a is registered twice',
    );
    expect(
      refusal([
        contextOf('a'),
        contextOf('b', { entities: [{ kind: 'a', streamType: 'b', fold: (s) => s }] }),
      ]),
    ).toContain('the entity kind a is registered twice');
    expect(
      refusal([contextOf('a'), contextOf('b', { projections: () => [projection('a-view', ['b'])] })]),
    ).toContain('the projection a-view is registered twice');
    expect(refusal([contextOf('a'), contextOf('a')])).toContain('the context a is registered twice');
  });

  it('refuses an entity in streams its context does not write, and a projection of streams no context writes', () => {
    expect(
      refusal([contextOf('a', { entities: [{ kind: 'a', streamType: 'b', fold: (s) => s }] })]),
    ).toContain("a's entity a lives in b streams, which it does not write");
    expect(refusal([contextOf('a', { projections: () => [projection('a-view', ['fund'])] })])).toContain(
      "a's projection a-view handles fund, which no context writes",
    );
    expect(refusal([contextOf('a', { projections: () => [projection('a-view', [])] })])).toContain(
      "a's projection a-view handles no stream type",
    );
  });

  it('lets a projection follow another context’s streams', () => {
    const registry = ContextRegistry.of([
      contextOf('strategy'),
      contextOf('partnerships', {
        after: ['strategy'],
        projections: () => [projection('ward-actions', ['partnerships', 'strategy'])],
      }),
    ]);
    expect(registry.projections().map((p) => p.name)).toEqual(['strategy-view', 'ward-actions']);
  });

  it('refuses a context after one that is not registered, or contexts after each other in a circle', () => {
    expect(refusal([contextOf('a', { after: ['b'] })])).toContain('a comes after b, which is not registered');
    expect(refusal([contextOf('a', { after: ['b'] }), contextOf('b', { after: ['a'] })])).toContain(
      'a, b come after each other in a circle',
    );
  });

  it('refuses names a path or a stream id cannot carry', () => {
    expect(refusal([contextOf('Ward Partnerships')])).toContain(
      'the context name "Ward Partnerships" is not',
    );
  });

  it('gives each role the navigation entries that name it, in order', () => {
    const registry = ContextRegistry.of([
      contextOf('b', { navigation: [{ href: '/b', text: 'B', roles: ['admin', 'officer'], order: 20 }] }),
      contextOf('a', {
        navigation: [
          { href: '/a', text: 'A', roles: ['admin'], order: 30 },
          { href: '/a2', text: 'A2', roles: ['officer'], order: 10 },
        ],
      }),
    ]);
    expect(registry.navigationFor('admin').map((entry) => entry.href)).toEqual(['/b', '/a']);
    expect(registry.navigationFor('officer').map((entry) => entry.href)).toEqual(['/a2', '/b']);
    expect(registry.navigationFor('auditor')).toEqual([]);
  });
});
