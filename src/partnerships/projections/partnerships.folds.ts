import type { RecordedEvent } from '../../../libs/event-store/index.js';
import type { IsoDate } from '../../common/domain/dates.js';
import type { IdentifierClaimEvent } from '../domain/identifier-claim.aggregate.js';
import type { OrganisationEvent } from '../domain/organisation.events.js';
import { identifierKey, type OrgId } from '../domain/org-id.js';
import type { Councillor, MemberRole, PriorityStatus } from '../domain/values.js';
import type { Membership, LinkedAction, Priority } from '../domain/ward-partnership.aggregate.js';
import type { WardPartnershipEvent } from '../domain/ward-partnership.events.js';
import type { WardEvent } from '../domain/ward.events.js';

/**
 * How one entity's row changes with each event of its stream: pure, so a projection, an entity's
 * history field by field, and its state "as known at" or "as effective at" a moment are all built
 * from the same functions. Columns are snake_case like every read model; `version` and
 * `updated_at` are the projection's to stamp.
 */
type Recorded<E> = E extends { type: infer T extends string; data: infer D } ? RecordedEvent<T, D> : never;

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  identifiers: OrgId[];
  primary_identifier: string;
  website: string | null;
  wards_served: string[];
  areas_of_work: string[];
  status: string;
  /** The day it was registered with the council (its effective day). */
  registered_on: IsoDate;
  /** The day its status last changed: dormant, reactivated, dissolved or merged. */
  status_changed_on: IsoDate;
  status_reason: string | null;
  merged_into_organisation_id: string | null;
}

export interface WardRow {
  id: string;
  name: string;
  local_authority_code: string;
  local_authority_name: string;
  valid_from: IsoDate;
  /** The first day the code no longer applied; null while it is in force. */
  ended_on: IsoDate | null;
  successors: string[];
}

export interface WardPartnershipRow {
  id: string;
  name: string;
  ward_codes: string[];
  lead_officer_id: string;
  councillors: Councillor[];
  meeting_cadence: string;
  status: string;
  status_reason: string | null;
  started_on: IsoDate;
  status_changed_on: IsoDate;
  next_review_on: IsoDate | null;
  last_reviewed_on: IsoDate | null;
  ended_on: IsoDate | null;
  /** Every membership, current (leftOn null) and past: a group that rejoined appears twice. */
  members: Membership[];
  priorities: Priority[];
  actions: LinkedAction[];
}

export interface IdentifierClaimRow {
  id: string;
  identifier: string;
  held_by: string | null;
}

export function foldOrganisation(
  row: OrganisationRow | undefined,
  event: Recorded<OrganisationEvent>,
): OrganisationRow | undefined {
  if (event.type === 'OrganisationRegistered') {
    const d = event.data;
    return {
      id: d.organisationId,
      name: d.name,
      kind: d.kind,
      identifiers: d.identifiers,
      primary_identifier: d.primaryIdentifier,
      website: d.website,
      wards_served: d.wardsServed,
      areas_of_work: d.areasOfWork,
      status: 'active',
      registered_on: d.effectiveOn,
      status_changed_on: d.effectiveOn,
      status_reason: null,
      merged_into_organisation_id: null,
    };
  }
  if (!row) return undefined;
  const status = (status: string, reason: string | null) => ({
    ...row,
    status,
    status_changed_on: event.data.effectiveOn,
    status_reason: reason,
  });
  switch (event.type) {
    case 'OrganisationRenamed':
      return { ...row, name: event.data.name };
    case 'OrganisationKindChanged':
      return { ...row, kind: event.data.kind };
    case 'OrganisationIdentifierAdded':
      return {
        ...row,
        identifiers: [...row.identifiers, { identifier: event.data.identifier, scheme: event.data.scheme }],
      };
    case 'OrganisationIdentifierRemoved':
      return {
        ...row,
        identifiers: row.identifiers.filter((held) => held.identifier !== event.data.identifier),
      };
    case 'OrganisationPrimaryIdentifierChanged':
      return { ...row, primary_identifier: event.data.identifier };
    case 'OrganisationWebsiteChanged':
      return { ...row, website: event.data.website };
    case 'OrganisationWardsServedChanged':
      return { ...row, wards_served: event.data.wardsServed };
    case 'OrganisationAreasOfWorkChanged':
      return { ...row, areas_of_work: event.data.areasOfWork };
    case 'OrganisationMadeDormant':
      return status('dormant', event.data.reason);
    case 'OrganisationReactivated':
      return status('active', event.data.reason);
    case 'OrganisationDissolved':
      return status('dissolved', event.data.reason);
    case 'OrganisationMerged':
      return {
        ...status('merged', event.data.reason),
        merged_into_organisation_id: event.data.mergedIntoOrganisationId,
      };
  }
}

export function foldWard(row: WardRow | undefined, event: Recorded<WardEvent>): WardRow | undefined {
  if (event.type === 'WardRecorded') {
    const d = event.data;
    return {
      id: d.wardCode,
      name: d.name,
      local_authority_code: d.localAuthorityCode,
      local_authority_name: d.localAuthorityName,
      valid_from: d.validFrom,
      ended_on: null,
      successors: [],
    };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'WardRenamed':
      return { ...row, name: event.data.name, local_authority_name: event.data.localAuthorityName };
    case 'WardEnded':
      return { ...row, ended_on: event.data.effectiveOn, successors: event.data.successors };
  }
}

