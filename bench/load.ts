import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { APP_ROLE } from '../libs/database/database.js';
import { PostgresEventStore } from '../libs/event-store/index.js';
import { cpuSample, cpuSince, type CpuSnapshot } from './cpu.js';
import {
  ActionHistory,
  importMetadata,
  officer,
  pledgeMade,
  Random,
  streamIdFor,
  strategyEvents,
} from './events.js';

export interface PledgeRef {
  strategyId: string;
  themeId: string;
  pledgeId: string;
  reference: string;
}

export interface LoadShape {
  /** Total events to write, exactly. */
  events: number;
  themes: number;
  pledges: number;
  actions: number;
  /** Events per append call for the action histories. */
  chunk: number;
  /** Concurrent loaders. */
  loaders: number;
}

export const REBUILD_SHAPE: LoadShape = {
  events: 100_000,
  themes: 3,
  pledges: 10,
  actions: 1_000,
  chunk: 2,
  loaders: 8,
};

export interface Loaded {
  ms: number;
  /** CPU used while loading, measured before the loading sessions end (their time goes with them). */
  cpu: CpuSnapshot;
  calls: number;
  streams: number;
  pledges: PledgeRef[];
}

/**
 * Writes one strategy with its themes, its pledges, and actions with ActionPlanned then updates
 * for the rest of the events, all through PostgresEventStore.append. Each action's history is
 * appended `chunk` events at a time, round-robin over the actions, so that updates to different
 * actions interleave in commit order as they would over months of use.
 *
 * Loading is setup, never a figure: its sessions set synchronous_commit=off so that they do not
 * wait on each commit's flush, and its statements are sent as named (prepared) statements so that
 * PostgreSQL parses and plans the append once per session. The events written are the same; every
 * figure is measured with the store and sessions exactly as the application has them.
 */
export async function loadEvents(
  url: string,
  shape: LoadShape,
  seed: number,
  dataDir: string,
): Promise<Loaded> {
  const pool = new pg.Pool({
    connectionString: url,
    max: shape.loaders,
    options: `-c role=${APP_ROLE} -c synchronous_commit=off`,
  });
  pool.on('error', () => undefined);
  try {
    const before = cpuSample(dataDir);
    const loaded = await load(new PostgresEventStore(preparing(pool)), shape, seed);
    return { ...loaded, cpu: cpuSince(before, dataDir) };
  } finally {
    await pool.end();
  }
}

async function load(store: PostgresEventStore, shape: LoadShape, seed: number): Promise<Omit<Loaded, 'cpu'>> {
  const start = performance.now();
  let calls = 0;
  const author = officer(new Random(seed));
  const pledges: PledgeRef[] = [];

  const strategy = strategyEvents(shape.themes);
  await store.append(streamIdFor('strategy', strategy.strategyId), 0, strategy.events, {
    streamType: 'strategy',
    metadata: importMetadata(author),
  });
  calls++;
  for (let index = 0; index < shape.pledges; index++) {
    const themeId = strategy.themeIds[index % strategy.themeIds.length];
    const made = pledgeMade(strategy.strategyId, themeId, index);
    await store.append(streamIdFor('pledge', made.data.pledgeId), 0, [made], {
      streamType: 'pledge',
      metadata: importMetadata(author),
    });
    calls++;
    pledges.push({
      strategyId: strategy.strategyId,
      themeId,
      pledgeId: made.data.pledgeId,
      reference: made.data.reference,
    });
  }

  // The rest are action events: ActionPlanned and then updates, spread as evenly as the total allows.
  const actionEvents = shape.events - strategy.events.length - shape.pledges;
  const base = Math.floor(actionEvents / shape.actions);
  const extra = actionEvents % shape.actions;
  if (base < 1) throw new Error(`${shape.events} events are too few for ${shape.actions} actions`);
  const histories = Array.from({ length: shape.actions }, (_, index) => {
    const history = new ActionHistory(
      pledges[index % pledges.length],
      Math.floor(index / pledges.length),
      seed + 1 + index,
    );
    return { history, events: history.history(base + (index < extra ? 1 : 0) - 1), written: 0 };
  });
  await Promise.all(
    Array.from({ length: shape.loaders }, async (_, loader) => {
      const mine = histories.filter((_, index) => index % shape.loaders === loader);
      for (let more = true; more;) {
        more = false;
        for (const entry of mine) {
          if (entry.written >= entry.events.length) continue;
          const chunk = entry.events.slice(entry.written, entry.written + shape.chunk);
          const result = await store.append(entry.history.streamId, entry.written, chunk, {
            streamType: 'action',
            metadata: importMetadata(entry.history.leadOfficerId),
          });
          calls++;
          entry.written = result.version;
          if (entry.written < entry.events.length) more = true;
        }
      }
    }),
  );
  return { ms: performance.now() - start, calls, streams: 1 + shape.pledges + shape.actions, pledges };
}

/** The pool, with each parameterised query sent as a named statement (same SQL, same values). */
function preparing(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const nameFor = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `bench_load_${createHash('sha1').update(text).digest('hex')}`));
    return name;
  };
  return new Proxy(pool, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'query') {
        return (text: unknown, values?: unknown[]) =>
          typeof text === 'string' && Array.isArray(values)
            ? target.query({ name: nameFor(text), text, values })
            : (value as (t: unknown, v?: unknown[]) => Promise<unknown>).call(target, text, values);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
