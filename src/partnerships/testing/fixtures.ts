import type { Actor } from '../../common/domain/actor.js';
import type { IsoDate } from '../../common/domain/dates.js';
import type { OrganisationDecision } from '../domain/organisation.aggregate.js';

/** The people of the partnerships specs, and a decision by one of them on a given day. */
export const people = {
  admin: { id: 'helen', role: 'admin', name: 'Helen Marsh' },
  lead: { id: 'priya', role: 'officer', name: 'Priya Mistry' },
  otherOfficer: { id: 'tom', role: 'officer', name: 'Tom Okafor' },
  scrutiny: { id: 'jo', role: 'scrutiny', name: 'Jo Bennett' },
  auditor: { id: 'mark', role: 'auditor', name: 'Mark Ellis' },
  importer: { id: 'system', role: 'system', name: 'ONS import' },
} satisfies Record<string, Actor>;

export const TODAY: IsoDate = '2024-06-30';
export const LOCAL_PREFIX = '360G-LCC';

export function by(actor: Actor = people.admin, today: IsoDate = TODAY): OrganisationDecision {
  return { actor, today, localPrefix: LOCAL_PREFIX };
}
