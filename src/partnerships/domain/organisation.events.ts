import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';
import type { OrgId } from './org-id.js';
import type { OrganisationKind } from './values.js';

/** Every event names the organisation and the day it took effect in the world. */
interface Dated {
  organisationId: string;
  effectiveOn: IsoDate;
}

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  Dated & {
    name: string;
    kind: OrganisationKind;
    identifiers: OrgId[];
    primaryIdentifier: string;
    website: string | null;
    wardsServed: string[];
    areasOfWork: string[];
  }
>;
export type OrganisationRenamed = DomainEvent<
  'OrganisationRenamed',
  Dated & { previousName: string; name: string; reason: string | null }
>;
export type OrganisationKindChanged = DomainEvent<
  'OrganisationKindChanged',
  Dated & { previousKind: OrganisationKind; kind: OrganisationKind; reason: string | null }
>;
export type OrganisationIdentifierAdded = DomainEvent<
  'OrganisationIdentifierAdded',
  Dated & { identifier: string; scheme: string }
>;
export type OrganisationIdentifierRemoved = DomainEvent<
  'OrganisationIdentifierRemoved',
  Dated & { identifier: string; reason: string }
>;
export type OrganisationPrimaryIdentifierChanged = DomainEvent<
  'OrganisationPrimaryIdentifierChanged',
  Dated & { previousIdentifier: string; identifier: string }
>;
export type OrganisationWebsiteChanged = DomainEvent<
  'OrganisationWebsiteChanged',
  Dated & { previousWebsite: string | null; website: string | null }
>;
export type OrganisationWardsServedChanged = DomainEvent<
  'OrganisationWardsServedChanged',
  Dated & { wardsServed: string[]; added: string[]; removed: string[] }
>;
export type OrganisationAreasOfWorkChanged = DomainEvent<
  'OrganisationAreasOfWorkChanged',
  Dated & { areasOfWork: string[] }
>;
export type OrganisationMadeDormant = DomainEvent<
  'OrganisationMadeDormant',
  Dated & { reason: string | null }
>;
export type OrganisationReactivated = DomainEvent<
  'OrganisationReactivated',
  Dated & { reason: string | null }
>;
export type OrganisationDissolved = DomainEvent<'OrganisationDissolved', Dated & { reason: string | null }>;
export type OrganisationMerged = DomainEvent<
  'OrganisationMerged',
  Dated & { mergedIntoOrganisationId: string; mergedIntoName: string; reason: string | null }
>;

export type OrganisationEvent =
  | OrganisationRegistered
  | OrganisationRenamed
  | OrganisationKindChanged
  | OrganisationIdentifierAdded
  | OrganisationIdentifierRemoved
  | OrganisationPrimaryIdentifierChanged
  | OrganisationWebsiteChanged
  | OrganisationWardsServedChanged
  | OrganisationAreasOfWorkChanged
  | OrganisationMadeDormant
  | OrganisationReactivated
  | OrganisationDissolved
  | OrganisationMerged;
