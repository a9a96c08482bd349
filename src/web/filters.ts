import type { Environment } from 'nunjucks';
import { COUNCIL_TIME_ZONE, dateInCouncil, longDate } from '../common/domain/dates.js';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: COUNCIL_TIME_ZONE,
});

/**
 * The filters every page may use: dates as people in the council write them ("3 March 2024"),
 * times in UK time, and an audit history's fields and values. A context adds its own (see
 * ContextViews).
 */
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
}
