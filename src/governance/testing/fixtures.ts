import type { Actor } from '../../common/domain/actor.js';
import type { IsoDate } from '../../common/domain/dates.js';
import type { Acting } from '../domain/checks.js';

/** The people of the governance specs, and an act by one of them on a given day. */
export const people = {
  admin: { id: 'helen', role: 'admin', name: 'Helen Marsh' },
  officer: { id: 'priya', role: 'officer', name: 'Priya Mistry' },
  scrutiny: { id: 'jo', role: 'scrutiny', name: 'Jo Bennett' },
  auditor: { id: 'mark', role: 'auditor', name: 'Mark Ellis' },
} satisfies Record<string, Actor>;

export const TODAY: IsoDate = '2024-06-30';

export function by(actor: Actor = people.admin, today: IsoDate = TODAY): Acting {
  return { actor, today };
}
