import { longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireCount,
  requireText,
  type Decision,
} from './checks.js';
import { nationOf, parseLocalAuthorityCode, parseWardCode } from './gss-code.js';
import { LIMITS } from './limits.js';
import { assertMayChangeWards } from './policy.js';
import type { WardEnded, WardEvent, WardRecorded, WardRenamed } from './ward.events.js';

export interface WardRow {
  name: string;
  localAuthorityCode: string;
  localAuthorityName: string;
}

/**
 * An electoral ward, keyed by its ONS GSS code. A code names one area for its whole life: a boundary
 * change ends the code and its successors start, so history stays true to the wards of its day.
 * In force from `validFrom` up to, not including, `endedOn`.
 */
export class Ward extends EventSourcedAggregate<WardEvent> {
  readonly streamType = 'ward';
  name = '';
  localAuthorityCode = '';
  localAuthorityName = '';
  validFrom: IsoDate = '';
  endedOn: IsoDate | null = null;
  successors: string[] = [];
  private lastRenamedOn: IsoDate = '';

  /** The ward for a code as people type it ('e05010458 ' is E05010458). */
  static for(code: unknown, field = 'wardCode'): Ward {
    return new Ward(parseWardCode(code, field));
  }

  effectiveOnOf(event: WardEvent): IsoDate {
    return event.data.effectiveOn;
  }

  isInForceOn(day: IsoDate): boolean {
    return this.exists && this.validFrom <= day && (this.endedOn === null || day < this.endedOn);
  }

  record(input: WardRow & { validFrom: string }, by: Decision): void {
    this.decideBy(by);
    if (this.exists) throw new DomainError('ward.exists', `Ward ${this.id} is already recorded`, 'conflict');
    const wardCode = parseWardCode(this.id, 'wardCode');
    const localAuthorityCode = parseLocalAuthorityCode(input.localAuthorityCode, 'localAuthorityCode');
    if (nationOf(localAuthorityCode) !== nationOf(wardCode))
      refuse(
        'ward.local-authority-nation-mismatch',
        `${wardCode} is a ward in ${nationOf(wardCode)}, but ${localAuthorityCode} is a local authority in ${nationOf(localAuthorityCode)}`,
        'localAuthorityCode',
      );
    if (input.validFrom === undefined || input.validFrom === null || input.validFrom === '')
      refuse('validFrom.required', 'The day the ward code came into force is required', 'validFrom');
    const validFrom = effectiveDay(input.validFrom, by.today, 'validFrom');
    this.apply({
      type: 'WardRecorded',
      data: {
        wardCode,
        name: requireText(LIMITS.wardName, input.name, 'name'),
        localAuthorityCode,
        localAuthorityName: requireText(
          LIMITS.localAuthorityName,
          input.localAuthorityName,
          'localAuthorityName',
        ),
        validFrom,
        effectiveOn: validFrom,
      },
    });
  }

  /**
   * One row of an ONS lookup: recorded if new, nothing if it says what is known already (so an
   * import run twice decides nothing the second time), a rename if a name differs.
   */
  importRow(row: WardRow, options: { validFrom: string; effectiveOn?: string | null }, by: Decision): void {
    if (!this.exists) return this.record({ ...row, validFrom: options.validFrom }, by);
    this.decideBy(by);
    const localAuthorityCode = parseLocalAuthorityCode(row.localAuthorityCode, 'localAuthorityCode');
    if (localAuthorityCode !== this.localAuthorityCode)
      refuse(
        'ward.local-authority-changed',
        `Ward ${this.id} is in ${this.localAuthorityCode}, not ${localAuthorityCode}: a ward code belongs to one local authority for its whole life`,
        'localAuthorityCode',
      );
    const name = requireText(LIMITS.wardName, row.name, 'name');
    const localAuthorityName = requireText(
      LIMITS.localAuthorityName,
      row.localAuthorityName,
      'localAuthorityName',
    );
    if (name === this.name && localAuthorityName === this.localAuthorityName) return;
    this.rename(
      { name, localAuthorityName, reason: 'Name in the ONS lookup', effectiveOn: options.effectiveOn },
      by,
    );
  }

