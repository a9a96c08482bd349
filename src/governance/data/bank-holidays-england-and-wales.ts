/**
 * Bank holidays in England and Wales, 2012 to 2028, as GOV.UK publishes them (the
 * "england-and-wales" division of https://www.gov.uk/bank-holidays.json), with GOV.UK's names.
 * Crown copyright, published under the Open Government Licence v3.0
 * (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).
 *
 * Transcribed from the data files that feed is served from, in the Government Digital Service's
 * public repositories (each the newest version holding those years):
 * - 2019-2028: alphagov/frontend lib/data/bank-holidays.json at 609b0436da9f86b51e69262a95874b7ff3d3b712
 *   (2026-02-25; the file's last_updated is 24/11/2025, when the 2028 dates were added);
 * - 2015-2018: alphagov/calendars lib/data/bank-holidays.json at 9f64de76f127d7cde6a5536f80f63e4df25738ac
 *   (2020-04-09, the last change before the feed moved to alphagov/frontend);
 * - 2012-2014: alphagov/calendars lib/data/bank-holidays.json at 5be9609921bc8ca3ec77d223b36942474017915f
 *   (2019-12-05, the last version before those years were dropped from the feed).
 * Where the sources overlap (2019-2021) they agree. Checked against a second source, the GB-ENG and
 * GB-WLS rules of the date-holidays npm package 3.37.0: the same 140 weekdays, except that it keeps
 * 28 May 2012, the spring bank holiday that a Royal Proclamation moved to 4 June 2012. The spec
 * beside this file recomputes every regular holiday from the Banking and Financial Dealings Act
 * 1971 and names each proclaimed change. See README.md.
 *
 * A year is added by appending GOV.UK's dates for it (and moving ENGLAND_AND_WALES_YEARS.to); until
 * then an admin can record a year's holidays as an event (CouncilRules.recordBankHolidays).
 */
export interface BankHoliday {
  readonly day: string;
  readonly name: string;
  /** A weekday standing in for a holiday that fell at a weekend. */
  readonly substitute: boolean;
}

export const ENGLAND_AND_WALES_YEARS = { from: 2012, to: 2028 } as const;

type Row = readonly [day: string, name: string, substitute?: 'substitute'];

