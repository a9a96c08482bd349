import type { IsoDate } from '../../common/domain/dates.js';
import { DomainError } from '../../common/domain/domain-error.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { identifierKey } from './org-id.js';

export type OrganisationIdentifierClaimed = DomainEvent<
  'OrganisationIdentifierClaimed',
  { identifier: string; organisationId: string; effectiveOn: IsoDate }
>;
export type OrganisationIdentifierReleased = DomainEvent<
  'OrganisationIdentifierReleased',
  { identifier: string; organisationId: string; effectiveOn: IsoDate }
>;
export type IdentifierClaimEvent = OrganisationIdentifierClaimed | OrganisationIdentifierReleased;

/**
 * Which organisation holds one identifier: one stream per identifier, keyed by its normal form
 * without regard to case. Claiming it appends here at the version read, in the same append as the
 * organisation's own event, so of two organisations claiming one identifier at once exactly one
 * append succeeds: "no two organisations hold the same identifier" is the store's expected-version
 * check, with no read-then-write race and no uniqueness table.
 */
export class OrganisationIdentifierClaim extends EventSourcedAggregate<IdentifierClaimEvent> {
  readonly streamType = 'organisation-identifier';
  /** The organisation holding it now, or null when it was never claimed or was released. */
  heldBy: string | null = null;

  /** The claim for an identifier: its stream id is `organisation-identifier-<KEY>`. */
  static for(identifier: string): OrganisationIdentifierClaim {
    return new OrganisationIdentifierClaim(identifierKey(identifier));
  }

  effectiveOnOf(event: IdentifierClaimEvent): IsoDate {
    return event.data.effectiveOn;
  }

  /**
   * Claims it for an organisation. Held by that organisation already: nothing to decide, so a
   * retried command converges. Held by another: refused, naming the field the identifier came in.
   */
  claim(input: { identifier: string; organisationId: string; effectiveOn: IsoDate }, field: string): void {
    if (this.heldBy === input.organisationId) return;
    if (this.heldBy !== null)
      throw new DomainError(
        'organisation.identifier.taken',
        `${input.identifier} already identifies another organisation`,
        'conflict',
        [{ field, message: `${input.identifier} already identifies another organisation` }],
        { heldBy: this.heldBy },
      );
    this.apply({ type: 'OrganisationIdentifierClaimed', data: { ...input } });
  }

  /** Released by the organisation that holds it, when it removes the identifier. */
  release(input: { identifier: string; organisationId: string; effectiveOn: IsoDate }): void {
    if (this.heldBy !== input.organisationId)
      throw new DomainError(
        'organisation.identifier.not-held',
        `${input.identifier} is not held by this organisation`,
        'conflict',
      );
    this.apply({ type: 'OrganisationIdentifierReleased', data: { ...input } });
  }

  protected onOrganisationIdentifierClaimed({ data }: OrganisationIdentifierClaimed): void {
    this.heldBy = data.organisationId;
  }

  protected onOrganisationIdentifierReleased(_: OrganisationIdentifierReleased): void {
    this.heldBy = null;
  }
}
