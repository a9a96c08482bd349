export const ORGANISATION_KINDS = [
  'registered-charity',
  'charitable-incorporated-organisation',
  'community-interest-company',
  'company-limited-by-guarantee',
  'company',
  'faith-group',
  'unincorporated-community-group',
  'co-operative-or-community-benefit-society',
  'public-body',
  'local-authority',
  'nhs-body',
  'school-or-education',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Dissolved and merged are final: the organisation's record stays, and takes no more changes. */
export const ORGANISATION_STATUSES = ['active', 'dormant', 'dissolved', 'merged'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export const PARTNERSHIP_STATUSES = ['forming', 'active', 'under-review', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const MEMBER_ROLES = ['lead-partner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const PRIORITY_STATUSES = ['agreed', 'achieved', 'dropped'] as const;
export type PriorityStatus = (typeof PRIORITY_STATUSES)[number];

export const MEETING_CADENCES = [
  'weekly',
  'fortnightly',
  'monthly',
  'every-six-weeks',
  'every-two-months',
  'quarterly',
  'twice-a-year',
  'as-needed',
] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

export interface Councillor {
  readonly name: string;
  readonly role: string;
}
