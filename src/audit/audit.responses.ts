import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../common/domain/actor.js';
import { ANY_JSON_VALUE, FREE_FORM_OBJECT, nullable } from '../common/http/api-docs.js';
import { TimeCutResponse } from '../common/http/time-cut.js';
import { FINDING_KINDS, type FindingKind } from './export-diagnosis.js';

/** What the ledger and history reads answer, as the OpenAPI document describes them. */

const BASE64 = { type: 'string', format: 'byte', description: 'Standard base64 with padding' } as const;
const SIZE = { type: 'integer', minimum: 0 } as const;
const KEY_ID = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 of the DER public key, hex',
} as const;
const MOMENT = { type: 'string', format: 'date-time' } as const;
const POSITION = { type: 'string', pattern: '^\\d+\\.\\d+$', example: '1043.2871' } as const;

export class TreeHeadResponse {
  @ApiProperty({ ...SIZE, description: 'How many events the tree covers' }) treeSize!: number;
  @ApiProperty({ ...BASE64, description: 'RFC 9162 root hash, standard base64' }) rootHash!: string;
  @ApiProperty({ ...MOMENT, description: 'When it was signed' }) timestamp!: string;
  @ApiProperty({ ...BASE64, description: 'Ed25519 over the canonical JSON of size, root and time' })
  signature!: string;
  @ApiProperty(KEY_ID) keyId!: string;
}

export class PublicKeyResponse {
  @ApiProperty(KEY_ID) keyId!: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKeyPem!: string;
  @ApiProperty(MOMENT) firstUsedAt!: string;
}

export class EventEnvelopeResponse {
  @ApiProperty({ pattern: '^\\d+$', description: 'Global position, decimal' }) position!: string;
  @ApiProperty({ pattern: '^\\d+$', description: 'PostgreSQL transaction id, decimal' })
  transactionId!: string;
  @ApiProperty({ example: 'action-0190…' }) streamId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) streamVersion!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ActionProgressLogged' }) type!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) schemaVersion!: number;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: 'As stored' }) data!: Record<string, unknown>;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: 'Actor, role, correlation, causation, reason, client' })
  metadata!: Record<string, unknown>;
  @ApiProperty({ ...MOMENT, description: 'UTC with microseconds, as stored' }) recordedAt!: string;
  @ApiProperty({ ...MOMENT, description: 'UTC with microseconds, as stored' }) effectiveAt!: string;
}

export class InclusionProofResponse {
  @ApiProperty(SIZE) leafIndex!: number;
  @ApiProperty(SIZE) treeSize!: number;
  @ApiProperty({ ...BASE64, description: 'SHA-256(0x00 ‖ canonical JSON of the event)' }) leafHash!: string;
  @ApiProperty({ type: 'array', items: BASE64, description: 'RFC 9162 audit path, leaf to root' })
  auditPath!: string[];
  @ApiProperty({ type: EventEnvelopeResponse }) event!: EventEnvelopeResponse;
  @ApiProperty({ type: TreeHeadResponse }) treeHead!: TreeHeadResponse;
}

export class ConsistencyProofResponse {
  @ApiProperty(SIZE) firstSize!: number;
  @ApiProperty(SIZE) secondSize!: number;
  @ApiProperty({ type: 'array', items: BASE64, description: 'RFC 9162 consistency proof' }) proof!: string[];
  @ApiProperty({ type: TreeHeadResponse }) firstTreeHead!: TreeHeadResponse;
  @ApiProperty({ type: TreeHeadResponse }) secondTreeHead!: TreeHeadResponse;
}

export class MismatchedEventResponse {
  @ApiProperty(SIZE) leafIndex!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ type: 'string', nullable: true }) streamId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) streamVersion!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) type!: string | null;
  @ApiProperty({ description: 'What happened to it: changed, gone, or another event in its place' })
  problem!: string;
}

export class EventRefResponse {
  @ApiProperty(SIZE) leafIndex!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Line of the export, from 1' }) line!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: 'string', nullable: true }) streamId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) streamVersion!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) type!: string | null;
  @ApiProperty({ type: 'string', nullable: true, pattern: '^\\d+$' }) position!: string | null;
}

export class FindingResponse {
  @ApiProperty({ enum: FINDING_KINDS, description: 'See docs/audit-export-format.md, section 8' })
  kind!: FindingKind;
  @ApiProperty({ type: 'array', items: SIZE, description: 'The leaves it concerns' }) leaves!: number[];
  @ApiProperty({ type: [EventRefResponse], description: 'The events it names, in leaf order' })
  events!: EventRefResponse[];
  @ApiProperty({ description: 'The signed roots confirm it: put right, the leaves hash to them' })
  proven!: boolean;
  @ApiProperty() message!: string;
}

