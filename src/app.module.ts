import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuditModule, type LedgerOptions } from './audit/audit.module.js';
import type { ContextRegistry } from './common/contexts/context-registry.js';
import type { Clock } from './common/domain/clock.js';
import { ApiRead } from './common/http/api-docs.js';
import { ConsistencyInterceptor } from './common/http/consistency.interceptor.js';
import { IdempotencyInterceptor } from './common/http/idempotency.interceptor.js';
import { ProblemDetailsFilter } from './common/http/problem-details.filter.js';
import { VersionedAnswerInterceptor } from './common/http/versioned-answer.interceptor.js';
import { PersistenceModule } from './common/persistence/persistence.module.js';
import { Public } from './identity/auth.guard.js';
import { IdentityModule } from './identity/identity.module.js';
import { ApiToken, User } from './identity/user.entity.js';
import { WebModule } from './web/web.module.js';

class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: string;
}

@ApiTags('health')
@Controller('health')
class HealthController {
  @Get()
  @Public()
  @ApiRead(HealthResponse, { description: 'The server is up', public: true })
  health() {
    return { status: 'ok' };
  }
}

export interface AppOptions {
  ownerUrl: string;
  /** The bounded contexts it is built of (loadContextRegistry, or a test's own). */
  registry: ContextRegistry;
  runProjections?: boolean;
  clock?: Clock;
  /** Tree-head signing; sealing runs wherever projections run. */
  ledger?: Omit<LedgerOptions, 'runSealer'>;
}

@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PersistenceModule.register({
          ownerUrl: options.ownerUrl,
          registry: options.registry,
          entities: [User, ApiToken],
          runProjections: options.runProjections ?? true,
          clock: options.clock,
        }),
        IdentityModule,
        AuditModule.register({
          ...options.ledger,
          registry: options.registry,
          runSealer: options.runProjections ?? true,
        }),
        WebModule,
        ...options.registry.contexts.map((context) => context.module),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Outermost first: a replayed answer from IdempotencyInterceptor still gets its ETag and Location.
        { provide: APP_INTERCEPTOR, useClass: VersionedAnswerInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ConsistencyInterceptor },
      ],
    };
  }
}
