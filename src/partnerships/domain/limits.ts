/**
 * Every limit of the partnerships context, declared once: the domain enforces them, and the request
 * DTOs and forms read the same numbers. `thing` names what a refusal is about
 * (`organisation.name.too-long`), never a path.
 */
export interface TextLimit {
  readonly thing: string;
  readonly label: string;
  readonly max: number;
}

export interface CountLimit {
  readonly thing: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

const text = (thing: string, label: string, max: number): TextLimit => ({ thing, label, max });
const count = (thing: string, label: string, min: number, max: number): CountLimit => ({
  thing,
  label,
  min,
  max,
});

export const LIMITS = {
  organisationName: text('organisation.name', 'The name of the organisation', 200),
  website: text('organisation.website', 'The website address', 500),
  areaOfWork: text('organisation.area-of-work', 'An area of work', 100),
  localIdentifier: text('organisation.local-identifier', 'A local identifier', 100),
  identifiers: count('organisation.identifiers', 'identifiers', 1, 10),
  wardsServed: count('organisation.wards-served', 'wards served', 0, 100),
  areasOfWork: count('organisation.areas-of-work', 'areas of work', 0, 20),

  wardName: text('ward.name', 'The ward name', 100),
  localAuthorityName: text('ward.local-authority-name', 'The local authority name', 100),
  successors: count('ward.successors', 'successor wards', 0, 20),

  partnershipName: text('ward-partnership.name', 'The name of the partnership', 200),
  partnershipWards: count('ward-partnership.wards', 'wards', 1, 10),
  leadOfficerId: text('ward-partnership.lead-officer', 'The lead officer', 100),
  councillorName: text('ward-partnership.councillor-name', 'A councillor’s name', 100),
  councillorRole: text('ward-partnership.councillor-role', 'A councillor’s role', 100),
  councillors: count('ward-partnership.councillors', 'councillors', 0, 12),
  priorityTitle: text('ward-partnership.priority-title', 'The priority', 200),
  priorityDescription: text('ward-partnership.priority-description', 'The description of the priority', 2000),
  priorities: count('ward-partnership.priorities', 'priorities agreed and in force', 0, 30),

  reason: text('reason', 'The reason', 2000),
  /** A planned review further ahead than this is a typing slip, not a plan. */
  reviewHorizonYears: 5,
} as const;
