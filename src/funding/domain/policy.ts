import type { Actor } from '../../common/domain/actor.js';
import { forbidden } from '../../common/domain/domain-error.js';

/**
 * Who may change what in the funding context, written once: the aggregates refuse with it, and
 * the API's roles, the pages' forms and the navigation should ask the same functions.
 */
export const FundingPolicy = {
  /** An admin proposes a fund for any officer to lead; an officer proposes one they will lead. */
  mayProposeFund(actor: Actor, leadOfficerId: string): boolean {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    return actor.role === 'officer' && actor.id === leadOfficerId;
  },

  /** A fund, its movements and its campaigns are changed only by its lead officer or an admin. */
  mayChangeFund(actor: Actor, fund: { readonly leadOfficerId: string }): boolean {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    return actor.role === 'officer' && actor.id === fund.leadOfficerId;
  },
};

export function assertMayProposeFund(actor: Actor, leadOfficerId: string): void {
  if (!FundingPolicy.mayProposeFund(actor, leadOfficerId))
    forbidden(
      'fund.may-not-propose',
      actor.role === 'officer'
        ? 'An officer proposes only a fund they will lead; an admin can propose one for another officer'
        : `The ${actor.role} role can read funds but not propose them`,
    );
}

export function assertMayChangeFund(actor: Actor, fund: { readonly leadOfficerId: string }): void {
  if (!FundingPolicy.mayChangeFund(actor, fund))
    forbidden(
      'fund.not-your-fund',
      actor.role === 'officer'
        ? 'Only the lead officer of this fund or an admin can change it or record its money'
        : `The ${actor.role} role can read funds but not change them`,
    );
}
