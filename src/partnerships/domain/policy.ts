import type { Actor } from '../../common/domain/actor.js';
import { forbidden } from '../../common/domain/domain-error.js';

/**
 * Who may change what in the partnerships context, written once: the aggregates refuse with it,
 * and the API's roles, the pages' forms and the navigation ask the same functions.
 */
export const PartnershipsPolicy = {
  /** Officers work with the groups, so they keep the register of organisations with the admins. */
  mayChangeOrganisations(actor: Actor): boolean {
    return actor.role === 'admin' || actor.role === 'officer' || actor.role === 'system';
  },

  /** Wards come from ONS: an admin records or corrects them, or the import does. */
  mayChangeWards(actor: Actor): boolean {
    return actor.role === 'admin' || actor.role === 'system';
  },

  /** An admin forms a partnership for any officer to lead; an officer forms one they lead. */
  mayFormWardPartnership(actor: Actor, leadOfficerId: string): boolean {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    return actor.role === 'officer' && actor.id === leadOfficerId;
  },

  /** Only its lead officer or an admin changes a ward partnership. */
  mayChangeWardPartnership(actor: Actor, partnership: { readonly leadOfficerId: string }): boolean {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    return actor.role === 'officer' && actor.id === partnership.leadOfficerId;
  },
};

export function assertMayChangeOrganisations(actor: Actor): void {
  if (!PartnershipsPolicy.mayChangeOrganisations(actor))
    forbidden('organisation.read-only', `The ${actor.role} role can read organisations but not change them`);
}

export function assertMayChangeWards(actor: Actor): void {
  if (!PartnershipsPolicy.mayChangeWards(actor))
    forbidden('ward.read-only', 'Only an admin or the ONS import records and corrects wards');
}

export function assertMayFormWardPartnership(actor: Actor, leadOfficerId: string): void {
  if (!PartnershipsPolicy.mayFormWardPartnership(actor, leadOfficerId))
    forbidden(
      'ward-partnership.may-not-form',
      actor.role === 'officer'
        ? 'An officer forms only a partnership they lead; an admin can form one for another officer'
        : `The ${actor.role} role can read ward partnerships but not form them`,
    );
}

export function assertMayChangeWardPartnership(
  actor: Actor,
  partnership: { readonly leadOfficerId: string },
): void {
  if (!PartnershipsPolicy.mayChangeWardPartnership(actor, partnership))
    forbidden(
      'ward-partnership.not-your-partnership',
      actor.role === 'officer'
        ? 'Only the lead officer of this partnership or an admin can change it'
        : `The ${actor.role} role can read ward partnerships but not change them`,
    );
}
