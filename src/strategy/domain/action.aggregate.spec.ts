import { given } from '../../../libs/testing/given-when-then.js';
import type { Actor } from '../../common/domain/actor.js';
import type { ActionEvent, ActionPlanned } from './action.events.js';
import { Action } from './action.aggregate.js';
import { Pledge } from './pledge.aggregate.js';
import type { PledgeMade } from './pledge.events.js';

const today = '2024-06-30';
const planned: ActionPlanned = {
  type: 'ActionPlanned',
  data: {
    actionId: 'a1',
    strategyId: 's1',
    themeId: 't1',
    pledgeId: 'p3',
    reference: 'A3.2',
    title: 'Ward partnerships',
    description: 'Work with key groups in all council wards',
    leadOfficerId: 'officer-1',
    partners: [],
    startDate: '2024-01-01',
    dueDate: '2024-12-31',
    milestones: [{ id: 'm1', title: 'Ward map agreed', dueDate: '2024-03-31', achievedOn: null }],
    effectiveOn: '2023-12-01',
  },
};
const progress = (rag: 'red' | 'amber' | 'green', percentComplete = 10): ActionEvent => ({
  type: 'ActionProgressLogged',
  data: {
    actionId: 'a1',
    narrative: 'n',
    rag,
    previousRag: null,
    ragJustification: null,
    percentComplete,
    evidence: [],
    effectiveOn: '2024-02-01',
  },
});
const completed: ActionEvent = {
  type: 'ActionCompleted',
  data: { actionId: 'a1', completedOn: '2024-06-01', summary: 'Done', reason: null },
};
const update = {
  narrative: 'Met the ward groups',
  rag: 'green' as const,
  percentComplete: 20,
  evidence: [],
  effectiveOn: '2024-06-10',
};

const activePledge = () => {
  const made: PledgeMade = {
    type: 'PledgeMade',
    data: {
      pledgeId: 'p3',
      strategyId: 's1',
      themeId: 't1',
      reference: 'P3',
      title: 'T',
      description: 'D',
      principles: [],
      lead: 'L',
      effectiveOn: '2023-10-16',
    },
  };
  return new Pledge('p3').rehydrate([made]);
};
const plan = {
  reference: 'A3.2',
  title: 'Ward partnerships',
  description: 'Work with key groups',
  leadOfficerId: 'officer-1',
  partners: [],
  startDate: '2024-01-01',
  dueDate: '2024-12-31',
  milestones: [],
};

describe('planning an action', () => {
  it('plans it under an active pledge with its baseline dates', () => {
    given(new Action('a1'))
      .when((action) => action.plan(activePledge(), plan, today))
      .then({
        type: 'ActionPlanned',
        data: {
          ...plan,
          actionId: 'a1',
          strategyId: 's1',
          themeId: 't1',
          pledgeId: 'p3',
          effectiveOn: today,
        },
      });
  });

  it.each([
    [{ reference: 'X1' }, 'action.reference-invalid', 'reference'],
    [{ reference: 'A4.1' }, 'action.reference-mismatch', 'reference'],
    [{ dueDate: '2023-12-31' }, 'action.due-before-start', 'dueDate'],
    [{ dueDate: '2024-02-30' }, 'dueDate.invalid', 'dueDate'],
    [{ title: '   ' }, 'title.required', 'title'],
    [
      { partners: [{ name: 'VAL', orgId: 'charity 123' }] },
      'action.partner-org-id-invalid',
      'partners[0].orgId',
    ],
    [{ reference: 'A3.1000' }, 'action.reference-invalid', 'reference'],
    [{ reference: 'a3.2' }, 'action.reference-invalid', 'reference'],
    [{ reference: 'A03.2' }, 'action.reference-invalid', 'reference'],
    [{ reference: 'A3.02' }, 'action.reference-invalid', 'reference'],
    [{ reference: 'A3.0' }, 'action.reference-invalid', 'reference'],
    [{ startDate: '2024-1-1' }, 'startDate.invalid', 'startDate'],
    [{ title: 'x'.repeat(301) }, 'title.too-long', 'title'],
    [{ description: '' }, 'description.required', 'description'],
    [{ description: 'x'.repeat(5001) }, 'description.too-long', 'description'],
    [{ partners: [{ name: ' ' }] }, 'partners[0].name.required', 'partners[0].name'],
    [{ partners: [{ name: 'x'.repeat(201) }] }, 'partners[0].name.too-long', 'partners[0].name'],
    [
      { milestones: [{ id: 'm1', title: '', dueDate: '2024-03-31' }] },
      'milestones[0].title.required',
      'milestones[0].title',
    ],
    [
      { milestones: [{ id: 'm1', title: 'x'.repeat(201), dueDate: '2024-03-31' }] },
      'milestones[0].title.too-long',
      'milestones[0].title',
    ],
    [
      { milestones: [{ id: 'm1', title: 'Map', dueDate: 'March' }] },
      'milestones[0].dueDate.invalid',
      'milestones[0].dueDate',
    ],
  ])('refuses %j', (change, code, field) => {
    given(new Action('a1'))
      .when((action) => action.plan(activePledge(), { ...plan, ...change }, today))
      .thenRefuses(code, field);
  });

  it('keeps a partner identified the way the sector identifies it', () => {
    const action = new Action('a1');
    action.plan(
      activePledge(),
      {
        ...plan,
        partners: [
          { name: 'Voluntary Action Leicester', orgId: 'GB-CHC-1084520' },
          { name: 'Mutual aid group' },
        ],
      },
      today,
    );
    expect((action.getUncommittedEvents()[0] as ActionPlanned).data.partners).toEqual([
      { name: 'Voluntary Action Leicester', orgId: 'GB-CHC-1084520' },
      { name: 'Mutual aid group' },
    ]);
  });

  it('refuses a second action with the same reference', () => {
    given(new Action('a1'), planned)
      .when((action) => action.plan(activePledge(), plan, today))
      .thenRefuses('action.reference-taken');
  });

  it('refuses an action under a withdrawn pledge', () => {
    const pledge = activePledge();
    pledge.withdraw({ reason: 'No longer funded' }, today);
    given(new Action('a1'))
      .when((action) => action.plan(pledge, plan, today))
      .thenRefuses('pledge.not-active');
  });
});

