import type { IsoDate } from '../../common/domain/dates.js';
import type { AwardMade, FundEvent } from '../domain/fund.events.js';
import type { Money } from '../domain/money.js';

/** An award as it stands for publication: its payments and returns not reversed, and when it last changed. */
export interface AwardRecord {
  readonly award: AwardMade['data'];
  readonly payments: readonly { id: string; amount: Money; on: IsoDate }[];
  readonly returns: readonly { id: string; amount: Money; on: IsoDate; reason: string }[];
  /** When anything about the award was last recorded (the database clock): 360Giving's dateModified. */
  readonly lastModified: Date;
}

/**
 * The awards of a fund's stream, as recorded: an award that was reversed did not go ahead and is
 * left out (360Giving: "remove grants that were awarded but didn't go ahead"); a reversed payment or
 * return is left out of its award.
 */
export function awardRecords(
  events: readonly { type: string; data: unknown; recordedAt: Date }[],
): AwardRecord[] {
  const reversed = new Set<string>();
  for (const event of events as readonly (FundEvent & { recordedAt: Date })[])
    if (event.type === 'MovementReversed') reversed.add(event.data.movementId);
  const records = new Map<
    string,
    {
      award: AwardMade['data'];
      payments: AwardRecord['payments'][number][];
      returns: AwardRecord['returns'][number][];
      lastModified: Date;
    }
  >();
  const touch = (awardId: string, at: Date) => {
    const record = records.get(awardId);
    if (record && at > record.lastModified) record.lastModified = at;
    return record;
  };
  for (const event of events as readonly (FundEvent & { recordedAt: Date })[]) {
    if (event.type === 'AwardMade' && !reversed.has(event.data.awardId))
      records.set(event.data.awardId, {
        award: event.data,
        payments: [],
        returns: [],
        lastModified: event.recordedAt,
      });
    if (event.type === 'PaymentMade' && !reversed.has(event.data.paymentId))
      touch(event.data.awardId, event.recordedAt)?.payments.push({
        id: event.data.paymentId,
        amount: event.data.amount,
        on: event.data.effectiveOn,
      });
    if (event.type === 'UnspentMoneyReturned' && !reversed.has(event.data.returnId))
      touch(event.data.awardId, event.recordedAt)?.returns.push({
        id: event.data.returnId,
        amount: event.data.amount,
        on: event.data.effectiveOn,
        reason: event.data.reason,
      });
    if (event.type === 'MovementReversed') {
      const { reversed: original } = event.data;
      if (original.type === 'PaymentMade' || original.type === 'UnspentMoneyReturned')
        touch(original.data.awardId, event.recordedAt);
    }
  }
  return [...records.values()];
}
