/**
 * The browser build's smaller `date-holidays` data (`playground/holidays-subset.ts`): with only
 * Great Britain's rules, the parser gives exactly the holidays the full data gives for England and
 * Wales, Scotland and Northern Ireland, in every year the calendar may be asked about.
 */
import { describe, expect, it } from 'vitest';
import { BROWSER_COUNTRIES, subsetHolidayData, type HolidayData } from '../../playground/holidays-subset.ts';

const OPTIONS = { languages: 'en', timezone: 'UTC', types: ['public', 'bank'] };

/** The package's full data (its `./data` entry has no type declarations). */
const DATA_ENTRY: string = 'date-holidays/data';
const full = ((await import(DATA_ENTRY)) as { data: HolidayData }).data;

/** The parser `date-holidays` is built on (its types are not reachable under NodeNext resolution). */
interface Parser {
  getHolidays(year: number): { date: string; name: string; type: string }[];
}
const PARSER_ENTRY: string = 'date-holidays-parser';
const HolidaysParser = ((await import(PARSER_ENTRY)) as { default: new (data: HolidayData, country: string, state: string, options: object) => Parser }).default;

describe('the browser subset of date-holidays', () => {
  const subset = subsetHolidayData(full, BROWSER_COUNTRIES);

  it('keeps Great Britain only', () => {
    expect(Object.keys(subset.holidays)).toEqual(['GB']);
    expect(JSON.stringify(subset).length).toBeLessThan(JSON.stringify(full).length / 10);
  });

  it.each(['ENG', 'SCT', 'NIR'])('gives the same holidays as the full data for GB state %s (the three calendars), 1970 to 2080', (state) => {
    const a = new HolidaysParser(full, 'GB', state, OPTIONS);
    const b = new HolidaysParser(subset, 'GB', state, OPTIONS);
    for (let year = 1970; year <= 2080; year++) {
      const days = (h: Parser): string[] => h.getHolidays(year).map((x) => `${x.date} ${x.name} ${x.type}`);
      expect(days(b)).toEqual(days(a));
    }
  });

  it('refuses a country it does not have', () => {
    expect(() => subsetHolidayData(full, ['XX'])).toThrow('no data');
  });
});