describe('logging progress', () => {
  it('records the first update with its RAG, percent, evidence and effective date', () => {
    given(new Action('a1'), planned)
      .when((action) =>
        action.logProgress(
          { ...update, evidence: [{ title: 'Minutes', url: 'https://example.org/m.pdf' }] },
          today,
        ),
      )
      .then({
        type: 'ActionProgressLogged',
        data: {
          actionId: 'a1',
          ...update,
          previousRag: null,
          ragJustification: null,
          evidence: [{ title: 'Minutes', url: 'https://example.org/m.pdf' }],
        },
      });
  });

  it('needs a justification when the RAG changes', () => {
    given(new Action('a1'), planned, progress('green'))
      .when((action) => action.logProgress({ ...update, rag: 'red' }, today))
      .thenRefuses('action.rag-justification-required', 'ragJustification');
  });

  it('accepts a RAG change that is justified, and remembers the previous RAG', () => {
    const action = new Action('a1').rehydrate([planned, progress('green')]);
    action.logProgress({ ...update, rag: 'amber', ragJustification: 'Funding delayed' }, today);
    expect(action.getUncommittedEvents()[0].data).toMatchObject({
      rag: 'amber',
      previousRag: 'green',
      ragJustification: 'Funding delayed',
    });
    expect(action.status).toBe('at-risk');
  });

  it('needs no justification when the RAG stays the same', () => {
    const action = new Action('a1').rehydrate([planned, progress('green')]);
    action.logProgress(update, today);
    expect(action.getUncommittedEvents()).toHaveLength(1);
  });

  it.each([
    [{ narrative: '' }, 'narrative.required', 'narrative'],
    [{ narrative: 'x'.repeat(5001) }, 'narrative.too-long', 'narrative'],
    [{ percentComplete: 101 }, 'action.percent-invalid', 'percentComplete'],
    [{ percentComplete: -1 }, 'action.percent-invalid', 'percentComplete'],
    [{ percentComplete: 12.5 }, 'action.percent-invalid', 'percentComplete'],
    [{ rag: 'blue' }, 'action.rag-invalid', 'rag'],
    [{ effectiveOn: '2024-07-01' }, 'effectiveOn.in-future', 'effectiveOn'],
    [{ effectiveOn: 'yesterday' }, 'effectiveOn.invalid', 'effectiveOn'],
    [
      { evidence: [{ title: 'x', url: 'javascript:alert(1)' }] },
      'action.evidence-url-invalid',
      'evidence[0].url',
    ],
  ])('refuses %j', (change, code, field) => {
    given(new Action('a1'), planned)
      .when((action) => action.logProgress({ ...update, ...(change as object) }, today))
      .thenRefuses(code, field);
  });

  it('accepts an update back-dated to a day in the past', () => {
    const action = new Action('a1').rehydrate([planned]);
    action.logProgress({ ...update, effectiveOn: '2024-03-03' }, today);
    expect(action.getUncommittedEvents()[0].data).toMatchObject({ effectiveOn: '2024-03-03' });
  });

  it.each(['completed', 'cancelled', 'deferred'])('takes no progress once %s', (status) => {
    const closing: ActionEvent =
      status === 'completed'
        ? completed
        : status === 'cancelled'
          ? { type: 'ActionCancelled', data: { actionId: 'a1', cancelledOn: today, reason: 'r' } }
          : { type: 'ActionDeferred', data: { actionId: 'a1', deferredOn: today, reason: 'r', until: null } };
    given(new Action('a1'), planned, closing)
      .when((action) => action.logProgress(update, today))
      .thenRefuses('action.closed');
  });
});

describe('revising the due date', () => {
  it('keeps the baseline beside the new date', () => {
    given(new Action('a1'), planned)
      .when((action) =>
        action.reviseDueDate({ newDueDate: '2025-03-31', reason: 'Consultation extended' }, today),
      )
      .then({
        type: 'DueDateRevised',
        data: {
          actionId: 'a1',
          previousDueDate: '2024-12-31',
          newDueDate: '2025-03-31',
          baselineDueDate: '2024-12-31',
          reason: 'Consultation extended',
          effectiveOn: today,
        },
      });
  });

  it.each([
    [{ reason: ' ' }, 'reason.required'],
    [{ newDueDate: '2024-12-31' }, 'action.due-date-unchanged'],
    [{ newDueDate: '2023-06-01' }, 'action.due-before-start'],
    [{ newDueDate: '31/03/2025' }, 'newDueDate.invalid'],
  ])('refuses %j', (change, code) => {
    given(new Action('a1'), planned)
      .when((action) => action.reviseDueDate({ newDueDate: '2025-03-31', reason: 'r', ...change }, today))
      .thenRefuses(code);
  });
});

