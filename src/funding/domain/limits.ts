/**
 * Every limit of the funding context, declared once: the domain enforces them, and the request
 * DTOs and forms will read the same numbers. `thing` names what a refusal is about
 * (`fund.name.too-long`), never a path.
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
  fundName: text('fund.name', 'The name of the fund', 200),
  fundPurpose: text('fund.purpose', 'The purpose of the fund', 2000),
  decisionReference: text('decision-reference', 'The reference of the decision', 100),
  /** Officers, organisations, actions, funds and movements are referred to by id. */
  id: text('id', 'The id', 100),
  partners: count('fund.partners', 'contributing partners', 0, 50),
  areaWards: count('fund.area', 'wards in the fund’s area', 1, 100),
  /** A fund runs for whole financial years; longer than this is a typing slip, not a plan. */
  periodYears: 10,
  ringfencePurposes: count('ringfence.purposes', 'purposes', 0, 20),
  ringfenceProgrammes: count('ringfence.programmes', 'grant programmes', 0, 20),
  purpose: text('purpose', 'The purpose', 200),
  programmeCode: text('grant-programme.code', 'The grant programme’s code', 100),
  programmeTitle: text('grant-programme.title', 'The grant programme’s title', 200),

  /** 360Giving asks for a grant title under 140 characters; the award's project title is that title. */
  projectTitle: text('project.title', 'The project’s title', 140),
  projectDescription: text('project.description', 'The project’s description', 2000),
  projectReference: text('project.reference', 'The project’s reference', 100),
  awardWards: count('award.wards', 'wards', 0, 100),
  awardActions: count('award.actions', 'actions it delivers', 0, 50),
  note: text('note', 'The note', 500),
  reason: text('reason', 'The reason', 2000),

  platformName: text('campaign.platform-name', 'The platform’s name', 100),
  platformUrl: text('campaign.platform-url', 'The campaign’s web address', 500),

  /** £1,000,000,000.00: no single movement of a council fund comes near it. */
  maxAmountPence: 100_000_000_000,
  /** Pound for pound is 100; no match fund gives more than £10 for each £1 raised. */
  maxMatchPencePerPound: 1000,
  /** Planned dates and instalments further ahead than this are a typing slip. */
  planningHorizonYears: 10,
} as const;
