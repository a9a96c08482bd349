import { CLOSED_ACTION_STATUSES } from '../domain/values.js';
import { openCount } from '../queries/roll-up.js';

export const STATUS_LABELS: Record<string, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  completed: 'Completed',
  cancelled: 'Cancelled',
  deferred: 'Deferred',
  active: 'Active',
  achieved: 'Achieved',
  'partly-achieved': 'Partly achieved',
  'not-achieved': 'Not achieved',
  withdrawn: 'Withdrawn',
  draft: 'Draft',
  adopted: 'Adopted',
  'under-review': 'Under review',
  closed: 'Closed',
};

const TAG_COLOURS: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  'on-track': 'govuk-tag--green',
  'at-risk': 'govuk-tag--orange',
  'off-track': 'govuk-tag--red',
  completed: 'govuk-tag--blue',
  cancelled: 'govuk-tag--grey',
  deferred: 'govuk-tag--purple',
  'not-started': 'govuk-tag--grey',
};

/** What the strategy's pages use beside the shell's filters. */
export const STRATEGY_VIEW_FILTERS = {
  statusLabel: (value: string | null | undefined) =>
    value ? (STATUS_LABELS[value] ?? value) : 'Not reported',
  ragLabel: (value: string | null | undefined) =>
    value ? value[0].toUpperCase() + value.slice(1) : 'No RAG yet',
  tagClass: (value: string | null | undefined) => (value ? (TAG_COLOURS[value] ?? '') : 'govuk-tag--grey'),
  openCount,
};

export const STRATEGY_VIEW_GLOBALS = { closedActionStatuses: CLOSED_ACTION_STATUSES };