describe('milestones', () => {
  it('records a milestone achieved on a past date, once', () => {
    const action = new Action('a1').rehydrate([planned]);
    action.achieveMilestone({ milestoneId: 'm1', achievedOn: '2024-03-20' }, today);
    expect(action.milestones[0].achievedOn).toBe('2024-03-20');
    expect(() => action.achieveMilestone({ milestoneId: 'm1', achievedOn: '2024-03-21' }, today)).toThrow(
      expect.objectContaining({ code: 'milestone.already-achieved' }),
    );
  });

  it('refuses an unknown milestone and a future date', () => {
    given(new Action('a1'), planned)
      .when((action) => action.achieveMilestone({ milestoneId: 'zz', achievedOn: today }, today))
      .thenRefuses('milestone.not-found');
    given(new Action('a1'), planned)
      .when((action) => action.achieveMilestone({ milestoneId: 'm1', achievedOn: '2025-01-01' }, today))
      .thenRefuses('achievedOn.in-future');
  });
});

describe('completing, cancelling, deferring and reopening', () => {
  it('completes on time with a summary and no reason', () => {
    given(new Action('a1'), planned)
      .when((action) => action.complete({ completedOn: '2024-06-01', summary: 'Done' }, today))
      .then(completed);
  });

  it('needs a reason to complete after the due date', () => {
    const late = { ...planned, data: { ...planned.data, dueDate: '2024-05-01' } };
    given(new Action('a1'), late)
      .when((action) => action.complete({ completedOn: '2024-06-01', summary: 'Done' }, today))
      .thenRefuses('action.late-completion-reason-required', 'reason');
  });

  it('needs a reason to cancel, to defer and to reopen', () => {
    given(new Action('a1'), planned)
      .when((action) => action.cancel({ reason: '' }, today))
      .thenRefuses('reason.required');
    given(new Action('a1'), planned)
      .when((action) => action.defer({ reason: '' }, today))
      .thenRefuses('reason.required');
    given(new Action('a1'), planned, completed)
      .when((action) => action.reopen({ reason: '' }, today))
      .thenRefuses('reason.required');
  });

  it('defers only to a later date', () => {
    given(new Action('a1'), planned)
      .when((action) => action.defer({ reason: 'r', until: '2024-01-01' }, today))
      .thenRefuses('action.defer-until-past', 'until');
  });

  it('reopens a closed action back to the status its RAG gives', () => {
    const action = new Action('a1').rehydrate([planned, progress('amber'), completed]);
    action.reopen({ reason: 'Audit found gaps' }, today);
    expect(action.status).toBe('at-risk');
  });

  it('refuses to reopen an open action, or close a closed one again', () => {
    given(new Action('a1'), planned)
      .when((action) => action.reopen({ reason: 'r' }, today))
      .thenRefuses('action.not-closed');
    given(new Action('a1'), planned, completed)
      .when((action) => action.cancel({ reason: 'r' }, today))
      .thenRefuses('action.closed');
  });
});

describe('who may change an action', () => {
  const action = new Action('a1').rehydrate([planned]);
  const actor = (id: string, role: Actor['role']): Actor => ({ id, role, name: id });

  it('lets its lead officer and any admin change it', () => {
    expect(() => action.assertMayChange(actor('officer-1', 'officer'))).not.toThrow();
    expect(() => action.assertMayChange(actor('admin-1', 'admin'))).not.toThrow();
  });

  it.each([
    ['officer-2', 'officer'],
    ['scrutiny-1', 'scrutiny'],
    ['auditor-1', 'auditor'],
  ] as const)('refuses %s (%s)', (id, role) => {
    expect(() => action.assertMayChange(actor(id, role))).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });

  it('reassigns the lead with a reason, to someone else', () => {
    given(new Action('a1'), planned)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-1', reason: 'r' }, today))
      .thenRefuses('action.same-lead');
    given(new Action('a1'), planned)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-2', reason: '' }, today))
      .thenRefuses('reason.required');
  });
});

const cancelled: ActionEvent = {
  type: 'ActionCancelled',
  data: { actionId: 'a1', cancelledOn: today, reason: 'No longer needed' },
};
const deferred: ActionEvent = {
  type: 'ActionDeferred',
  data: { actionId: 'a1', deferredOn: today, reason: 'Waiting for funding', until: null },
};
const reopened: ActionEvent = {
  type: 'ActionReopened',
  data: { actionId: 'a1', reopenedOn: today, reason: 'Back on the plan' },
};
const closings: [string, ActionEvent][] = [
  ['completed', completed],
  ['cancelled', cancelled],
  ['deferred', deferred],
];
/** What a refused change must leave as it was. */
const stateOf = (action: Action) => ({
  status: action.status,
  leadOfficerId: action.leadOfficerId,
  baselineDue: action.baselineDue,
  currentDue: action.currentDue,
  milestones: action.milestones,
});

