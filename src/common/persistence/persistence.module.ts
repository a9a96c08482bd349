import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type pg from 'pg';
import { APP_ROLE, createAppPool } from '../../../libs/database/index.js';
import type { EventStore } from '../../../libs/event-store/index.js';
import { ProjectionRunner } from '../../../libs/projections/index.js';
import { ContextRegistry } from '../contexts/context-registry.js';
import { Clock, SystemClock } from '../domain/clock.js';
import { AggregateRepository, EVENT_STORE } from './aggregate-repository.js';
import { openEventStore } from './event-store.js';

export const APP_POOL = Symbol('AppPool');
export const PROJECTIONS = Symbol('Projections');

export interface PersistenceOptions {
  /** The schema owner's connection string; the application's sessions run as pledge_app. */
  ownerUrl: string;
  /** The contexts: their read models, projections and upcasters. */
  registry: ContextRegistry;
  /** TypeORM entities of what the contexts share (users, tokens), beside the contexts' read models. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  /** Keep projections running in this process (the server); a CLI command may not want it. */
  runProjections: boolean;
  clock?: Clock;
}

/**
 * The event store, the read-model DataSource, the projection runner, the clock and the registry of
 * contexts, for every context and the shared parts.
 */
@Global()
@Module({})
export class PersistenceModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');

  constructor(
    @Inject(APP_POOL) private readonly pool: pg.Pool,
    private readonly runner: ProjectionRunner,
  ) {}

  static register(options: PersistenceOptions): DynamicModule {
    const projections = options.registry.projections();
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.ownerUrl,
          entities: [...options.entities, ...options.registry.readModels],
          synchronize: false,
          logging: ['error'],
          extra: { max: 10, options: `-c role=${APP_ROLE}` },
        }),
      ],
      providers: [
        {
          provide: APP_POOL,
          useFactory: () =>
            createAppPool(options.ownerUrl, 20, (error) => new Logger('Database').warn(error.message)),
        },
        {
          provide: EVENT_STORE,
          inject: [APP_POOL],
          useFactory: (pool: pg.Pool) => openEventStore(pool, options.registry),
        },
        { provide: ContextRegistry, useValue: options.registry },
        { provide: PROJECTIONS, useValue: projections },
        {
          provide: ProjectionRunner,
          inject: [APP_POOL, EVENT_STORE],
          useFactory: (pool: pg.Pool, store: EventStore) => {
            const logger = new Logger('Projections');
            const runner = new ProjectionRunner(pool, store, projections, {
              listenUrl: options.ownerUrl,
              onError: (projection, error) =>
                logger.error(`${projection}: ${error instanceof Error ? error.message : String(error)}`),
            });
            if (options.runProjections) runner.start();
            return runner;
          },
        },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        AggregateRepository,
      ],
      exports: [
        APP_POOL,
        EVENT_STORE,
        ContextRegistry,
        PROJECTIONS,
        ProjectionRunner,
        Clock,
        AggregateRepository,
      ],
    };
  }

  /**
   * Nest runs every module's beforeApplicationShutdown before any onApplicationShutdown: the
   * runner here and the sealer (AuditModule) stop while the pool they use is still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch((error) => this.logger.warn(error.message));
  }
}
