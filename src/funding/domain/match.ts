import { refuse } from '../../common/domain/domain-error.js';
import {
  plannedDay,
  requireDate,
  requireId,
  requireText,
  requireWebAddress,
  requireWholeNumber,
} from './checks.js';
import { LIMITS } from './limits.js';
import { requireAmount } from './money.js';
import { parseWardCode } from '../../partnerships/index.js';
import type { CampaignTerms, MatchRule } from './values.js';

/**
 * The most a match fund will hold for a new campaign: the project's cap less what its other
 * campaigns hold or were awarded, no more than the share of the target the rule allows, and never
 * more than the target itself.
 */
export function matchToSetAside(
  rule: MatchRule,
  targetPence: number,
  projectAlreadyMatchedPence: number,
): number {
  const capLeft = rule.capPerProject.pence - projectAlreadyMatchedPence;
  const shareOfTarget =
    rule.maxShareOfTargetPercent === null
      ? targetPence
      : Math.floor((targetPence * rule.maxShareOfTargetPercent) / 100);
  return Math.max(0, Math.min(capLeft, shareOfTarget, targetPence));
}

export interface CampaignResult {
  readonly raisedByDeadline: number;
  /** The match on what was raised, within what was set aside. */
  readonly match: number;
  readonly reachedTarget: boolean;
  /** What the crowd and the match together were short of the target (0 when reached). */
  readonly shortBy: number;
}

/**
 * The match is computed, never typed in: `pencePerPound` of every pound raised by the deadline,
 * within what was set aside (which already holds the cap and the share of the target). The match
 * counts towards the target, as a funder's pledge does on Spacehive and Crowdfunder UK; the
 * campaign succeeds when the crowd and the match together reach it.
 */
export function campaignResult(
  rule: MatchRule,
  targetPence: number,
  setAsidePence: number,
  raisedByDeadline: number,
): CampaignResult {
  const offered = Math.min(Math.floor((raisedByDeadline * rule.pencePerPound) / 100), setAsidePence);
  const total = raisedByDeadline + offered;
  return {
    raisedByDeadline,
    match: offered,
    reachedTarget: total >= targetPence,
    shortBy: Math.max(0, targetPence - total),
  };
}

export function requireMatchRule(value: unknown, field: string): MatchRule {
  if (typeof value !== 'object' || value === null)
    refuse('match-rule.required', 'A crowdfunding match fund needs its match rule', field);
  const rule = value as Partial<Record<keyof MatchRule, unknown>>;
  const programme = (rule.grantProgramme ?? {}) as Partial<Record<'code' | 'title', unknown>>;
  return {
    pencePerPound: requireWholeNumber(
      rule.pencePerPound,
      1,
      LIMITS.maxMatchPencePerPound,
      'match-rule.rate-invalid',
      'The match for each £1 raised, in pence,',
      `${field}.pencePerPound`,
    ),
    capPerProject: requireAmount(rule.capPerProject, `${field}.capPerProject`),
    maxShareOfTargetPercent:
      rule.maxShareOfTargetPercent === null || rule.maxShareOfTargetPercent === undefined
        ? null
        : requireWholeNumber(
            rule.maxShareOfTargetPercent,
            1,
            100,
            'match-rule.share-invalid',
            'The most of a target the match may be, in percent,',
            `${field}.maxShareOfTargetPercent`,
          ),
    grantProgramme: {
      code: requireText(LIMITS.programmeCode, programme.code, `${field}.grantProgramme.code`),
      title: requireText(LIMITS.programmeTitle, programme.title, `${field}.grantProgramme.title`),
    },
    purpose: requireText(LIMITS.purpose, rule.purpose, `${field}.purpose`),
  };
}

export function requireCampaignTerms(value: unknown, field: string, today: string): CampaignTerms {
  if (typeof value !== 'object' || value === null)
    refuse(
      'campaign.required',
      'The campaign’s platform, project, recipient, ward, target and deadline are needed',
      field,
    );
  const terms = value as Partial<Record<keyof CampaignTerms, unknown>>;
  const platform = (terms.platform ?? {}) as Partial<Record<'name' | 'url', unknown>>;
  const project = (terms.project ?? {}) as Partial<Record<'title' | 'description', unknown>>;
  const deadline = requireDate(terms.deadline, `${field}.deadline`, 'The campaign’s deadline');
  return {
    platform: {
      name: requireText(LIMITS.platformName, platform.name, `${field}.platform.name`),
      url: requireWebAddress(LIMITS.platformUrl, platform.url, `${field}.platform.url`),
    },
    projectReference: requireText(
      LIMITS.projectReference,
      terms.projectReference,
      `${field}.projectReference`,
    ),
    project: {
      title: requireText(LIMITS.projectTitle, project.title, `${field}.project.title`),
      description: requireText(
        LIMITS.projectDescription,
        project.description,
        `${field}.project.description`,
      ),
    },
    recipientId: requireId(terms.recipientId, `${field}.recipientId`, 'The recipient organisation'),
    wardCode: parseWardCode(terms.wardCode, `${field}.wardCode`),
    target: requireAmount(terms.target, `${field}.target`),
    deadline: plannedDay(deadline, today, `${field}.deadline`, 'The campaign’s deadline'),
  };
}