describe('a closed action', () => {
  /** Each change a closed action refuses, and the event it gives once the action is reopened. */
  const changes: [string, (action: Action) => void, ActionEvent][] = [
    [
      'revise its due date',
      (a) => a.reviseDueDate({ newDueDate: '2025-03-31', reason: 'Consultation extended' }, today),
      {
        type: 'DueDateRevised',
        data: {
          actionId: 'a1',
          previousDueDate: '2024-12-31',
          newDueDate: '2025-03-31',
          baselineDueDate: '2024-12-31',
          reason: 'Consultation extended',
          effectiveOn: today,
        },
      },
    ],
    [
      'add a milestone',
      (a) => a.addMilestone({ id: 'm2', title: 'Launch event', dueDate: '2024-09-30' }, today),
      {
        type: 'MilestoneAdded',
        data: {
          actionId: 'a1',
          milestone: { id: 'm2', title: 'Launch event', dueDate: '2024-09-30', achievedOn: null },
          effectiveOn: today,
        },
      },
    ],
    [
      'achieve a milestone',
      (a) => a.achieveMilestone({ milestoneId: 'm1', achievedOn: today }, today),
      { type: 'MilestoneAchieved', data: { actionId: 'a1', milestoneId: 'm1', achievedOn: today } },
    ],
    [
      'reassign its lead',
      (a) => a.reassignLead({ leadOfficerId: 'officer-2', reason: 'Restructure' }, today),
      {
        type: 'ActionLeadReassigned',
        data: {
          actionId: 'a1',
          previousLeadOfficerId: 'officer-1',
          leadOfficerId: 'officer-2',
          reason: 'Restructure',
          effectiveOn: today,
        },
      },
    ],
    [
      'complete it',
      (a) => a.complete({ summary: 'Done' }, today),
      {
        type: 'ActionCompleted',
        data: { actionId: 'a1', completedOn: today, summary: 'Done', reason: null },
      },
    ],
    ['cancel it', (a) => a.cancel({ reason: 'No longer needed' }, today), cancelled],
    ['defer it', (a) => a.defer({ reason: 'Waiting for funding' }, today), deferred],
  ];
  const cases = closings.flatMap(([status, closing]) =>
    changes.map(([change, decide, event]) => [status, change, closing, decide, event] as const),
  );

  it.each(cases)('once %s, refuses to %s', (_, __, closing, decide) => {
    const action = new Action('a1');
    given(action, planned, closing).when(decide).thenRefuses('action.closed');
    expect(stateOf(action)).toEqual(stateOf(new Action('a1').rehydrate([planned, closing])));
  });

  it.each(cases)('once %s and reopened, lets you %s', (_, __, closing, decide, event) => {
    given(new Action('a1'), planned, closing, reopened).when(decide).then(event);
  });

  it('refuses a change while closed even when the change itself is valid and the lead is new', () => {
    const action = new Action('a1');
    given(action, planned, deferred)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-2', reason: 'r' }, today))
      .thenRefuses('action.closed');
    expect(action.leadOfficerId).toBe('officer-1');
  });
});

describe('planning an action: the rest of its rules', () => {
  it('refuses the same reference twice before the first plan is saved, as a conflict', () => {
    const action = new Action('a1');
    action.plan(activePledge(), plan, today);
    expect(() => action.plan(activePledge(), plan, today)).toThrow(
      expect.objectContaining({ code: 'action.reference-taken', kind: 'conflict' }),
    );
    expect(action.getUncommittedEvents()).toHaveLength(1);
  });

  it('refuses an action under a concluded pledge', () => {
    const pledge = activePledge();
    pledge.conclude({ outcome: 'achieved', reason: 'Delivered' }, today);
    given(new Action('a1'))
      .when((action) => action.plan(pledge, plan, today))
      .thenRefuses('pledge.not-active');
  });

  it('plans an action under a pledge that was withdrawn and reinstated', () => {
    const pledge = activePledge();
    pledge.withdraw({ reason: 'No funding' }, today);
    pledge.reinstate({ reason: 'Funding found' }, today);
    const action = new Action('a1');
    action.plan(pledge, plan, today);
    expect(action.getUncommittedEvents()).toHaveLength(1);
  });

  it('accepts an action due on the day it starts, numbered up to A3.999', () => {
    given(new Action('a1'))
      .when((action) =>
        action.plan(activePledge(), { ...plan, reference: 'A3.999', dueDate: '2024-01-01' }, today),
      )
      .then({
        type: 'ActionPlanned',
        data: {
          ...plan,
          reference: 'A3.999',
          dueDate: '2024-01-01',
          actionId: 'a1',
          strategyId: 's1',
          themeId: 't1',
          pledgeId: 'p3',
          effectiveOn: today,
        },
      });
  });

  it('treats an empty organisation identifier as none', () => {
    const action = new Action('a1');
    action.plan(activePledge(), { ...plan, partners: [{ name: 'Mutual aid group', orgId: '' }] }, today);
    expect((action.getUncommittedEvents()[0] as ActionPlanned).data.partners).toEqual([
      { name: 'Mutual aid group' },
    ]);
  });
});

