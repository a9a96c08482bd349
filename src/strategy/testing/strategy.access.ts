/**
 * Who may make each of the strategy context's writes, for the access matrix
 * (test/access-matrix.e2e-spec.ts): pledges, strategies and the lead change are for admins; an
 * action's progress and lifecycle for its lead officer and admins.
 */
import type { ContextAccess, Who, Write } from '../../../test/support/access-matrix.js';
import { planOneAction, type TestApp } from '../../../test/support/test-app.js';

const ADMIN: Who[] = ['admin'];
const LEAD_OR_ADMIN: Who[] = ['admin', 'lead'];

/** A strategy with a theme, a pledge and an action with a milestone: the ids the writes need. */
async function story(t: TestApp): Promise<Write[]> {
  const planned = await planOneAction(t, { reference: 'A1.1' });
  const action = await t.call('GET', `/api/v1/actions/${planned.actionId}`, {
    as: t.people.admin,
    headers: { 'x-consistent-after': planned.created.body.position },
  });
  const ids = {
    strategy: planned.strategyId,
    pledge: planned.pledgeId,
    action: planned.actionId,
    theme: planned.themeId,
    milestone: action.body.milestones[0].id,
  };
  const none = {};
  const ofStrategy = { id: ids.strategy };
  const ofPledge = { id: ids.pledge };
  const ofAction = { id: ids.action, milestoneId: ids.milestone };

  const reason = { reason: 'Because the commission asked' };
  return [
    {
      method: 'POST',
      path: '/api/v1/strategies',
      params: none,
      body: { title: 'Another strategy', periodStart: '2024-04-01', periodEnd: '2028-03-31' },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/themes',
      params: ofStrategy,
      body: { title: 'Funding' },
      allowed: ADMIN,
    },
    {
      method: 'PUT',
      path: '/api/v1/strategies/{id}/themes/order',
      params: ofStrategy,
      body: { themeIds: [ids.theme] },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/adopt',
      params: ofStrategy,
      body: { adoptedOn: '2023-11-14' },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/review',
      params: ofStrategy,
      body: reason,
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/close',
      params: ofStrategy,
      body: reason,
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/strategies/{id}/pledges',
      params: ofStrategy,
      body: {
        themeId: ids.theme,
        reference: 'P2',
        title: 'Fund fairly',
        description: 'Grants',
        lead: 'Director',
      },
      allowed: ADMIN,
    },
    {
      method: 'PATCH',
      path: '/api/v1/pledges/{id}',
      params: ofPledge,
      body: { title: 'Communicate much better' },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/pledges/{id}/conclude',
      params: ofPledge,
      body: { outcome: 'achieved', ...reason },
      allowed: ADMIN,
    },
    { method: 'POST', path: '/api/v1/pledges/{id}/withdraw', params: ofPledge, body: reason, allowed: ADMIN },
    {
      method: 'POST',
      path: '/api/v1/pledges/{id}/reinstate',
      params: ofPledge,
      body: reason,
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/pledges/{id}/actions',
      params: ofPledge,
      body: {
        reference: 'A1.2',
        title: 'A second action',
        description: 'More of it',
        leadOfficerId: t.people.lead.id,
        startDate: '2024-01-01',
        dueDate: '2024-12-31',
      },
      allowed: ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/progress',
      params: ofAction,
      body: { narrative: 'Forum met', rag: 'green', percentComplete: 30 },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/due-date',
      params: ofAction,
      body: { newDueDate: '2025-03-31', ...reason },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/milestones',
      params: ofAction,
      body: { title: 'Second forum', dueDate: '2024-09-30' },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/milestones/{milestoneId}/achieve',
      params: ofAction,
      body: { achievedOn: '2024-03-20' },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/complete',
      params: ofAction,
      body: { summary: 'Forum running quarterly' },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/cancel',
      params: ofAction,
      body: reason,
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/defer',
      params: ofAction,
      body: { until: '2025-04-01', ...reason },
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/actions/{id}/reopen',
      params: ofAction,
      body: reason,
      allowed: LEAD_OR_ADMIN,
    },
    {
      method: 'PUT',
      path: '/api/v1/actions/{id}/lead',
      params: ofAction,
      body: { leadOfficerId: t.people.otherOfficer.id, ...reason },
      allowed: ADMIN,
    },
  ];
}

export const access: ContextAccess = {
  story,
  // An order in which every write is allowed: the action's lifecycle, handing it on before it is
  // completed; the strategy's themes reordered before one is added; closing the strategy last,
  // since it freezes everything under it.
  order: [
    'POST /api/v1/actions/{id}/progress',
    'POST /api/v1/actions/{id}/milestones',
    'POST /api/v1/actions/{id}/milestones/{milestoneId}/achieve',
    'POST /api/v1/actions/{id}/due-date',
    'POST /api/v1/actions/{id}/defer',
    'POST /api/v1/actions/{id}/reopen',
    'POST /api/v1/actions/{id}/cancel',
    'POST /api/v1/actions/{id}/reopen',
    'PUT /api/v1/actions/{id}/lead',
    'POST /api/v1/actions/{id}/complete',
    'POST /api/v1/strategies',
    'PUT /api/v1/strategies/{id}/themes/order',
    'POST /api/v1/strategies/{id}/themes',
    'POST /api/v1/strategies/{id}/pledges',
    'PATCH /api/v1/pledges/{id}',
    'POST /api/v1/pledges/{id}/actions',
    'POST /api/v1/pledges/{id}/withdraw',
    'POST /api/v1/pledges/{id}/reinstate',
    'POST /api/v1/pledges/{id}/conclude',
    'POST /api/v1/strategies/{id}/adopt',
    'POST /api/v1/strategies/{id}/review',
    'POST /api/v1/strategies/{id}/close',
  ],
};
