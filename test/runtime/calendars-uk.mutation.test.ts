/**
 * Mutation tests of runtime/calendars/uk.ts (docs/testing.md, "Mutation testing"): the computation
 * with date-holidays, which the calendar reads only outside the generated table's years. Its own
 * check, test/runtime/calendar-table.test.ts, cannot run in Stryker's sandbox (it reads
 * node_modules by path), so this file compares the computation with the committed table in the
 * years every correction, name fix and one-off day falls in (the table is held equal to the gov.uk
 * feed for 2012-2028 by calendars.test.ts), and pins a few of those days by hand.
 *
 * Input: `computeUkBankHolidaysOfYear`, `ukBankHolidaysOfYear` and `officialName`. Output: whole
 * years of holidays as [date, name] pairs, and names.
 */
import { describe, expect, it } from 'vitest';
import { computeUkBankHolidaysOfYear, officialName, ukBankHolidaysOfYear, type UkDivision } from '../../runtime/calendars/uk.ts';
import { formatPlainDate } from '../../runtime/dates.ts';

const DIVISIONS: readonly UkDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** A year's holidays as sorted [ISO date, name] pairs. */
const pairs = (map: ReadonlyMap<number, string>): [string, string][] => [...map].sort((a, b) => a[0] - b[0]).map(([d, n]) => [formatPlainDate(d), n]);

describe('computeUkBankHolidaysOfYear', () => {
  it('equals the committed table in the years of the corrections, name fixes and substitute days', () => {
    for (const division of DIVISIONS) {
      for (const year of [1995, 1999, 2002, 2011, 2012, 2017, 2022, 2023, 2028]) {
        expect(pairs(computeUkBankHolidaysOfYear(division, year)), `${division} ${year}`).toEqual(pairs(ukBankHolidaysOfYear(division, year)));
      }
    }
  });

  it('applies the royal proclamations, the feed’s names and the substitute days (worked by hand)', () => {
    const ew1995 = pairs(computeUkBankHolidaysOfYear('england-and-wales', 1995));
    expect(ew1995.filter(([d]) => d.startsWith('1995-05'))).toEqual([
      ['1995-05-08', 'Early May bank holiday (VE day)'],
      ['1995-05-29', 'Spring bank holiday'],
    ]);
    // 1 January 2022 was a Saturday: the feed's names of Scotland's substitute days.
    expect(pairs(computeUkBankHolidaysOfYear('scotland', 2022)).slice(0, 2)).toEqual([
      ['2022-01-03', 'New Year’s Day (substitute day)'],
      ['2022-01-04', '2nd January (substitute day)'],
    ]);
    // 2017: 1 January a Sunday, 2 January a Monday; date-holidays' own names, with the feed's spelling.
    expect(pairs(computeUkBankHolidaysOfYear('scotland', 2017)).slice(0, 2)).toEqual([
      ['2017-01-02', '2nd January'],
      ['2017-01-03', 'New Year’s Day (substitute day)'],
    ]);
    const june2012 = (division: UkDivision): [string, string][] => pairs(computeUkBankHolidaysOfYear(division, 2012)).filter(([d]) => d.startsWith('2012-05') || d.startsWith('2012-06'));
    expect(june2012('england-and-wales')).toEqual([
      ['2012-05-07', 'Early May bank holiday'],
      ['2012-06-04', 'Spring bank holiday (substitute day)'],
      ['2012-06-05', 'Queen’s Diamond Jubilee'],
    ]);
    expect(june2012('northern-ireland')).toEqual([
      ['2012-05-07', 'Early May bank holiday'],
      ['2012-06-04', 'Spring bank holiday'],
      ['2012-06-05', 'Queen’s Diamond Jubilee'],
    ]);
    // Christmas 2022 fell on a Sunday: no weekend day is listed, the substitute day is.
    expect(pairs(computeUkBankHolidaysOfYear('england-and-wales', 2022)).slice(-2)).toEqual([
      ['2022-12-26', 'Boxing Day'],
      ['2022-12-27', 'Christmas Day (substitute day)'],
    ]);
  });
});

describe('ukBankHolidaysOfYear', () => {
  it('reads the table inside its years and computes outside them, the same way', () => {
    for (const year of [1989, 2061]) {
      expect(pairs(ukBankHolidaysOfYear('scotland', year)), String(year)).toEqual(pairs(computeUkBankHolidaysOfYear('scotland', year)));
    }
    expect(pairs(ukBankHolidaysOfYear('england-and-wales', 1990))[0]).toEqual(['1990-01-01', 'New Year’s Day']);
    // 25 December 2060 is a Saturday: Christmas moves to Monday the 27th, Boxing Day to Tuesday the 28th.
    expect(pairs(ukBankHolidaysOfYear('england-and-wales', 2060)).at(-1)).toEqual(['2060-12-28', 'Boxing Day (substitute day)']);
  });
});

describe('officialName', () => {
  it('spells apostrophes as the feed does and fixes a division’s names, also as substitute days', () => {
    expect(officialName('england-and-wales', "New Year's Day")).toBe('New Year’s Day');
    expect(officialName('scotland', 'January 2nd')).toBe('2nd January');
    expect(officialName('scotland', 'January 2nd (substitute day)')).toBe('2nd January (substitute day)');
    expect(officialName('england-and-wales', 'January 2nd')).toBe('January 2nd');
    expect(officialName('scotland', "St Andrew's Day (substitute day)")).toBe('St Andrew’s Day (substitute day)');
  });
});