describe('logging progress: the rest of its rules', () => {
  it.each([
    [{ ragJustification: 'x'.repeat(2001), rag: 'red' }, 'ragJustification.too-long', 'ragJustification'],
    [
      { evidence: [{ title: ' ', url: 'https://example.org/m.pdf' }] },
      'evidence[0].title.required',
      'evidence[0].title',
    ],
    [
      { evidence: [{ title: 'x'.repeat(201), url: 'https://example.org/m.pdf' }] },
      'evidence[0].title.too-long',
      'evidence[0].title',
    ],
    [
      { evidence: [{ title: 'Minutes', url: 'not a url' }] },
      'action.evidence-url-invalid',
      'evidence[0].url',
    ],
  ])('refuses %j', (change, code, field) => {
    given(new Action('a1'), planned, progress('green'))
      .when((action) => action.logProgress({ ...update, ...(change as object) }, today))
      .thenRefuses(code, field);
  });

  it('does not count a blank justification as one', () => {
    const action = new Action('a1');
    given(action, planned, progress('green'))
      .when((a) => a.logProgress({ ...update, rag: 'red', ragJustification: '   ' }, today))
      .thenRefuses('action.rag-justification-required', 'ragJustification');
    expect(action.rag).toBe('green');
    expect(action.status).toBe('on-track');
  });

  it.each([0, 100])('accepts %i percent complete', (percentComplete) => {
    const action = new Action('a1').rehydrate([planned]);
    action.logProgress({ ...update, percentComplete }, today);
    expect(action.percentComplete).toBe(percentComplete);
  });

  it('accepts an update dated today', () => {
    const action = new Action('a1').rehydrate([planned]);
    action.logProgress({ ...update, effectiveOn: today }, today);
    expect(action.getUncommittedEvents()[0].data).toMatchObject({ effectiveOn: today });
  });

  it('takes progress again once reopened', () => {
    const action = new Action('a1').rehydrate([planned, completed, reopened]);
    action.logProgress({ ...update, effectiveOn: today }, today);
    expect(action.status).toBe('on-track');
  });
});

describe('revising the due date: the rest of its rules', () => {
  const revised: ActionEvent = {
    type: 'DueDateRevised',
    data: {
      actionId: 'a1',
      previousDueDate: '2024-12-31',
      newDueDate: '2025-03-31',
      baselineDueDate: '2024-12-31',
      reason: 'Consultation extended',
      effectiveOn: today,
    },
  };

  it('accepts a due date on the start date, but not the day before', () => {
    given(new Action('a1'), planned)
      .when((action) => action.reviseDueDate({ newDueDate: '2024-01-01', reason: 'r' }, today))
      .then({
        type: 'DueDateRevised',
        data: {
          actionId: 'a1',
          previousDueDate: '2024-12-31',
          newDueDate: '2024-01-01',
          baselineDueDate: '2024-12-31',
          reason: 'r',
          effectiveOn: today,
        },
      });
    given(new Action('a1'), planned)
      .when((action) => action.reviseDueDate({ newDueDate: '2023-12-31', reason: 'r' }, today))
      .thenRefuses('action.due-before-start', 'newDueDate');
  });

  it('compares a new date with the current due date, not the baseline', () => {
    const action = new Action('a1');
    given(action, planned, revised)
      .when((a) => a.reviseDueDate({ newDueDate: '2025-03-31', reason: 'r' }, today))
      .thenRefuses('action.due-date-unchanged', 'newDueDate');
    expect(action.currentDue).toBe('2025-03-31');
    given(new Action('a1'), planned, revised)
      .when((a) => a.reviseDueDate({ newDueDate: '2024-12-31', reason: 'Back on plan' }, today))
      .then({
        type: 'DueDateRevised',
        data: {
          actionId: 'a1',
          previousDueDate: '2025-03-31',
          newDueDate: '2024-12-31',
          baselineDueDate: '2024-12-31',
          reason: 'Back on plan',
          effectiveOn: today,
        },
      });
  });

  it('refuses a reason that is too long', () => {
    given(new Action('a1'), planned)
      .when((action) => action.reviseDueDate({ newDueDate: '2025-03-31', reason: 'x'.repeat(2001) }, today))
      .thenRefuses('reason.too-long', 'reason');
  });
});

describe('milestones: the rest of their rules', () => {
  it.each([
    [{ title: ' ' }, 'title.required', 'title'],
    [{ title: 'x'.repeat(201) }, 'title.too-long', 'title'],
    [{ dueDate: '2024-09-31' }, 'dueDate.invalid', 'dueDate'],
  ])('refuses to add a milestone with %j', (change, code, field) => {
    const action = new Action('a1');
    given(action, planned)
      .when((a) =>
        a.addMilestone({ id: 'm2', title: 'Launch event', dueDate: '2024-09-30', ...change }, today),
      )
      .thenRefuses(code, field);
    expect(action.milestones.map((m) => m.id)).toEqual(['m1']);
  });

  it('adds a milestone, which can then be achieved', () => {
    const action = new Action('a1').rehydrate([planned]);
    action.addMilestone({ id: 'm2', title: 'Launch event', dueDate: '2024-09-30' }, today);
    action.achieveMilestone({ milestoneId: 'm2', achievedOn: today }, today);
    expect(action.milestones.map((m) => [m.id, m.achievedOn])).toEqual([
      ['m1', null],
      ['m2', today],
    ]);
  });

  it('refuses to achieve a milestone a second time, keeping the first date', () => {
    const achieved: ActionEvent = {
      type: 'MilestoneAchieved',
      data: { actionId: 'a1', milestoneId: 'm1', achievedOn: '2024-03-20' },
    };
    const action = new Action('a1');
    given(action, planned, achieved)
      .when((a) => a.achieveMilestone({ milestoneId: 'm1', achievedOn: '2024-03-21' }, today))
      .thenRefuses('milestone.already-achieved');
    expect(action.milestones[0].achievedOn).toBe('2024-03-20');
  });

  it('achieves a milestone today, but not on a date that is not one', () => {
    given(new Action('a1'), planned)
      .when((a) => a.achieveMilestone({ milestoneId: 'm1', achievedOn: today }, today))
      .then({ type: 'MilestoneAchieved', data: { actionId: 'a1', milestoneId: 'm1', achievedOn: today } });
    given(new Action('a1'), planned)
      .when((a) => a.achieveMilestone({ milestoneId: 'm1', achievedOn: '20/03/2024' }, today))
      .thenRefuses('achievedOn.invalid', 'achievedOn');
  });
});

