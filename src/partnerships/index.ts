/**
 * The partnerships context's public surface: another context imports only from here. (The
 * registration, handlers and pages come with the registry; see DESIGN.md.)
 */
export type {
  Councillor,
  MeetingCadence,
  MemberRole,
  OrganisationKind,
  OrganisationStatus,
  PartnershipStatus,
} from './domain/values.js';
export { ORGANISATION_KINDS } from './domain/values.js';
export { isWardCode, parseWardCode } from './domain/gss-code.js';
export { identifierKey, parseOrgId, type OrgId } from './domain/org-id.js';
export { PartnershipsPolicy } from './domain/policy.js';
export { LIMITS as PARTNERSHIP_LIMITS } from './domain/limits.js';
export type { OrganisationEvent } from './domain/organisation.events.js';
export type { WardEvent } from './domain/ward.events.js';
export type { WardPartnershipEvent } from './domain/ward-partnership.events.js';
export type { IdentifierClaimEvent } from './domain/identifier-claim.aggregate.js';