export function foldWardPartnership(
  row: WardPartnershipRow | undefined,
  event: Recorded<WardPartnershipEvent>,
): WardPartnershipRow | undefined {
  if (event.type === 'WardPartnershipFormed') {
    const d = event.data;
    return {
      id: d.partnershipId,
      name: d.name,
      ward_codes: d.wardCodes,
      lead_officer_id: d.leadOfficerId,
      councillors: d.councillors,
      meeting_cadence: d.meetingCadence,
      status: 'forming',
      status_reason: null,
      started_on: d.effectiveOn,
      status_changed_on: d.effectiveOn,
      next_review_on: null,
      last_reviewed_on: null,
      ended_on: null,
      members: [],
      priorities: [],
      actions: [],
    };
  }
  if (!row) return undefined;
  const on = event.data.effectiveOn;
  const status = (status: string, reason: string | null) => ({
    ...row,
    status,
    status_changed_on: on,
    status_reason: reason,
  });
  const member = (organisationId: string, change: (membership: Membership) => Membership) => ({
    ...row,
    members: row.members.map((membership) =>
      membership.organisationId === organisationId && membership.leftOn === null
        ? change(membership)
        : membership,
    ),
  });
  const priority = (priorityId: string, status: PriorityStatus, reason: string | null) => ({
    ...row,
    priorities: row.priorities.map((candidate) =>
      candidate.priorityId === priorityId ? { ...candidate, status, closedOn: on, reason } : candidate,
    ),
  });
  switch (event.type) {
    case 'WardPartnershipActivated':
      return status('active', null);
    case 'WardPartnershipPutUnderReview':
      return status('under-review', event.data.reason);
    case 'WardPartnershipReviewed':
      return {
        ...status('active', null),
        last_reviewed_on: on,
        next_review_on: event.data.nextReviewOn,
      };
    case 'WardPartnershipEnded':
      return { ...status('ended', event.data.reason), ended_on: on };
    case 'PartnershipReviewScheduled':
      return { ...row, next_review_on: event.data.nextReviewOn };
    case 'PartnershipWardsChanged':
      return { ...row, ward_codes: event.data.wardCodes };
    case 'PartnershipLeadOfficerChanged':
      return { ...row, lead_officer_id: event.data.leadOfficerId };
    case 'WardCouncillorsChanged':
      return { ...row, councillors: event.data.councillors };
    case 'MeetingCadenceChanged':
      return { ...row, meeting_cadence: event.data.meetingCadence };
    case 'KeyGroupJoined':
      return {
        ...row,
        members: [
          ...row.members,
          {
            organisationId: event.data.organisationId,
            organisationName: event.data.organisationName,
            role: event.data.role,
            joinedOn: on,
            roleChangedOn: on,
            leftOn: null,
          },
        ],
      };
    case 'KeyGroupLeft':
      return member(event.data.organisationId, (membership) => ({ ...membership, leftOn: on }));
    case 'KeyGroupRoleChanged': {
      const role: MemberRole = event.data.role;
      return member(event.data.organisationId, (membership) => ({ ...membership, role, roleChangedOn: on }));
    }
    case 'PriorityAgreed':
      return {
        ...row,
        priorities: [
          ...row.priorities,
          {
            priorityId: event.data.priorityId,
            title: event.data.title,
            description: event.data.description,
            status: 'agreed',
            agreedOn: on,
            closedOn: null,
            reason: null,
          },
        ],
      };
    case 'PriorityAchieved':
      return priority(event.data.priorityId, 'achieved', event.data.reason);
    case 'PriorityDropped':
      return priority(event.data.priorityId, 'dropped', event.data.reason);
    case 'PartnershipActionLinked':
      return {
        ...row,
        actions: [...row.actions, { actionId: event.data.actionId, linkedOn: on, unlinkedOn: null }],
      };
    case 'PartnershipActionUnlinked':
      return {
        ...row,
        actions: row.actions.map((link) =>
          link.actionId === event.data.actionId && link.unlinkedOn === null
            ? { ...link, unlinkedOn: on }
            : link,
        ),
      };
  }
}

export function foldIdentifierClaim(
  row: IdentifierClaimRow | undefined,
  event: Recorded<IdentifierClaimEvent>,
): IdentifierClaimRow | undefined {
  switch (event.type) {
    case 'OrganisationIdentifierClaimed':
      return {
        id: identifierKey(event.data.identifier),
        identifier: event.data.identifier,
        held_by: event.data.organisationId,
      };
    case 'OrganisationIdentifierReleased':
      return row && { ...row, held_by: null };
  }
}

type Fold = (
  row: Record<string, unknown> | undefined,
  event: RecordedEvent,
) => Record<string, unknown> | undefined;

/**
 * Each entity of the context by its stream type, with its fold: what the registry's entity kinds
 * will list for histories and "as known at / as effective at" states.
 */
export const PARTNERSHIP_ENTITY_FOLDS = {
  organisation: foldOrganisation,
  'organisation-identifier': foldIdentifierClaim,
  ward: foldWard,
  'ward-partnership': foldWardPartnership,
} as unknown as Record<'organisation' | 'organisation-identifier' | 'ward' | 'ward-partnership', Fold>;