describe('completing, deferring and reopening: the rest of their rules', () => {
  it.each([
    [{ completedOn: '2024-07-01' }, 'completedOn.in-future', 'completedOn'],
    [{ completedOn: '2024-06-31' }, 'completedOn.invalid', 'completedOn'],
    [{ summary: '' }, 'summary.required', 'summary'],
    [{ summary: 'x'.repeat(5001) }, 'summary.too-long', 'summary'],
    [{ reason: 'x'.repeat(2001) }, 'reason.too-long', 'reason'],
  ])('refuses to complete with %j', (change, code, field) => {
    const action = new Action('a1');
    given(action, planned)
      .when((a) => a.complete({ completedOn: '2024-06-01', summary: 'Done', ...change }, today))
      .thenRefuses(code, field);
    expect(action.status).toBe('not-started');
  });

  it('needs no reason to complete on the due date itself, nor today', () => {
    const dueToday = { ...planned, data: { ...planned.data, dueDate: today } };
    given(new Action('a1'), dueToday)
      .when((a) => a.complete({ completedOn: today, summary: 'Done' }, today))
      .then({
        type: 'ActionCompleted',
        data: { actionId: 'a1', completedOn: today, summary: 'Done', reason: null },
      });
  });

  it('needs a reason the day after the due date, and accepts one', () => {
    const late = { ...planned, data: { ...planned.data, dueDate: '2024-05-31' } };
    given(new Action('a1'), late)
      .when((a) => a.complete({ completedOn: '2024-06-01', summary: 'Done', reason: '  ' }, today))
      .thenRefuses('action.late-completion-reason-required', 'reason');
    given(new Action('a1'), late)
      .when((a) =>
        a.complete({ completedOn: '2024-06-01', summary: 'Done', reason: 'Venue fell through' }, today),
      )
      .then({
        type: 'ActionCompleted',
        data: { actionId: 'a1', completedOn: '2024-06-01', summary: 'Done', reason: 'Venue fell through' },
      });
  });

  it('measures lateness against the revised due date, not the baseline', () => {
    const late = { ...planned, data: { ...planned.data, dueDate: '2024-05-31' } };
    const revised: ActionEvent = {
      type: 'DueDateRevised',
      data: {
        actionId: 'a1',
        previousDueDate: '2024-05-31',
        newDueDate: '2024-06-15',
        baselineDueDate: '2024-05-31',
        reason: 'r',
        effectiveOn: '2024-02-01',
      },
    };
    given(new Action('a1'), late, revised)
      .when((a) => a.complete({ completedOn: '2024-06-01', summary: 'Done' }, today))
      .then({
        type: 'ActionCompleted',
        data: { actionId: 'a1', completedOn: '2024-06-01', summary: 'Done', reason: null },
      });
  });

  it('defers to tomorrow, but not to today', () => {
    given(new Action('a1'), planned)
      .when((a) => a.defer({ reason: 'r', until: today }, today))
      .thenRefuses('action.defer-until-past', 'until');
    given(new Action('a1'), planned)
      .when((a) => a.defer({ reason: 'r', until: '2024-07-01' }, today))
      .then({
        type: 'ActionDeferred',
        data: { actionId: 'a1', deferredOn: today, reason: 'r', until: '2024-07-01' },
      });
  });

  it('refuses to defer to a date that is not one', () => {
    given(new Action('a1'), planned)
      .when((a) => a.defer({ reason: 'r', until: '2024-02-30' }, today))
      .thenRefuses('until.invalid', 'until');
  });

  it.each(['red', 'amber', 'green'] as const)('refuses to reopen an open action whose RAG is %s', (rag) => {
    const action = new Action('a1');
    given(action, planned, progress(rag))
      .when((a) => a.reopen({ reason: 'r' }, today))
      .thenRefuses('action.not-closed');
    expect(stateOf(action)).toEqual(stateOf(new Action('a1').rehydrate([planned, progress(rag)])));
  });

  it.each(closings)('reopens an action that is %s', (_, closing) => {
    given(new Action('a1'), planned, closing)
      .when((a) => a.reopen({ reason: 'Back on the plan' }, today))
      .then(reopened);
  });

  it('refuses to reopen an action that was reopened already', () => {
    given(new Action('a1'), planned, completed, reopened)
      .when((a) => a.reopen({ reason: 'r' }, today))
      .thenRefuses('action.not-closed');
  });
});

