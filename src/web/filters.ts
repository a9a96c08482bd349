import type { Environment } from 'nunjucks';
import { COUNCIL_TIME_ZONE, dateInCouncil, longDate } from '../common/domain/dates.js';
import { CLOSED_ACTION_STATUSES } from '../strategy/domain/values.js';
import { openCount } from '../strategy/queries/roll-up.js';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: COUNCIL_TIME_ZONE,
});

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

/** Dates as people in the council write them: "3 March 2024"; times in UK time. */
export function installFilters(environment: Environment): void {
  environment.addFilter('date', (value: string | Date | null | undefined) => {
    if (!value) return '';
    return typeof value === 'string' ? longDate(value.slice(0, 10)) : dateTimeFormat.format(value);
  });
  environment.addFilter('councilDay', (value: Date | string | null | undefined) =>
    value ? longDate(dateInCouncil(new Date(value))) : '',
  );
  environment.addFilter('dateTime', (value: string | Date | null | undefined) =>
    value ? dateTimeFormat.format(new Date(value)) : '',
  );
  environment.addFilter('statusLabel', (value: string | null | undefined) =>
    value ? (STATUS_LABELS[value] ?? value) : 'Not reported',
  );
  environment.addFilter('ragLabel', (value: string | null | undefined) =>
    value ? value[0].toUpperCase() + value.slice(1) : 'No RAG yet',
  );
  environment.addFilter('fieldLabel', (field: string) => {
    const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return words.replace(/\bid$/, 'ID').replace(/^./, (first) => first.toUpperCase());
  });
  environment.addFilter('auditValue', (value: unknown) =>
    value === null || value === undefined || value === ''
      ? '(none)'
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value),
  );
  environment.addFilter('openCount', openCount);
  environment.addGlobal('closedActionStatuses', CLOSED_ACTION_STATUSES);
  environment.addFilter('tagClass', (value: string | null | undefined) =>
    value ? (TAG_COLOURS[value] ?? '') : 'govuk-tag--grey',
  );
}
