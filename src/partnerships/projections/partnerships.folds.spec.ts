import type { RecordedEvent } from '../../../libs/event-store/index.js';
import { startOfCouncilDay, type IsoDate } from '../../common/domain/dates.js';
import type { DomainEvent, EventSourcedAggregate } from '../../common/domain/event-sourced-aggregate.js';
import { OrganisationIdentifierClaim } from '../domain/identifier-claim.aggregate.js';
import { Organisation } from '../domain/organisation.aggregate.js';
import { WardPartnership } from '../domain/ward-partnership.aggregate.js';
import { Ward } from '../domain/ward.aggregate.js';
import { by, people } from '../testing/fixtures.js';
import { PARTNERSHIP_ENTITY_FOLDS } from './partnerships.folds.js';

/**
 * Records an aggregate's decisions as the store would: one recorded moment per decision, in the
 * order made, each effective at the start of the council day its events name.
 */
class Stream {
  readonly events: RecordedEvent[] = [];
  private recorded = Date.parse('2024-06-01T09:00:00Z');

  constructor(
    private readonly aggregate: EventSourcedAggregate<DomainEvent & { data: { effectiveOn: IsoDate } }>,
  ) {}

  decide(decision: () => void): this {
    decision();
    for (const event of this.aggregate.getUncommittedEvents()) {
      this.events.push({
        eventId: `e${this.events.length + 1}`,
        streamId: this.aggregate.streamId,
        streamType: this.aggregate.streamType,
        streamVersion: this.events.length + 1,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: {
          actorId: 'helen',
          actorRole: 'admin',
          correlationId: 'c',
          causationId: 'c',
          commandId: 'c',
          client: 'test',
        },
        recordedAt: new Date(this.recorded),
        effectiveAt: startOfCouncilDay(event.data.effectiveOn),
        transactionId: BigInt(this.events.length + 1),
        globalPosition: BigInt(this.events.length + 1),
      });
    }
    this.aggregate.markSaved(this.events.length);
    this.recorded += 60_000;
    return this;
  }

  /** The state every event folds to: the live read model's row. */
  state(kind: keyof typeof PARTNERSHIP_ENTITY_FOLDS) {
    return this.events.reduce<Record<string, unknown> | undefined>(
      (row, event) => PARTNERSHIP_ENTITY_FOLDS[kind](row, event),
      undefined,
    );
  }

  /** The state "as effective at" the end of a council day: only what had happened in the world by then. */
  effectiveAt(kind: keyof typeof PARTNERSHIP_ENTITY_FOLDS, day: IsoDate) {
    const end = startOfCouncilDay(day).getTime() + 24 * 3_600_000;
    return this.events
      .filter((event) => event.effectiveAt.getTime() < end)
      .reduce<Record<string, unknown> | undefined>(
        (row, event) => PARTNERSHIP_ENTITY_FOLDS[kind](row, event),
        undefined,
      );
  }
}

const ward = (code: string) =>
  Ward.for(code).rehydrate([
    {
      type: 'WardRecorded',
      data: {
        wardCode: code,
        name: code,
        localAuthorityCode: 'E06000016',
        localAuthorityName: 'Leicester',
        validFrom: '2015-05-07',
        effectiveOn: '2015-05-07',
      },
    },
  ]);
const registered = (id: string, name: string) => {
  const organisation = new Organisation(id);
  organisation.register({ name, kind: 'registered-charity', effectiveOn: '2015-01-01' }, by());
  organisation.markSaved(1);
  return organisation;
};