describe('who may change an action: the rest of its rules', () => {
  const actor = (id: string, role: Actor['role']): Actor => ({ id, role, name: id });
  const reassigned: ActionEvent = {
    type: 'ActionLeadReassigned',
    data: {
      actionId: 'a1',
      previousLeadOfficerId: 'officer-1',
      leadOfficerId: 'officer-2',
      reason: 'r',
      effectiveOn: today,
    },
  };

  it('refuses others with the code action.not-your-action', () => {
    const action = new Action('a1').rehydrate([planned]);
    expect(() => action.assertMayChange(actor('officer-2', 'officer'))).toThrow(
      expect.objectContaining({ code: 'action.not-your-action', kind: 'forbidden' }),
    );
    expect(() => action.assertMayChange(actor('scrutiny-1', 'scrutiny'))).toThrow(
      expect.objectContaining({ code: 'action.not-your-action', kind: 'forbidden' }),
    );
  });

  it('refuses an officer whose id matches but who is not an officer', () => {
    const action = new Action('a1').rehydrate([planned]);
    expect(() => action.assertMayChange(actor('officer-1', 'auditor'))).toThrow(
      expect.objectContaining({ code: 'action.not-your-action' }),
    );
  });

  it('lets the system change it', () => {
    const action = new Action('a1').rehydrate([planned]);
    expect(() => action.assertMayChange(actor('system', 'system'))).not.toThrow();
  });

  it('moves the right to change it to the new lead', () => {
    const action = new Action('a1').rehydrate([planned, reassigned]);
    expect(() => action.assertMayChange(actor('officer-2', 'officer'))).not.toThrow();
    expect(() => action.assertMayChange(actor('officer-1', 'officer'))).toThrow(
      expect.objectContaining({ code: 'action.not-your-action' }),
    );
  });

  it('reassigns the lead back to a previous lead, but not to the current one', () => {
    given(new Action('a1'), planned, reassigned)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-2', reason: 'r' }, today))
      .thenRefuses('action.same-lead', 'leadOfficerId');
    given(new Action('a1'), planned, reassigned)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-1', reason: 'Back from leave' }, today))
      .then({
        type: 'ActionLeadReassigned',
        data: {
          actionId: 'a1',
          previousLeadOfficerId: 'officer-2',
          leadOfficerId: 'officer-1',
          reason: 'Back from leave',
          effectiveOn: today,
        },
      });
  });
});

