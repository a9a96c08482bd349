import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain/domain-error.js';
import { Clock } from '../common/domain/clock.js';
import { dateInCouncil } from '../common/domain/dates.js';
import { Public, Roles } from '../identity/auth.guard.js';
import {
  ConsistencyProofQuery,
  InclusionProofQuery,
  OverviewAtQuery,
  TimeCutQuery,
  TreeHeadsQuery,
  timeCutFrom,
} from './audit.requests.js';
import { ENTITY_KINDS, EntityHistoryService, type EntityKind } from './entity-history.service.js';
import { LedgerQueries } from './ledger.queries.js';
import { StrategyOverviewAtService } from './overview-at.service.js';
import { ApiRead } from '../common/http/api-docs.js';
import { UuidParam, WholeNumberParam } from '../common/http/validation.js';
import {
  ConsistencyProofResponse,
  EntityHistoryResponse,
  EntityStateAtResponse,
  InclusionProofResponse,
  PublicKeyResponse,
  StrategyOverviewAtResponse,
  TreeHeadResponse,
  VerifyNowResponse,
} from './audit.responses.js';

/**
 * The sealed log. Tree heads and the public key are public, so that anyone holding a tree head
 * can check it; proofs carry events, so they need a token like every other read.
 */
@ApiTags('ledger')
@Controller('api/v1/ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerQueries) {}

  @Get('tree-heads/latest')
  @Public()
  @ApiRead(TreeHeadResponse, {
    description: 'The newest signed tree head: size, root hash, timestamp, Ed25519 signature, key id',
    public: true,
    notFound: true,
  })
  latest() {
    return this.ledger.latestTreeHead();
  }

  @Get('tree-heads')
  @Public()
  @ApiRead(TreeHeadResponse, { isArray: true, description: 'Signed tree heads by size', public: true })
  list(@Query() query: TreeHeadsQuery) {
    return this.ledger.treeHeads({ after: query.after, limit: Number(query.limit ?? 100n) });
  }

  @Get('tree-heads/:size')
  @Public()
  @ApiRead(TreeHeadResponse, {
    description: 'The tree head signed at this size',
    public: true,
    notFound: true,
  })
  @ApiParam({ name: 'size', schema: { type: 'integer', format: 'int64', minimum: 0 } })
  bySize(@WholeNumberParam('size', 0n) size: bigint) {
    return this.ledger.treeHead(size);
  }

  @Get('public-key')
  @Public()
  @Header('content-type', 'application/x-pem-file')
  @ApiProduces('application/x-pem-file')
  @ApiRead(String, {
    description: 'The current signing key, SPKI PEM; every key ever used is at /public-keys',
    public: true,
    notFound: true,
  })
  async publicKey() {
    return this.ledger.publicKeyPem((await this.ledger.latestTreeHead()).keyId);
  }

  @Get('public-keys')
  @Public()
  @ApiRead(PublicKeyResponse, {
    isArray: true,
    description: 'Every key that has signed a tree head',
    public: true,
  })
  publicKeys() {
    return this.ledger.publicKeys();
  }

  @Get('events/:eventId/inclusion-proof')
  @ApiBearerAuth()
  @ApiRead(InclusionProofResponse, {
    description: "The event's envelope, leaf index and hash, and the audit path to a signed root",
    notFound: true,
  })
  inclusionProof(@UuidParam('eventId') eventId: string, @Query() query: InclusionProofQuery) {
    return this.ledger.inclusionProof(eventId, query.treeSize);
  }

  @Get('consistency-proof')
  @ApiBearerAuth()
  @ApiRead(ConsistencyProofResponse, {
    description: 'The proof that the log at the second size extends the log at the first',
    notFound: true,
  })
  consistencyProof(@Query() query: ConsistencyProofQuery) {
    return this.ledger.consistencyProof(query.first, query.second);
  }

  @Get('verify-now')
  @ApiBearerAuth()
  // It re-reads and re-hashes every event: for the people who audit, as the record page is.
  @Roles('auditor', 'scrutiny', 'admin')
  @ApiRead(VerifyNowResponse, {
    description: 'The latest tree head checked against the database as it stands now',
    roles: true,
    notFound: true,
  })
  verifyNow() {
    return this.ledger.verifyNow();
  }
}

function entityKind(kind: string): EntityKind {
  if (!(ENTITY_KINDS as string[]).includes(kind))
    throw new DomainError('request.invalid', `kind must be one of ${ENTITY_KINDS.join(', ')}`, 'invalid', [
      { field: 'kind', message: `kind must be one of ${ENTITY_KINDS.join(', ')}` },
    ]);
  return kind as EntityKind;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class HistoryController {
  constructor(
    private readonly history: EntityHistoryService,
    private readonly overviewAt: StrategyOverviewAtService,
    private readonly clock: Clock,
  ) {}

  @Get('history/:kind/:id')
  @ApiParam({ name: 'kind', enum: ENTITY_KINDS })
  @ApiRead(EntityHistoryResponse, {
    description:
      'Every event of the entity with actor, role, reason, both times, and its changes field by field',
    etag: true,
    notFound: true,
  })
  entityHistory(@Param('kind') kind: string, @UuidParam('id') id: string) {
    return this.history.history(entityKind(kind), id);
  }

  @Get('history/:kind/:id/state')
  @ApiParam({ name: 'kind', enum: ENTITY_KINDS })
  @ApiRead(EntityStateAtResponse, {
    description:
      'The entity as known at a moment or position and/or as effective at a moment. Before its first ' +
      'event (as effective at a day before it took effect, or known at a moment before it was recorded) ' +
      'it did not exist yet: `existed` is false, `state` null, `explanation` says so, and `inEffectFrom` ' +
      'is the day it took effect.',
    etag: true,
    notFound: true,
  })
  entityState(@Param('kind') kind: string, @UuidParam('id') id: string, @Query() query: TimeCutQuery) {
    return this.history.stateAt(entityKind(kind), id, timeCutFrom(query));
  }

  @Get('strategies/:id/overview-at')
  @ApiRead(StrategyOverviewAtResponse, {
    description:
      'The strategy overview replayed to a cut in time (known at and/or effective at); overdue is counted ' +
      'against `date`, by default the day of the cut. A cut before the strategy existed answers 404 ' +
      '`strategy.not-yet-in-effect` (or `strategy.not-yet-recorded`) with `inEffectFrom`, the day it took ' +
      'effect, and `firstRecordedAt`.',
    etag: true,
    notFound: true,
  })
  strategyOverviewAt(@UuidParam('id') id: string, @Query() query: OverviewAtQuery) {
    const { knownAt, knownAtPosition, effectiveAt, date, ...filters } = query;
    const cut = timeCutFrom({ knownAt, knownAtPosition, effectiveAt });
    const asOf = date ?? dateInCouncil(cut.effectiveAt ?? cut.knownAt ?? this.clock.now());
    return this.overviewAt.overview(id, asOf, filters, cut);
  }
}
