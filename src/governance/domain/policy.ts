import type { Actor } from '../../common/domain/actor.js';
import { forbidden } from '../../common/domain/domain-error.js';

/**
 * Who may do what in the governance context, written once: the aggregates refuse with it, and the
 * API's roles, the pages' forms and the navigation will ask the same functions.
 *
 * Admins keep the register (decisions, the council's rules, commissions, meetings, the executive's
 * responses): in this product they are the democratic services team. A separate democratic services
 * role is not needed yet; a council that keeps the register apart from its strategy admins would add
 * one to identity's roles and here, and nowhere else (DESIGN.md, "Who may do what").
 */
type Ability =
  | 'keep-the-register'
  | 'call-in'
  | 'record-scrutiny-outcome'
  | 'request-reports'
  | 'prepare-reports'
  | 'record-proceedings'
  | 'respond-to-recommendations';

const WHO: Record<Ability, readonly Actor['role'][]> = {
  /** Decisions and their reconsideration, closure days and rules, commissions, members, meetings. */
  'keep-the-register': ['admin', 'system'],
  /** Scrutiny members call a decision in; democratic services record it for them. */
  'call-in': ['scrutiny', 'admin', 'system'],
  /** A commission refers a called-in decision back, or takes no further action on it. */
  'record-scrutiny-outcome': ['scrutiny', 'admin', 'system'],
  'request-reports': ['scrutiny', 'admin', 'system'],
  /** Officers prepare and issue the reports a commission asked for. */
  'prepare-reports': ['officer', 'admin', 'system'],
  /** A commission's proceedings on a report: presented, comments, recommendations, noted. */
  'record-proceedings': ['scrutiny', 'admin', 'system'],
  /** The executive's response to a recommendation, recorded for it by democratic services. */
  'respond-to-recommendations': ['admin', 'system'],
};

const WHAT: Record<Ability, string> = {
  'keep-the-register': 'keep the decision register, the council’s rules and its commissions',
  'call-in': 'call a decision in',
  'record-scrutiny-outcome': 'record what a commission did with a called-in decision',
  'request-reports': 'request reports',
  'prepare-reports': 'prepare or issue reports',
  'record-proceedings': 'record a commission’s proceedings on a report',
  'respond-to-recommendations': 'record the executive’s response to a recommendation',
};

export const GovernancePolicy = {
  may(actor: Actor, ability: Ability): boolean {
    return WHO[ability].includes(actor.role);
  },
};

export function assertMay(actor: Actor, ability: Ability): void {
  if (!GovernancePolicy.may(actor, ability))
    forbidden(
      `governance.may-not-${ability}`,
      `The ${actor.role} role cannot ${WHAT[ability]}: ${WHO[ability]
        .filter((role) => role !== 'system')
        .join(' or ')} can`,
    );
}