describe('when the changes to an action take effect', () => {
  const at = (on: string, rag: 'red' | 'amber' | 'green', percentComplete: number): ActionEvent => ({
    type: 'ActionProgressLogged',
    data: {
      actionId: 'a1',
      narrative: `Reported for ${on}`,
      rag,
      previousRag: null,
      ragJustification: null,
      percentComplete,
      evidence: [],
      effectiveOn: on,
    },
  });

  it('is planned on the day given, not before its pledge was made, naming both days', () => {
    given(new Action('a1'))
      .when((action) => action.plan(activePledge(), { ...plan, effectiveOn: '2023-10-16' }, today))
      .then({
        type: 'ActionPlanned',
        data: {
          ...plan,
          actionId: 'a1',
          strategyId: 's1',
          themeId: 't1',
          pledgeId: 'p3',
          effectiveOn: '2023-10-16',
        },
      });
    const action = new Action('a1');
    expect(() => action.plan(activePledge(), { ...plan, effectiveOn: '2023-10-01' }, today)).toThrow(
      expect.objectContaining({
        code: 'action.before-pledge',
        message:
          'Pledge P3 was made on 16 October 2023: an action under it cannot be planned on 1 October 2023',
        fields: [expect.objectContaining({ field: 'effectiveOn' })],
        extra: { effectiveOn: '2023-10-01', notBefore: '2023-10-16' },
      }),
    );
    expect(action.getUncommittedEvents()).toEqual([]);
  });

  it('is not planned under a reinstated pledge before its reinstatement', () => {
    const pledge = activePledge();
    pledge.withdraw({ reason: 'No funding', effectiveOn: '2024-01-10' }, today);
    pledge.reinstate({ reason: 'Funding found', effectiveOn: '2024-03-01' }, today);
    expect(() => new Action('a1').plan(pledge, { ...plan, effectiveOn: '2024-02-01' }, today)).toThrow(
      'Pledge P3 was reinstated on 1 March 2024: an action under it cannot be planned on 1 February 2024',
    );
  });

  it('takes no update from before it was planned, nor from a time it was closed', () => {
    given(new Action('a1'), planned)
      .when((action) => action.logProgress({ ...update, effectiveOn: '2023-11-30' }, today))
      .thenRefuses('action.before-planned', 'effectiveOn');
    const reopenedToday = {
      type: 'ActionReopened' as const,
      data: { actionId: 'a1', reopenedOn: today, reason: 'r' },
    };
    given(new Action('a1'), planned, completed, reopenedToday)
      .when((action) => action.logProgress({ ...update, effectiveOn: '2024-06-10' }, today))
      .thenRefuses('action.before-reopened', 'effectiveOn');
  });

  it('keeps the latest report as its RAG when a report about an earlier day is filed late', () => {
    const action = new Action('a1').rehydrate([planned, at('2024-05-01', 'green', 40)]);
    action.logProgress({ ...update, rag: 'amber', percentComplete: 20, effectiveOn: '2024-04-01' }, today);
    expect(action.getUncommittedEvents()[0].data).toMatchObject({ rag: 'amber', previousRag: null });
    expect({ rag: action.rag, status: action.status, percent: action.percentComplete }).toEqual({
      rag: 'green',
      status: 'on-track',
      percent: 40,
    });
    expect([action.ragOn('2024-03-31'), action.ragOn('2024-04-15'), action.ragOn('2024-05-01')]).toEqual([
      null,
      'amber',
      'green',
    ]);
  });

  it('asks a late report to justify a change from the RAG in effect on its own day', () => {
    given(new Action('a1'), planned, at('2024-03-01', 'green', 10), at('2024-06-01', 'red', 30))
      .when((action) => action.logProgress({ ...update, rag: 'amber', effectiveOn: '2024-04-01' }, today))
      .thenRefuses('action.rag-justification-required', 'ragJustification');
    given(new Action('a1'), planned, at('2024-03-01', 'green', 10), at('2024-06-01', 'red', 30))
      .when((action) => action.logProgress({ ...update, rag: 'green', effectiveOn: '2024-04-01' }, today))
      .then({
        type: 'ActionProgressLogged',
        data: {
          actionId: 'a1',
          ...update,
          rag: 'green',
          effectiveOn: '2024-04-01',
          previousRag: 'green',
          ragJustification: null,
        },
      });
  });

  it('takes each due-date revision and change of lead no earlier than the last', () => {
    const revised: ActionEvent = {
      type: 'DueDateRevised',
      data: {
        actionId: 'a1',
        previousDueDate: '2024-12-31',
        newDueDate: '2025-03-31',
        baselineDueDate: '2024-12-31',
        reason: 'r',
        effectiveOn: '2024-05-01',
      },
    };
    given(new Action('a1'), planned, revised)
      .when((a) =>
        a.reviseDueDate({ newDueDate: '2025-06-30', reason: 'r', effectiveOn: '2024-04-30' }, today),
      )
      .thenRefuses('action.due-date-revised-before-last', 'effectiveOn');
    given(new Action('a1'), planned)
      .when((a) =>
        a.reviseDueDate({ newDueDate: '2025-06-30', reason: 'r', effectiveOn: '2023-11-30' }, today),
      )
      .thenRefuses('action.before-planned', 'effectiveOn');
    const handedOn: ActionEvent = {
      type: 'ActionLeadReassigned',
      data: {
        actionId: 'a1',
        previousLeadOfficerId: 'officer-1',
        leadOfficerId: 'officer-2',
        reason: 'r',
        effectiveOn: '2024-05-01',
      },
    };
    given(new Action('a1'), planned, handedOn)
      .when((a) =>
        a.reassignLead({ leadOfficerId: 'officer-3', reason: 'r', effectiveOn: '2024-04-01' }, today),
      )
      .thenRefuses('action.lead-changed-before-last', 'effectiveOn');
  });

  it('achieves a milestone no earlier than it was added', () => {
    const added: ActionEvent = {
      type: 'MilestoneAdded',
      data: {
        actionId: 'a1',
        milestone: { id: 'm2', title: 'Launch event', dueDate: '2024-09-30', achievedOn: null },
        effectiveOn: '2024-05-01',
      },
    };
    given(new Action('a1'), planned, added)
      .when((a) => a.achieveMilestone({ milestoneId: 'm2', achievedOn: '2024-04-30' }, today))
      .thenRefuses('milestone.achieved-before-added', 'achievedOn');
    given(new Action('a1'), planned, added)
      .when((a) => a.achieveMilestone({ milestoneId: 'm1', achievedOn: '2023-12-01' }, today))
      .then({
        type: 'MilestoneAchieved',
        data: { actionId: 'a1', milestoneId: 'm1', achievedOn: '2023-12-01' },
      });
  });

  it('is not closed before its last change took effect, and reopened no earlier than it closed', () => {
    given(new Action('a1'), planned, at('2024-05-01', 'green', 40))
      .when((a) => a.complete({ completedOn: '2024-04-30', summary: 'Done' }, today))
      .thenRefuses('action.closed-before-last-change', 'completedOn');
    given(new Action('a1'), planned, at('2024-05-01', 'green', 40))
      .when((a) => a.cancel({ reason: 'r', effectiveOn: '2024-04-30' }, today))
      .thenRefuses('action.closed-before-last-change', 'effectiveOn');
    const cancelledInMay: ActionEvent = {
      type: 'ActionCancelled',
      data: { actionId: 'a1', cancelledOn: '2024-05-01', reason: 'r' },
    };
    given(new Action('a1'), planned, cancelledInMay)
      .when((a) => a.reopen({ reason: 'r', effectiveOn: '2024-04-30' }, today))
      .thenRefuses('action.before-cancelled', 'effectiveOn');
    given(new Action('a1'), planned, cancelledInMay)
      .when((a) => a.reopen({ reason: 'r', effectiveOn: '2024-05-01' }, today))
      .then({ type: 'ActionReopened', data: { actionId: 'a1', reopenedOn: '2024-05-01', reason: 'r' } });
  });

  it('is deferred, on the day given, to a later day than that', () => {
    given(new Action('a1'), planned)
      .when((a) => a.defer({ reason: 'r', effectiveOn: '2024-03-01', until: '2024-04-01' }, today))
      .then({
        type: 'ActionDeferred',
        data: { actionId: 'a1', deferredOn: '2024-03-01', reason: 'r', until: '2024-04-01' },
      });
    given(new Action('a1'), planned)
      .when((a) => a.defer({ reason: 'r', effectiveOn: '2024-03-01', until: '2024-03-01' }, today))
      .thenRefuses('action.defer-until-past', 'until');
  });

  it('saves one decision as one day: the day its events take effect', () => {
    const action = new Action('a1').rehydrate([planned]);
    action.logProgress({ ...update, effectiveOn: '2024-03-03' }, today);
    expect(action.pendingEffectiveOn).toBe('2024-03-03');
    expect(action.latestEffectiveOn).toBe('2024-03-03');
  });
});