@ApiExtraModels(MismatchedEventResponse)
export class VerifyNowResponse {
  @ApiProperty({ description: 'Every check passed' }) ok!: boolean;
  @ApiProperty({ type: TreeHeadResponse, description: 'The head checked' }) treeHead!: TreeHeadResponse;
  @ApiProperty(SIZE) treeSize!: number;
  @ApiProperty(SIZE) leavesChecked!: number;
  @ApiProperty({ type: 'string', description: 'The root recomputed from the events, base64' })
  rootHash!: string;
  @ApiProperty({
    ...nullable(MismatchedEventResponse),
    description: 'The first event that no longer hashes to what was sealed',
  })
  firstMismatch!: MismatchedEventResponse | null;
  @ApiProperty({ type: [FindingResponse], description: 'What happened to which event (the first hundred)' })
  findings!: FindingResponse[];
  @ApiProperty(SIZE) treeHeadsChecked!: number;
  @ApiProperty({ type: [String] }) problems!: string[];
  @ApiProperty({ ...SIZE, description: 'Committed but not sealed yet: the sealer runs a moment behind' })
  eventsUnsealed!: number;
  @ApiProperty(MOMENT) checkedAt!: string;
}

export class HistoryActorResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: [...ROLES, 'system'] }) role!: string;
}

export class FieldChangeResponse {
  @ApiProperty({ example: 'currentDue' }) field!: string;
  @ApiProperty({ ...ANY_JSON_VALUE, description: 'Null when it had no value' }) before!: unknown;
  @ApiProperty({ ...ANY_JSON_VALUE, description: 'Null when it has no value' }) after!: unknown;
}

export class HistoryEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'DueDateRevised' }) type!: string;
  @ApiProperty(POSITION) position!: string;
  @ApiProperty({ type: HistoryActorResponse }) actor!: HistoryActorResponse;
  @ApiProperty({ enum: ['ui', 'api', 'cli', 'import', 'seed', 'test'] }) client!: string;
  @ApiProperty({ type: 'string', nullable: true }) reason!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ ...MOMENT, description: 'When it was recorded' }) recordedAt!: string;
  @ApiProperty({ ...MOMENT, description: 'When it took effect' }) effectiveAt!: string;
  @ApiProperty({ type: [FieldChangeResponse] }) changes!: FieldChangeResponse[];
}

const STATE = {
  ...FREE_FORM_OBJECT,
  nullable: true,
  description: "The entity's fields, as the read model has them",
} as const;

/** An entity's history; its kind and id as the registry's kinds have them (entityResponses). */
class EntityHistoryFields {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty(STATE) state!: Record<string, unknown> | null;
  @ApiProperty({ type: [HistoryEntryResponse] }) events!: HistoryEntryResponse[];
}

class EntityStateAtFields {
  @ApiProperty({ type: TimeCutResponse }) cut!: TimeCutResponse;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of the last event included (0: none)' })
  version!: number;
  @ApiProperty(SIZE) eventsIncluded!: number;
  @ApiProperty({ ...SIZE, description: 'Recorded so far but outside the cut' }) eventsLeftOut!: number;
  @ApiProperty({
    description: 'False when the cut is before its first event: it did not exist yet (or was not yet known)',
  })
  existed!: boolean;
  @ApiProperty({
    format: 'date',
    description: 'The day its first event took effect, in the council: before it, it did not exist yet',
    example: '2019-01-21',
  })
  inEffectFrom!: string;
  @ApiProperty({ ...MOMENT, description: 'When its first event was recorded' }) firstRecordedAt!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'When it did not exist yet at the cut, a sentence saying so',
    example: 'This strategy did not exist yet on 1 January 2019: it took effect on 21 January 2019.',
  })
  explanation!: string | null;
  @ApiProperty({ ...STATE, description: 'As of the cut; null if nothing of it is within the cut' })
  state!: Record<string, unknown> | null;
}

/** The answers of the history routes, naming the kinds there are and the form of their ids. */
export function entityResponses(kinds: readonly string[], id: Record<string, unknown>) {
  class EntityHistoryResponse extends EntityHistoryFields {
    @ApiProperty({ enum: kinds }) kind!: string;
    @ApiProperty(id) id!: string;
  }
  class EntityStateAtResponse extends EntityStateAtFields {
    @ApiProperty({ enum: kinds }) kind!: string;
    @ApiProperty(id) id!: string;
  }
  return { EntityHistoryResponse, EntityStateAtResponse };
}
