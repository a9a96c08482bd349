import { Logger, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '../../libs/event-store/index.js';
import { generateSigningKey, type SigningKeyPair } from '../../libs/ledger/index.js';
import { EVENT_STORE } from '../common/persistence/aggregate-repository.js';
import { APP_POOL } from '../common/persistence/persistence.module.js';
import type { ContextRegistry } from '../common/contexts/context-registry.js';
import { historyController, LedgerController } from './audit.controllers.js';
import { EntityHistoryService } from './entity-history.service.js';
import { LedgerQueries } from './ledger.queries.js';
import { LedgerSealer } from './sealer.js';
import { TreeHeadSigner } from './signing-key.js';

export interface LedgerOptions {
  /** The Ed25519 key that signs tree heads; a throwaway one when absent (tests). */
  signingKey?: SigningKeyPair;
  treeHeadEveryEvents?: number;
  treeHeadEverySeconds?: number;
  /** Seal in this process (the server); a CLI command may not want it. */
  runSealer: boolean;
}

export interface AuditOptions extends LedgerOptions {
  /** The contexts whose entities have histories. */
  registry: ContextRegistry;
}

/** The verifiable record and the auditor's questions: sealing, proofs, every entity's history and state at a cut. */
@Module({})
export class AuditModule implements BeforeApplicationShutdown {
  constructor(private readonly sealer: LedgerSealer) {}

  static register(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      global: true, // the pages read the record too
      controllers: [LedgerController, historyController(options.registry)],
      providers: [
        { provide: TreeHeadSigner, useValue: new TreeHeadSigner(options.signingKey ?? generateSigningKey()) },
        {
          provide: LedgerSealer,
          inject: [APP_POOL, EVENT_STORE, TreeHeadSigner],
          useFactory: (pool: pg.Pool, store: EventStore, signer: TreeHeadSigner) => {
            const logger = new Logger('Ledger');
            const sealer = new LedgerSealer(pool, store, signer, {
              treeHeadEveryEvents: options.treeHeadEveryEvents ?? 1000,
              treeHeadEverySeconds: options.treeHeadEverySeconds ?? 10,
              onError: (error) =>
                logger.error(`sealing: ${error instanceof Error ? error.message : String(error)}`),
            });
            if (options.runSealer) sealer.start();
            return sealer;
          },
        },
        LedgerQueries,
        EntityHistoryService,
      ],
      exports: [LedgerSealer, LedgerQueries, EntityHistoryService],
    };
  }

  /** Before the pools close (see PersistenceModule): the sealer signs a last tree head with them. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.sealer.stop();
  }
}
