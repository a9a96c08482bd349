import { longDate, type IsoDate } from '../../common/domain/dates.js';
import { DomainError, refuse } from '../../common/domain/domain-error.js';
import { EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import {
  effectiveDay,
  optionalText,
  refuseIfBefore,
  requireCount,
  requireText,
  requireWebsite,
  type Decision,
} from './checks.js';
import { parseWardCode } from './gss-code.js';
import { LIMITS } from './limits.js';
import type {
  OrganisationAreasOfWorkChanged,
  OrganisationDissolved,
  OrganisationEvent,
  OrganisationIdentifierAdded,
  OrganisationIdentifierRemoved,
  OrganisationKindChanged,
  OrganisationMadeDormant,
  OrganisationMerged,
  OrganisationPrimaryIdentifierChanged,
  OrganisationReactivated,
  OrganisationRegistered,
  OrganisationRenamed,
  OrganisationWardsServedChanged,
  OrganisationWebsiteChanged,
} from './organisation.events.js';
import { identifierKey, localIdentifierFor, parseOrgId, type OrgId } from './org-id.js';
import { assertMayChangeOrganisations } from './policy.js';
import { ORGANISATION_KINDS, type OrganisationKind, type OrganisationStatus } from './values.js';

/** A decision about organisations also needs the council's prefix for local identifiers. */
export interface OrganisationDecision extends Decision {
  readonly localPrefix: string;
}

export interface RegisterOrganisationInput {
  name: string;
  kind: string;
  /** org-ids; none for a group with no registration, which is then known by a local identifier. */
  identifiers?: string[];
  /** The identifier to show first; the first one when not given. */
  primaryIdentifier?: string | null;
  website?: string | null;
  wardsServed?: string[];
  areasOfWork?: string[];
  effectiveOn?: string | null;
}

/** The fields whose changes each replace the last: each takes effect no earlier than the last. */
type OrderedField =
  'name' | 'kind' | 'website' | 'wardsServed' | 'areasOfWork' | 'primaryIdentifier' | 'status';

const FIELD_NAMES: Record<OrderedField, string> = {
  name: 'name',
  kind: 'kind',
  website: 'website',
  wardsServed: 'wards served',
  areasOfWork: 'areas of work',
  primaryIdentifier: 'primary identifier',
  status: 'status',
};

/**
 * An organisation the council works with. No two organisations hold the same identifier: each
 * identifier is claimed in its own stream (OrganisationIdentifierClaim) in the same append as the
 * event that adds it here, so this aggregate only keeps its own identifiers consistent.
 */
export class Organisation extends EventSourcedAggregate<OrganisationEvent> {
  readonly streamType = 'organisation';
  name = '';
  kind: OrganisationKind = 'other';
  identifiers: OrgId[] = [];
  primaryIdentifier = '';
  website: string | null = null;
  wardsServed: string[] = [];
  areasOfWork: string[] = [];
  status: OrganisationStatus = 'active';
  registeredOn: IsoDate = '';
  mergedIntoOrganisationId: string | null = null;
  private readonly lastChangedOn = new Map<OrderedField, IsoDate>();
  /** Per identifier (by key), the day it was last added or removed. */
  private readonly identifierChangedOn = new Map<string, IsoDate>();

  get isClosed(): boolean {
    return this.status === 'dissolved' || this.status === 'merged';
  }

  /** The day a change takes effect, as it travels in every event's data. */
  effectiveOnOf(event: OrganisationEvent): IsoDate {
    return event.data.effectiveOn;
  }

  register(input: RegisterOrganisationInput, by: OrganisationDecision): void {
    assertMayChangeOrganisations(by.actor);
    if (this.exists)
      throw new DomainError('organisation.exists', 'This organisation is already registered', 'conflict');
    const name = requireText(LIMITS.organisationName, input.name, 'name');
    const given = requireCount({ ...LIMITS.identifiers, min: 0 }, input.identifiers, 'identifiers').map(
      (raw, index) => parseOrgId(raw, `identifiers[${index}]`, by.localPrefix),
    );
    const identifiers = given.length > 0 ? given : [localIdentifierFor(name, by.localPrefix)];
    identifiers.forEach((orgId, index) => {
      const first = identifiers.findIndex(
        (other) => identifierKey(other.identifier) === identifierKey(orgId.identifier),
      );
      if (first !== index)
        refuse(
          'organisation.identifier.duplicate',
          `${orgId.identifier} is listed twice`,
          `identifiers[${index}]`,
        );
    });
    const primaryIdentifier = input.primaryIdentifier
      ? this.heldIn(identifiers, input.primaryIdentifier, 'primaryIdentifier', by).identifier
      : identifiers[0].identifier;
    this.apply({
      type: 'OrganisationRegistered',
      data: {
        organisationId: this.id,
        name,
        kind: requireKind(input.kind),
        identifiers,
        primaryIdentifier,
        website: input.website ? requireWebsite(LIMITS.website, input.website, 'website') : null,
        wardsServed: wardList(input.wardsServed),
        areasOfWork: areaList(input.areasOfWork),
        effectiveOn: effectiveDay(input.effectiveOn, by.today),
      },
    });
  }

  rename(
    input: { name: string; reason?: string | null; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('name', input.effectiveOn, by);
    const name = requireText(LIMITS.organisationName, input.name, 'name');
    if (name === this.name)
      refuse('organisation.name.unchanged', `The organisation is already called ${name}`, 'name');
    this.apply({
      type: 'OrganisationRenamed',
      data: {
        organisationId: this.id,
        previousName: this.name,
        name,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  changeKind(
    input: { kind: string; reason?: string | null; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('kind', input.effectiveOn, by);
    const kind = requireKind(input.kind);
    if (kind === this.kind)
      refuse('organisation.kind.unchanged', `The organisation is already a ${kind}`, 'kind');
    this.apply({
      type: 'OrganisationKindChanged',
      data: {
        organisationId: this.id,
        previousKind: this.kind,
        kind,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  addIdentifier(input: { identifier: string; effectiveOn?: string | null }, by: OrganisationDecision): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const orgId = parseOrgId(input.identifier, 'identifier', by.localPrefix);
    const key = identifierKey(orgId.identifier);
    if (this.identifiers.some((held) => identifierKey(held.identifier) === key))
      refuse(
        'organisation.identifier.already-held',
        `This organisation already has ${orgId.identifier}`,
        'identifier',
      );
    if (this.identifiers.length >= LIMITS.identifiers.max)
      refuse(
        `${LIMITS.identifiers.thing}.too-many`,
        `No more than ${LIMITS.identifiers.max} ${LIMITS.identifiers.label}`,
        'identifier',
      );
    this.refuseIfBeforeIdentifierChange(key, orgId.identifier, effectiveOn);
    this.apply({
      type: 'OrganisationIdentifierAdded',
      data: { organisationId: this.id, identifier: orgId.identifier, scheme: orgId.scheme, effectiveOn },
    });
  }

  removeIdentifier(
    input: { identifier: string; reason: string; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn(null, input.effectiveOn, by);
    const held = this.heldIn(this.identifiers, input.identifier, 'identifier', by);
    if (held.identifier === this.primaryIdentifier)
      refuse(
        'organisation.identifier.primary',
        `${held.identifier} is the primary identifier: make another one primary before removing it`,
        'identifier',
      );
    this.refuseIfBeforeIdentifierChange(identifierKey(held.identifier), held.identifier, effectiveOn);
    this.apply({
      type: 'OrganisationIdentifierRemoved',
      data: {
        organisationId: this.id,
        identifier: held.identifier,
        reason: requireText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  makeIdentifierPrimary(
    input: { identifier: string; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('primaryIdentifier', input.effectiveOn, by);
    const held = this.heldIn(this.identifiers, input.identifier, 'identifier', by);
    if (held.identifier === this.primaryIdentifier)
      refuse(
        'organisation.identifier.already-primary',
        `${held.identifier} is already the primary identifier`,
        'identifier',
      );
    this.refuseIfBeforeIdentifierChange(identifierKey(held.identifier), held.identifier, effectiveOn);
    this.apply({
      type: 'OrganisationPrimaryIdentifierChanged',
      data: {
        organisationId: this.id,
        previousIdentifier: this.primaryIdentifier,
        identifier: held.identifier,
        effectiveOn,
      },
    });
  }

  changeWebsite(
    input: { website: string | null; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('website', input.effectiveOn, by);
    const website = input.website ? requireWebsite(LIMITS.website, input.website, 'website') : null;
    if (website === this.website)
      refuse(
        'organisation.website.unchanged',
        website ? `The website is already ${website}` : 'It has no website already',
        'website',
      );
    this.apply({
      type: 'OrganisationWebsiteChanged',
      data: { organisationId: this.id, previousWebsite: this.website, website, effectiveOn },
    });
  }

  changeWardsServed(
    input: { wardsServed: string[]; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('wardsServed', input.effectiveOn, by);
    const wardsServed = wardList(input.wardsServed);
    const added = wardsServed.filter((code) => !this.wardsServed.includes(code));
    const removed = this.wardsServed.filter((code) => !wardsServed.includes(code));
    if (added.length === 0 && removed.length === 0)
      refuse('organisation.wards-served.unchanged', 'It already serves exactly these wards', 'wardsServed');
    this.apply({
      type: 'OrganisationWardsServedChanged',
      data: { organisationId: this.id, wardsServed, added, removed, effectiveOn },
    });
  }

  changeAreasOfWork(
    input: { areasOfWork: string[]; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('areasOfWork', input.effectiveOn, by);
    const areasOfWork = areaList(input.areasOfWork);
    if (JSON.stringify(areasOfWork) === JSON.stringify(this.areasOfWork))
      refuse('organisation.areas-of-work.unchanged', 'These are already its areas of work', 'areasOfWork');
    this.apply({
      type: 'OrganisationAreasOfWorkChanged',
      data: { organisationId: this.id, areasOfWork, effectiveOn },
    });
  }

  makeDormant(
    input: { reason?: string | null; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (this.status !== 'active')
      refuse('organisation.not-active', 'Only an active organisation can be made dormant');
    this.apply({
      type: 'OrganisationMadeDormant',
      data: {
        organisationId: this.id,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  reactivate(input: { reason?: string | null; effectiveOn?: string | null }, by: OrganisationDecision): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (this.status !== 'dormant')
      refuse('organisation.not-dormant', 'Only a dormant organisation can be reactivated');
    this.apply({
      type: 'OrganisationReactivated',
      data: {
        organisationId: this.id,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  dissolve(input: { reason?: string | null; effectiveOn?: string | null }, by: OrganisationDecision): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    this.refuseIfBeforeAnyChange(effectiveOn, 'dissolved');
    this.apply({
      type: 'OrganisationDissolved',
      data: {
        organisationId: this.id,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /**
   * Merged into another organisation, which must exist, be open and be registered by that day. The
   * handler conditions the append on `into`'s stream version, so it cannot close meanwhile.
   */
  mergeInto(
    into: Organisation,
    input: { reason?: string | null; effectiveOn?: string | null },
    by: OrganisationDecision,
  ): void {
    const effectiveOn = this.changeOn('status', input.effectiveOn, by);
    if (into.id === this.id)
      refuse(
        'organisation.merge-into-itself',
        'An organisation cannot be merged into itself',
        'mergedIntoOrganisationId',
      );
    if (!into.exists)
      refuse('organisation.merge-target-unknown', 'No organisation has that id', 'mergedIntoOrganisationId');
    if (into.isClosed)
      refuse(
        'organisation.merge-target-closed',
        `${into.name} is ${into.status} and cannot take in another organisation`,
        'mergedIntoOrganisationId',
      );
    refuseIfBefore(
      effectiveOn,
      into.registeredOn,
      'organisation.merge-before-target-registered',
      `${into.name} was registered on ${longDate(into.registeredOn)}: a merger into it cannot take effect before`,
    );
    this.refuseIfBeforeAnyChange(effectiveOn, 'merged');
    this.apply({
      type: 'OrganisationMerged',
      data: {
        organisationId: this.id,
        mergedIntoOrganisationId: into.id,
        mergedIntoName: into.name,
        reason: optionalText(LIMITS.reason, input.reason, 'reason'),
        effectiveOn,
      },
    });
  }

  /**
   * Every change: by someone who may, to an open organisation, on a day that is not in the future,
   * not before it was registered, and (for a field each change replaces) not before its last change.
   */
  private changeOn(
    field: OrderedField | null,
    raw: string | null | undefined,
    by: OrganisationDecision,
  ): IsoDate {
    assertMayChangeOrganisations(by.actor);
    if (!this.exists) refuse('organisation.not-registered', 'This organisation is not registered');
    if (this.isClosed)
      refuse(
        'organisation.closed',
        `This organisation was ${this.status} on ${longDate(this.lastChangedOn.get('status')!)} and takes no further changes`,
      );
    const on = effectiveDay(raw, by.today);
    refuseIfBefore(
      on,
      this.registeredOn,
      'organisation.before-registered',
      `The organisation was registered on ${longDate(this.registeredOn)}: a change cannot take effect before`,
    );
    const last = field && this.lastChangedOn.get(field);
    if (field && last)
      refuseIfBefore(
        on,
        last,
        'organisation.before-last-change',
        `Its ${FIELD_NAMES[field]} last changed on ${longDate(last)}: a change to it cannot take effect before`,
      );
    return on;
  }

  private refuseIfBeforeIdentifierChange(key: string, identifier: string, on: IsoDate): void {
    const last = this.identifierChangedOn.get(key);
    if (last)
      refuseIfBefore(
        on,
        last,
        'organisation.before-last-change',
        `${identifier} last changed on ${longDate(last)}: a change to it cannot take effect before`,
      );
  }

  /** An organisation ends no earlier than anything already in effect about it. */
  private refuseIfBeforeAnyChange(on: IsoDate, ending: string): void {
    const latest = this.latestEffectiveOn;
    refuseIfBefore(
      on,
      latest,
      'organisation.before-last-change',
      `A change took effect on ${longDate(latest)}: the organisation cannot be ${ending} before it`,
    );
  }

  private heldIn(identifiers: readonly OrgId[], raw: string, field: string, by: OrganisationDecision): OrgId {
    const key = identifierKey(parseOrgId(raw, field, by.localPrefix).identifier);
    const held = identifiers.find((candidate) => identifierKey(candidate.identifier) === key);
    if (!held)
      refuse('organisation.identifier.not-held', `The organisation does not have ${raw.trim()}`, field);
    return held;
  }

  protected onOrganisationRegistered({ data }: OrganisationRegistered): void {
    this.name = data.name;
    this.kind = data.kind;
    this.identifiers = data.identifiers;
    this.primaryIdentifier = data.primaryIdentifier;
    this.website = data.website;
    this.wardsServed = data.wardsServed;
    this.areasOfWork = data.areasOfWork;
    this.registeredOn = data.effectiveOn;
    for (const field of Object.keys(FIELD_NAMES) as OrderedField[])
      this.lastChangedOn.set(field, data.effectiveOn);
    for (const orgId of data.identifiers)
      this.identifierChangedOn.set(identifierKey(orgId.identifier), data.effectiveOn);
  }

  protected onOrganisationRenamed({ data }: OrganisationRenamed): void {
    this.name = data.name;
    this.lastChangedOn.set('name', data.effectiveOn);
  }

  protected onOrganisationKindChanged({ data }: OrganisationKindChanged): void {
    this.kind = data.kind;
    this.lastChangedOn.set('kind', data.effectiveOn);
  }

  protected onOrganisationIdentifierAdded({ data }: OrganisationIdentifierAdded): void {
    this.identifiers = [...this.identifiers, { identifier: data.identifier, scheme: data.scheme }];
    this.identifierChangedOn.set(identifierKey(data.identifier), data.effectiveOn);
  }

  protected onOrganisationIdentifierRemoved({ data }: OrganisationIdentifierRemoved): void {
    this.identifiers = this.identifiers.filter((held) => held.identifier !== data.identifier);
    this.identifierChangedOn.set(identifierKey(data.identifier), data.effectiveOn);
  }

  protected onOrganisationPrimaryIdentifierChanged({ data }: OrganisationPrimaryIdentifierChanged): void {
    this.primaryIdentifier = data.identifier;
    this.lastChangedOn.set('primaryIdentifier', data.effectiveOn);
  }

  protected onOrganisationWebsiteChanged({ data }: OrganisationWebsiteChanged): void {
    this.website = data.website;
    this.lastChangedOn.set('website', data.effectiveOn);
  }

  protected onOrganisationWardsServedChanged({ data }: OrganisationWardsServedChanged): void {
    this.wardsServed = data.wardsServed;
    this.lastChangedOn.set('wardsServed', data.effectiveOn);
  }

  protected onOrganisationAreasOfWorkChanged({ data }: OrganisationAreasOfWorkChanged): void {
    this.areasOfWork = data.areasOfWork;
    this.lastChangedOn.set('areasOfWork', data.effectiveOn);
  }

  protected onOrganisationMadeDormant({ data }: OrganisationMadeDormant): void {
    this.status = 'dormant';
    this.lastChangedOn.set('status', data.effectiveOn);
  }

  protected onOrganisationReactivated({ data }: OrganisationReactivated): void {
    this.status = 'active';
    this.lastChangedOn.set('status', data.effectiveOn);
  }

  protected onOrganisationDissolved({ data }: OrganisationDissolved): void {
    this.status = 'dissolved';
    this.lastChangedOn.set('status', data.effectiveOn);
  }

  protected onOrganisationMerged({ data }: OrganisationMerged): void {
    this.status = 'merged';
    this.mergedIntoOrganisationId = data.mergedIntoOrganisationId;
    this.lastChangedOn.set('status', data.effectiveOn);
  }
}

function requireKind(kind: string): OrganisationKind {
  if (!ORGANISATION_KINDS.includes(kind as OrganisationKind))
    refuse(
      'organisation.kind.invalid',
      `The kind of organisation must be one of ${ORGANISATION_KINDS.join(', ')}`,
      'kind',
    );
  return kind as OrganisationKind;
}

/** Wards by GSS code, each once, in the order given. */
function wardList(codes: readonly string[] | undefined): string[] {
  const list = requireCount(LIMITS.wardsServed, codes, 'wardsServed').map((code, index) =>
    parseWardCode(code, `wardsServed[${index}]`),
  );
  return [...new Set(list)];
}

/** Areas of work, each once whatever its capitals, in the order given. */
function areaList(areas: readonly string[] | undefined): string[] {
  const list = requireCount(LIMITS.areasOfWork, areas, 'areasOfWork').map((area, index) =>
    requireText(LIMITS.areaOfWork, area, `areasOfWork[${index}]`),
  );
  return list.filter(
    (area, index) => list.findIndex((other) => other.toLowerCase() === area.toLowerCase()) === index,
  );
}

/**
 * The identifier claims a decision needs, from the events it is about to append: each identifier it
 * adds must be claimed, each it removes released, in the same append (see DESIGN.md).
 */
export function identifierClaimChanges(events: readonly OrganisationEvent[]): {
  claimed: OrgId[];
  released: string[];
} {
  const claimed: OrgId[] = [];
  const released: string[] = [];
  for (const event of events) {
    if (event.type === 'OrganisationRegistered') claimed.push(...event.data.identifiers);
    if (event.type === 'OrganisationIdentifierAdded')
      claimed.push({ identifier: event.data.identifier, scheme: event.data.scheme });
    if (event.type === 'OrganisationIdentifierRemoved') released.push(event.data.identifier);
  }
  return { claimed, released };
}
