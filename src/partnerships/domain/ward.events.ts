import type { IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent } from '../../common/domain/event-sourced-aggregate.js';

export type WardRecorded = DomainEvent<
  'WardRecorded',
  {
    wardCode: string;
    name: string;
    localAuthorityCode: string;
    localAuthorityName: string;
    /** The first day the code was in force; also the day this event takes effect. */
    validFrom: IsoDate;
    effectiveOn: IsoDate;
  }
>;
/** ONS corrected a name, or a name changed with no boundary change (the code stays). */
export type WardRenamed = DomainEvent<
  'WardRenamed',
  {
    wardCode: string;
    previousName: string;
    name: string;
    previousLocalAuthorityName: string;
    localAuthorityName: string;
    reason: string | null;
    effectiveOn: IsoDate;
  }
>;
/**
 * A boundary change retired the code: from `effectiveOn` (the first day it no longer applies, the
 * day its successors came into force) the area belongs to the successor codes.
 */
export type WardEnded = DomainEvent<
  'WardEnded',
  { wardCode: string; successors: string[]; reason: string | null; effectiveOn: IsoDate }
>;

export type WardEvent = WardRecorded | WardRenamed | WardEnded;