const ROWS: readonly Row[] = [
  ['2012-01-02', 'New Year’s Day', 'substitute'],
  ['2012-04-06', 'Good Friday'],
  ['2012-04-09', 'Easter Monday'],
  ['2012-05-07', 'Early May bank holiday'],
  ['2012-06-04', 'Spring bank holiday', 'substitute'],
  ['2012-06-05', 'Queen’s Diamond Jubilee'],
  ['2012-08-27', 'Summer bank holiday'],
  ['2012-12-25', 'Christmas Day'],
  ['2012-12-26', 'Boxing Day'],
  ['2013-01-01', 'New Year’s Day'],
  ['2013-03-29', 'Good Friday'],
  ['2013-04-01', 'Easter Monday'],
  ['2013-05-06', 'Early May bank holiday'],
  ['2013-05-27', 'Spring bank holiday'],
  ['2013-08-26', 'Summer bank holiday'],
  ['2013-12-25', 'Christmas Day'],
  ['2013-12-26', 'Boxing Day'],
  ['2014-01-01', 'New Year’s Day'],
  ['2014-04-18', 'Good Friday'],
  ['2014-04-21', 'Easter Monday'],
  ['2014-05-05', 'Early May bank holiday'],
  ['2014-05-26', 'Spring bank holiday'],
  ['2014-08-25', 'Summer bank holiday'],
  ['2014-12-25', 'Christmas Day'],
  ['2014-12-26', 'Boxing Day'],
  ['2015-01-01', 'New Year’s Day'],
  ['2015-04-03', 'Good Friday'],
  ['2015-04-06', 'Easter Monday'],
  ['2015-05-04', 'Early May bank holiday'],
  ['2015-05-25', 'Spring bank holiday'],
  ['2015-08-31', 'Summer bank holiday'],
  ['2015-12-25', 'Christmas Day'],
  ['2015-12-28', 'Boxing Day', 'substitute'],
  ['2016-01-01', 'New Year’s Day'],
  ['2016-03-25', 'Good Friday'],
  ['2016-03-28', 'Easter Monday'],
  ['2016-05-02', 'Early May bank holiday'],
  ['2016-05-30', 'Spring bank holiday'],
  ['2016-08-29', 'Summer bank holiday'],
  ['2016-12-26', 'Boxing Day'],
  ['2016-12-27', 'Christmas Day', 'substitute'],
  ['2017-01-02', 'New Year’s Day', 'substitute'],
  ['2017-04-14', 'Good Friday'],
  ['2017-04-17', 'Easter Monday'],
  ['2017-05-01', 'Early May bank holiday'],
  ['2017-05-29', 'Spring bank holiday'],
  ['2017-08-28', 'Summer bank holiday'],
  ['2017-12-25', 'Christmas Day'],
  ['2017-12-26', 'Boxing Day'],
  ['2018-01-01', 'New Year’s Day'],
  ['2018-03-30', 'Good Friday'],
  ['2018-04-02', 'Easter Monday'],
  ['2018-05-07', 'Early May bank holiday'],
  ['2018-05-28', 'Spring bank holiday'],
  ['2018-08-27', 'Summer bank holiday'],
  ['2018-12-25', 'Christmas Day'],
  ['2018-12-26', 'Boxing Day'],
  ['2019-01-01', 'New Year’s Day'],
  ['2019-04-19', 'Good Friday'],
  ['2019-04-22', 'Easter Monday'],
  ['2019-05-06', 'Early May bank holiday'],
  ['2019-05-27', 'Spring bank holiday'],
  ['2019-08-26', 'Summer bank holiday'],
  ['2019-12-25', 'Christmas Day'],
  ['2019-12-26', 'Boxing Day'],
  ['2020-01-01', 'New Year’s Day'],
  ['2020-04-10', 'Good Friday'],
  ['2020-04-13', 'Easter Monday'],
  ['2020-05-08', 'Early May bank holiday (VE day)'],
  ['2020-05-25', 'Spring bank holiday'],
  ['2020-08-31', 'Summer bank holiday'],
  ['2020-12-25', 'Christmas Day'],
  ['2020-12-28', 'Boxing Day', 'substitute'],
  ['2021-01-01', 'New Year’s Day'],
  ['2021-04-02', 'Good Friday'],
  ['2021-04-05', 'Easter Monday'],
  ['2021-05-03', 'Early May bank holiday'],
  ['2021-05-31', 'Spring bank holiday'],
  ['2021-08-30', 'Summer bank holiday'],
  ['2021-12-27', 'Christmas Day', 'substitute'],
  ['2021-12-28', 'Boxing Day', 'substitute'],
  ['2022-01-03', 'New Year’s Day', 'substitute'],
  ['2022-04-15', 'Good Friday'],
  ['2022-04-18', 'Easter Monday'],
  ['2022-05-02', 'Early May bank holiday'],
  ['2022-06-02', 'Spring bank holiday'],
  ['2022-06-03', 'Platinum Jubilee bank holiday'],
  ['2022-08-29', 'Summer bank holiday'],
  ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
  ['2022-12-26', 'Boxing Day'],
  ['2022-12-27', 'Christmas Day', 'substitute'],
  ['2023-01-02', 'New Year’s Day', 'substitute'],
  ['2023-04-07', 'Good Friday'],
  ['2023-04-10', 'Easter Monday'],
  ['2023-05-01', 'Early May bank holiday'],
  ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ['2023-05-29', 'Spring bank holiday'],
  ['2023-08-28', 'Summer bank holiday'],
  ['2023-12-25', 'Christmas Day'],
  ['2023-12-26', 'Boxing Day'],
  ['2024-01-01', 'New Year’s Day'],
  ['2024-03-29', 'Good Friday'],
  ['2024-04-01', 'Easter Monday'],
  ['2024-05-06', 'Early May bank holiday'],
  ['2024-05-27', 'Spring bank holiday'],
  ['2024-08-26', 'Summer bank holiday'],
  ['2024-12-25', 'Christmas Day'],
  ['2024-12-26', 'Boxing Day'],
  ['2025-01-01', 'New Year’s Day'],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-05-05', 'Early May bank holiday'],
  ['2025-05-26', 'Spring bank holiday'],
  ['2025-08-25', 'Summer bank holiday'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', 'New Year’s Day'],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'],
  ['2026-08-31', 'Summer bank holiday'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day', 'substitute'],
  ['2027-01-01', 'New Year’s Day'],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'],
  ['2027-08-30', 'Summer bank holiday'],
  ['2027-12-27', 'Christmas Day', 'substitute'],
  ['2027-12-28', 'Boxing Day', 'substitute'],
  ['2028-01-03', 'New Year’s Day', 'substitute'],
  ['2028-04-14', 'Good Friday'],
  ['2028-04-17', 'Easter Monday'],
  ['2028-05-01', 'Early May bank holiday'],
  ['2028-05-29', 'Spring bank holiday'],
  ['2028-08-28', 'Summer bank holiday'],
  ['2028-12-25', 'Christmas Day'],
  ['2028-12-26', 'Boxing Day'],
];

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = ROWS.map(([day, name, substitute]) => ({
  day,
  name,
  substitute: substitute === 'substitute',
}));
