import { Controller, Get, Header, Param, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain/domain-error.js';
import { Public, Roles } from '../identity/auth.guard.js';
import { idsOf, type EntityKind } from '../common/contexts/bounded-context.js';
import type { ContextRegistry } from '../common/contexts/context-registry.js';
import { ApiRead } from '../common/http/api-docs.js';
import { TimeCutQuery, timeCutFrom } from '../common/http/time-cut.js';
import { invalidRequest, UuidParam, WholeNumberParam } from '../common/http/validation.js';
import { ConsistencyProofQuery, InclusionProofQuery, TreeHeadsQuery } from './audit.requests.js';
import {
  ConsistencyProofResponse,
  entityResponses,
  InclusionProofResponse,
  PublicKeyResponse,
  TreeHeadResponse,
  VerifyNowResponse,
} from './audit.responses.js';
import { EntityHistoryService } from './entity-history.service.js';
import { LedgerQueries } from './ledger.queries.js';

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

/**
 * The histories of every entity kind the registry holds, at /history/{kind}/{id}: the kinds the
 * document lists are the registry's, so a controller is made for each registry.
 */
export function historyController(registry: ContextRegistry): Type<unknown> {
  const kinds = registry.entities.map((entity) => entity.kind);
  const formats = registry.entities.filter((entity) => entity.id);
  // Every kind's ids are UUIDs unless a kind says otherwise; the document says what they may be.
  const idSchema = formats.length
    ? {
        type: 'string',
        maxLength: 200,
        description: `A UUID, or for ${formats.map((e) => `a ${e.kind}, ${e.id!.description}`).join('; ')}`,
      }
    : { type: 'string', format: 'uuid' };
  const { EntityHistoryResponse, EntityStateAtResponse } = entityResponses(kinds, idSchema);

  /** The entity kind and id a path names, each refused like any other field when it names none. */
  function entityOf(kind: string, id: string): EntityKind {
    const entity = registry.entity(kind);
    const ids = idsOf(entity);
    if (!ids.pattern.test(id))
      throw invalidRequest([{ field: 'id', message: `id must be ${ids.description}` }]);
    if (!entity)
      throw new DomainError('request.invalid', `kind must be one of ${kinds.join(', ')}`, 'invalid', [
        { field: 'kind', message: `kind must be one of ${kinds.join(', ')}` },
      ]);
    return entity;
  }

  @ApiTags('audit')
  @ApiBearerAuth()
  @Controller('api/v1')
  class HistoryController {
    constructor(readonly history: EntityHistoryService) {}

    @Get('history/:kind/:id')
    @ApiParam({ name: 'kind', enum: kinds })
    @ApiParam({ name: 'id', schema: idSchema })
    @ApiRead(EntityHistoryResponse, {
      description:
        'Every event of the entity with actor, role, reason, both times, and its changes field by field',
      etag: true,
      notFound: true,
    })
    entityHistory(@Param('kind') kind: string, @Param('id') id: string) {
      return this.history.history(entityOf(kind, id), id);
    }

    @Get('history/:kind/:id/state')
    @ApiParam({ name: 'kind', enum: kinds })
    @ApiParam({ name: 'id', schema: idSchema })
    @ApiRead(EntityStateAtResponse, {
      description:
        'The entity as known at a moment or position and/or as effective at a moment. Before its first ' +
        'event (as effective at a day before it took effect, or known at a moment before it was recorded) ' +
        'it did not exist yet: `existed` is false, `state` null, `explanation` says so, and `inEffectFrom` ' +
        'is the day it took effect.',
      etag: true,
      notFound: true,
    })
    entityState(@Param('kind') kind: string, @Param('id') id: string, @Query() query: TimeCutQuery) {
      return this.history.stateAt(entityOf(kind, id), id, timeCutFrom(query));
    }
  }
  return HistoryController;
}