describe('the partnership folds', () => {
  const lead = by(people.lead);
  const fmo = registered('fmo', 'Federation of Muslim Organisations');
  const trec = registered('trec', 'The Race Equality Centre');

  function partnershipStory() {
    const partnership = new WardPartnership('abbey');
    const wards = [ward('E05010458')];
    const stream = new Stream(partnership)
      .decide(() =>
        partnership.form(
          {
            name: 'Abbey Ward Partnership',
            wardCodes: ['E05010458'],
            leadOfficerId: 'priya',
            meetingCadence: 'monthly',
            effectiveOn: '2024-01-10',
          },
          wards,
          by(),
        ),
      )
      .decide(() => partnership.joinGroup({ role: 'lead-partner', effectiveOn: '2024-02-01' }, fmo, lead))
      .decide(() =>
        partnership.agreePriority(
          { priorityId: 'p1', title: 'Safer parks', effectiveOn: '2024-02-14' },
          lead,
        ),
      )
      // Entered after the priority, though it happened before it.
      .decide(() => partnership.activate({ effectiveOn: '2024-02-01' }, wards, lead))
      .decide(() =>
        partnership.leaveGroup({ organisationId: 'fmo', reason: 'Moved', effectiveOn: '2024-03-15' }, lead),
      )
      .decide(() => partnership.joinGroup({ role: 'member', effectiveOn: '2024-03-01' }, trec, lead))
      .decide(() => partnership.joinGroup({ role: 'member', effectiveOn: '2024-04-01' }, fmo, lead))
      .decide(() => partnership.linkAction({ actionId: 'a3.2', effectiveOn: '2024-04-02' }, lead))
      .decide(() => partnership.achievePriority({ priorityId: 'p1', effectiveOn: '2024-05-01' }, lead))
      .decide(() =>
        partnership.putUnderReview({ reason: 'Attendance fell', effectiveOn: '2024-05-10' }, lead),
      )
      .decide(() =>
        partnership.changeLeadOfficer(
          { leadOfficerId: 'tom', reason: 'Handover', effectiveOn: '2024-05-20' },
          by(),
        ),
      )
      .decide(() =>
        partnership.scheduleReview({ nextReviewOn: '2024-09-01', effectiveOn: '2024-06-01' }, by()),
      );
    return { partnership, stream };
  }

  it('fold a ward partnership to the state its aggregate decided from', () => {
    const { partnership, stream } = partnershipStory();
    expect(stream.state('ward-partnership')).toEqual({
      id: 'abbey',
      name: 'Abbey Ward Partnership',
      ward_codes: ['E05010458'],
      lead_officer_id: partnership.leadOfficerId,
      councillors: [],
      meeting_cadence: 'monthly',
      status: partnership.status,
      status_reason: 'Attendance fell',
      started_on: '2024-01-10',
      status_changed_on: '2024-05-10',
      next_review_on: partnership.nextReviewOn,
      last_reviewed_on: null,
      ended_on: null,
      members: partnership.memberships,
      priorities: partnership.priorities,
      actions: partnership.actions,
    });
    expect(stream.state('ward-partnership')).toMatchObject({
      status: 'under-review',
      lead_officer_id: 'tom',
    });
  });

  it('give a ward partnership as effective at a day, whatever order its history was entered in', () => {
    const { stream } = partnershipStory();
    expect(stream.effectiveAt('ward-partnership', '2024-01-31')).toMatchObject({
      status: 'forming',
      members: [],
    });
    expect(stream.effectiveAt('ward-partnership', '2024-03-10')).toMatchObject({
      status: 'active',
      members: [
        expect.objectContaining({ organisationId: 'fmo', role: 'lead-partner', leftOn: null }),
        expect.objectContaining({ organisationId: 'trec', joinedOn: '2024-03-01' }),
      ],
      priorities: [expect.objectContaining({ title: 'Safer parks', status: 'agreed' })],
      lead_officer_id: 'priya',
    });
    expect(stream.effectiveAt('ward-partnership', '2024-03-20')).toMatchObject({
      members: [
        expect.objectContaining({ organisationId: 'fmo', leftOn: '2024-03-15' }),
        expect.objectContaining({ organisationId: 'trec', leftOn: null }),
      ],
    });
    expect(stream.effectiveAt('ward-partnership', '2024-05-15')).toMatchObject({
      status: 'under-review',
      priorities: [expect.objectContaining({ status: 'achieved', closedOn: '2024-05-01' })],
      actions: [{ actionId: 'a3.2', linkedOn: '2024-04-02', unlinkedOn: null }],
      next_review_on: null,
    });
    expect(stream.effectiveAt('ward-partnership', '2024-01-09')).toBeUndefined();
  });

  it('fold an organisation, its identifiers and its status', () => {
    const organisation = new Organisation('val');
    const stream = new Stream(organisation)
      .decide(() =>
        organisation.register(
          {
            name: 'Voluntary Action LeicesterShire',
            kind: 'registered-charity',
            identifiers: ['GB-CHC-509300'],
            effectiveOn: '2019-04-01',
          },
          by(),
        ),
      )
      .decide(() =>
        organisation.addIdentifier({ identifier: 'GB-COH-01357513', effectiveOn: '2020-01-01' }, by()),
      )
      .decide(() =>
        organisation.makeIdentifierPrimary(
          { identifier: 'GB-COH-01357513', effectiveOn: '2021-01-01' },
          by(),
        ),
      )
      .decide(() => organisation.rename({ name: 'VAL', effectiveOn: '2022-01-01' }, by()))
      .decide(() => organisation.makeDormant({ reason: 'No trustees', effectiveOn: '2023-01-01' }, by()))
      .decide(() => organisation.mergeInto(trec, { effectiveOn: '2024-01-01' }, by()));
    expect(stream.state('organisation')).toEqual({
      id: 'val',
      name: organisation.name,
      kind: 'registered-charity',
      identifiers: organisation.identifiers,
      primary_identifier: 'GB-COH-01357513',
      website: null,
      wards_served: [],
      areas_of_work: [],
      status: 'merged',
      registered_on: '2019-04-01',
      status_changed_on: '2024-01-01',
      status_reason: null,
      merged_into_organisation_id: 'trec',
    });
    expect(stream.effectiveAt('organisation', '2020-06-30')).toMatchObject({
      name: 'Voluntary Action LeicesterShire',
      identifiers: [
        { identifier: 'GB-CHC-509300', scheme: 'GB-CHC' },
        { identifier: 'GB-COH-01357513', scheme: 'GB-COH' },
      ],
      primary_identifier: 'GB-CHC-509300',
      status: 'active',
    });
    expect(stream.effectiveAt('organisation', '2023-06-30')).toMatchObject({
      name: 'VAL',
      status: 'dormant',
      status_reason: 'No trustees',
    });
  });

  it('fold a ward through a rename and a boundary change', () => {
    const abbey = Ward.for('E05010458');
    const importer = by(people.importer);
    const stream = new Stream(abbey)
      .decide(() =>
        abbey.importRow(
          { name: 'Abbey', localAuthorityCode: 'E06000016', localAuthorityName: 'Leicester' },
          { validFrom: '2015-05-07' },
          importer,
        ),
      )
      .decide(() => abbey.rename({ name: 'Abbey Park', effectiveOn: '2020-01-01' }, importer))
      .decide(() => abbey.end({ successors: ['E05099991'], effectiveOn: '2024-05-02' }, importer));
    expect(stream.state('ward')).toEqual({
      id: 'E05010458',
      name: 'Abbey Park',
      local_authority_code: 'E06000016',
      local_authority_name: 'Leicester',
      valid_from: '2015-05-07',
      ended_on: '2024-05-02',
      successors: ['E05099991'],
    });
    expect(stream.effectiveAt('ward', '2019-12-31')).toMatchObject({ name: 'Abbey', ended_on: null });
  });

  it('fold the claim on an identifier to whoever holds it', () => {
    const claim = OrganisationIdentifierClaim.for('GB-CHC-509300');
    const stream = new Stream(claim)
      .decide(() =>
        claim.claim(
          { identifier: 'GB-CHC-509300', organisationId: 'val', effectiveOn: '2019-04-01' },
          'identifier',
        ),
      )
      .decide(() =>
        claim.release({ identifier: 'GB-CHC-509300', organisationId: 'val', effectiveOn: '2023-05-01' }),
      );
    expect(stream.effectiveAt('organisation-identifier', '2020-01-01')).toEqual({
      id: 'GB-CHC-509300',
      identifier: 'GB-CHC-509300',
      held_by: 'val',
    });
    expect(stream.state('organisation-identifier')).toMatchObject({ held_by: null });
  });

  it('leave a row alone for an event that comes before the entity exists', () => {
    const stray = { type: 'WardRenamed', data: { name: 'x' } } as unknown as RecordedEvent;
    expect(PARTNERSHIP_ENTITY_FOLDS.ward(undefined, stray)).toBeUndefined();
    expect(
      PARTNERSHIP_ENTITY_FOLDS['ward-partnership'](undefined, { ...stray, type: 'KeyGroupLeft' }),
    ).toBeUndefined();
  });
});