  rename(
    input: {
      name?: string | null;
      localAuthorityName?: string | null;
      reason?: string | null;
      effectiveOn?: string | null;
    },
    by: Decision,
  ): void {
    this.decideBy(by);
    if (!this.exists) refuse('ward.not-recorded', `Ward ${this.id} is not recorded`);
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    const name = input.name ? requireText(LIMITS.wardName, input.name, 'name') : this.name;
    const localAuthorityName = input.localAuthorityName
      ? requireText(LIMITS.localAuthorityName, input.localAuthorityName, 'localAuthorityName')
      : this.localAuthorityName;
    if (name === this.name && localAuthorityName === this.localAuthorityName)
      refuse('ward.name.unchanged', `Ward ${this.id} already has these names`, 'name');
    if (this.endedOn !== null && effectiveOn >= this.endedOn)
      refuse(
        'ward.ended',
        `Ward ${this.id} ended on ${longDate(this.endedOn)}: a rename can only correct its name before then`,
        'effectiveOn',
      );
    refuseIfBefore(
      effectiveOn,
      this.lastRenamedOn,
      'ward.before-last-change',
      `Ward ${this.id} was last named on ${longDate(this.lastRenamedOn)}: a rename cannot take effect before`,
    );
    this.apply({
      type: 'WardRenamed',
      data: {
        wardCode: this.id,
        previousName: this.name,
        name,
        previousLocalAuthorityName: this.localAuthorityName,
        localAuthorityName,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /** A boundary change: the code stops applying on `effectiveOn`, and its area passes to the successors. */
  end(
    input: { successors?: string[]; reason?: string | null; effectiveOn?: string | null },
    by: Decision,
  ): void {
    this.decideBy(by);
    if (!this.exists) refuse('ward.not-recorded', `Ward ${this.id} is not recorded`);
    if (this.endedOn !== null)
      refuse('ward.ended', `Ward ${this.id} already ended on ${longDate(this.endedOn)}`);
    const effectiveOn = effectiveDay(input.effectiveOn, by.today);
    const successors = [
      ...new Set(
        requireCount(LIMITS.successors, input.successors, 'successors').map((code, index) =>
          parseWardCode(code, `successors[${index}]`),
        ),
      ),
    ];
    if (successors.includes(this.id))
      refuse('ward.successor-itself', 'A ward code that ends is not its own successor', 'successors');
    if (effectiveOn <= this.validFrom)
      refuse(
        'ward.ends-before-it-starts',
        `Ward ${this.id} came into force on ${longDate(this.validFrom)}: it can only end after that day`,
        'effectiveOn',
      );
    refuseIfBefore(
      effectiveOn,
      this.lastRenamedOn,
      'ward.before-last-change',
      `Ward ${this.id} was renamed on ${longDate(this.lastRenamedOn)}: it cannot end before`,
    );
    this.apply({
      type: 'WardEnded',
      data: {
        wardCode: this.id,
        successors,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  private decideBy(by: Decision): void {
    assertMayChangeWards(by.actor);
  }

  protected onWardRecorded({ data }: WardRecorded): void {
    this.name = data.name;
    this.localAuthorityCode = data.localAuthorityCode;
    this.localAuthorityName = data.localAuthorityName;
    this.validFrom = data.validFrom;
    this.lastRenamedOn = data.validFrom;
  }

  protected onWardRenamed({ data }: WardRenamed): void {
    this.name = data.name;
    this.localAuthorityName = data.localAuthorityName;
    this.lastRenamedOn = data.effectiveOn;
  }

  protected onWardEnded({ data }: WardEnded): void {
    this.endedOn = data.effectiveOn;
    this.successors = data.successors;
  }
}
