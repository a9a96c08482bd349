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
      .when((action) => action.plan(activePledge(), plan))
      .then({
        type: 'ActionPlanned',
        data: { ...plan, actionId: 'a1', strategyId: 's1', themeId: 't1', pledgeId: 'p3' },
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
  ])('refuses %j', (change, code, field) => {
    given(new Action('a1'))
      .when((action) => action.plan(activePledge(), { ...plan, ...change }))
      .thenRefuses(code, field);
  });

  it('keeps a partner identified the way the sector identifies it', () => {
    const action = new Action('a1');
    action.plan(activePledge(), {
      ...plan,
      partners: [
        { name: 'Voluntary Action Leicester', orgId: 'GB-CHC-1084520' },
        { name: 'Mutual aid group' },
      ],
    });
    expect((action.getUncommittedEvents()[0] as ActionPlanned).data.partners).toEqual([
      { name: 'Voluntary Action Leicester', orgId: 'GB-CHC-1084520' },
      { name: 'Mutual aid group' },
    ]);
  });

  it('refuses a second action with the same reference', () => {
    given(new Action('a1'), planned)
      .when((action) => action.plan(activePledge(), plan))
      .thenRefuses('action.reference-taken');
  });

  it('refuses an action under a withdrawn pledge', () => {
    const pledge = activePledge();
    pledge.withdraw('No longer funded');
    given(new Action('a1'))
      .when((action) => action.plan(pledge, plan))
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
      .when((action) => action.reviseDueDate({ newDueDate: '2025-03-31', reason: 'Consultation extended' }))
      .then({
        type: 'DueDateRevised',
        data: {
          actionId: 'a1',
          previousDueDate: '2024-12-31',
          newDueDate: '2025-03-31',
          baselineDueDate: '2024-12-31',
          reason: 'Consultation extended',
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
      .when((action) => action.reviseDueDate({ newDueDate: '2025-03-31', reason: 'r', ...change }))
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
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-1', reason: 'r' }))
      .thenRefuses('action.same-lead');
    given(new Action('a1'), planned)
      .when((a) => a.reassignLead({ leadOfficerId: 'officer-2', reason: '' }))
      .thenRefuses('reason.required');
  });
});
