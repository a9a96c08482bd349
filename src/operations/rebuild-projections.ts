import { APP_ROLE, createAppPool, createOwnerPool } from '../../libs/database/index.js';
import { rebuildProjections as replay, type RebuildProgress } from '../../libs/projections/index.js';
import type { ContextRegistry } from '../common/contexts/context-registry.js';
import { openEventStore } from '../common/persistence/event-store.js';

export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
}

/** Rebuilds the named projections (all when none is named) from the first event, in one pass. */
export async function rebuildProjections(
  ownerUrl: string,
  registry: ContextRegistry,
  names: readonly string[],
  onProgress?: (progress: RebuildProgress) => void,
): Promise<{ projection: string; applied: number }[]> {
  const all = registry.projections();
  const unknown = names.filter((name) => !all.some((projection) => projection.name === name));
  if (unknown.length) {
    throw new UnknownProjectionError(
      `No projection is called ${unknown.join(', ')}; there are: ${all.map((p) => p.name).join(', ')}`,
    );
  }
  const chosen = names.length ? all.filter((projection) => names.includes(projection.name)) : all;
  const ownerPool = createOwnerPool(ownerUrl, chosen.length + 1);
  const appPool = createAppPool(ownerUrl, 4);
  try {
    const store = openEventStore(appPool, registry);
    const { appliedBy } = await replay(ownerPool, store, chosen, { appRole: APP_ROLE, onProgress });
    return chosen.map((projection) => ({ projection: projection.name, applied: appliedBy[projection.name] }));
  } finally {
    await appPool.end();
    await ownerPool.end();
  }
}
