import { dateParts, readDate, summaryOf } from './forms.js';

describe('GOV.UK date inputs', () => {
  const body = (day: string, month: string, year: string) => ({
    'due-day': day,
    'due-month': month,
    'due-year': year,
  });

  it('joins day, month and year into an ISO date, padding single digits', () => {
    expect(readDate(body('3', '3', '2024'), 'due', 'The due date')).toEqual({ value: '2024-03-03' });
    expect(dateParts('2024-03-03')).toEqual({ day: '3', month: '3', year: '2024' });
  });

  it('answers nothing for an empty date, and names what is missing or impossible', () => {
    expect(readDate(body('', '', ''), 'due', 'The due date')).toEqual({});
    expect(readDate(body('3', '', ''), 'due', 'The due date').problem).toEqual({
      field: 'due',
      message: 'The due date must include a month and year',
    });
    expect(readDate(body('30', '2', '2024'), 'due', 'The due date').problem?.message).toBe(
      'The due date must be a real date',
    );
    expect(readDate(body('x', '2', '2024'), 'due', 'The due date').problem?.message).toBe(
      'The due date must be a real date',
    );
  });
});

describe('the error summary', () => {
  it('links each problem to its field (a date to its day), once per field, in plain words', () => {
    const { errors, byField } = summaryOf(
      [
        { field: 'effectiveOn', message: 'The date of this update must be a real date' },
        { field: 'effectiveOn', message: 'effectiveOn must be a date written YYYY-MM-DD' },
        { field: 'narrative', message: 'narrative must not be empty' },
        { field: 'leadOfficerId', message: 'leadOfficerId must be a UUID' },
        { field: 'evidence[0].url', message: 'Evidence links must be web addresses' },
      ],
      ['effectiveOn'],
      { 'evidence[0].url': 'evidenceUrl' },
    );
    expect(errors).toEqual([
      { text: 'The date of this update must be a real date', href: '#effectiveOn-day' },
      { text: 'Enter what has happened', href: '#narrative' },
      { text: 'Choose the lead officer', href: '#leadOfficerId' },
      { text: 'Evidence links must be web addresses', href: '#evidenceUrl' },
    ]);
    expect(byField.evidenceUrl).toEqual({ text: 'Evidence links must be web addresses' });
  });
});

describe('the error summary order', () => {
  it('follows the order of the fields on the page, not the order the problems were found', () => {
    const { errors } = summaryOf(
      [
        { field: 'effectiveOn', message: 'The date of this update must be a real date' },
        { field: 'narrative', message: 'narrative must not be empty' },
      ],
      ['effectiveOn'],
      {},
      ['narrative', 'rag', 'effectiveOn'],
    );
    expect(errors.map((error) => error.href)).toEqual(['#narrative', '#effectiveOn-day']);
  });
});
