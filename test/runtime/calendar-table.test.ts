/**
 * The generated table of UK bank holidays (runtime/calendars/uk-table.ts, issue 17).
 *
 * Input: the table, the generator scripts/gen-holidays.ts and the `date-holidays` package through
 * `computeUkBankHolidaysOfYear`. Checks: regenerating gives the committed file byte for byte (so an
 * upgrade of date-holidays, or an edit of the corrections, that changes a holiday fails here until
 * `npm run gen:holidays` is run); reading the table gives, year by year, exactly what date-holidays
 * computes; years outside the table are still computed with date-holidays; the calendar's answers
 * across the table's edges are continuous.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../runtime/calendar.ts';
import {
  computeUkBankHolidaysOfYear,
  UK_TABLE_FIRST_YEAR,
  UK_TABLE_LAST_YEAR,
  ukBankHolidaysOfYear,
} from '../../runtime/calendars/uk.ts';
import type { UkDivision } from '../../runtime/calendars/uk.ts';
import { formatPlainDate, fromYmd } from '../../runtime/dates.ts';
import { renderUkHolidayTable, TABLE_FIRST_YEAR, TABLE_LAST_YEAR, TABLE_PATH } from '../../scripts/gen-holidays.ts';

const DIVISIONS: readonly UkDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** A year's holidays as sorted [ISO date, name] pairs (comparable whatever the map's order). */
const pairs = (map: ReadonlyMap<number, string>): [string, string][] =>
  [...map].sort((a, b) => a[0] - b[0]).map(([d, n]) => [formatPlainDate(d), n]);

describe('the generated UK bank-holiday table', () => {
  it('is what `npm run gen:holidays` writes now (regenerate after upgrading date-holidays)', () => {
    expect(renderUkHolidayTable()).toBe(readFileSync(TABLE_PATH, 'utf8'));
  }, 60_000);

  it('covers the generator span', () => {
    expect([UK_TABLE_FIRST_YEAR, UK_TABLE_LAST_YEAR]).toEqual([TABLE_FIRST_YEAR, TABLE_LAST_YEAR]);
    expect(UK_TABLE_FIRST_YEAR).toBeLessThanOrEqual(2000);
    expect(UK_TABLE_LAST_YEAR).toBeGreaterThanOrEqual(2050);
  });

  it('reads, for every division and year of the table, exactly what date-holidays computes', () => {
    let holidays = 0;
    for (const division of DIVISIONS) {
      for (let year = UK_TABLE_FIRST_YEAR; year <= UK_TABLE_LAST_YEAR; year++) {
        const fromTable = pairs(ukBankHolidaysOfYear(division, year));
        expect(fromTable, `${division} ${year}`).toEqual(pairs(computeUkBankHolidaysOfYear(division, year)));
        expect(fromTable.every(([date]) => date.startsWith(`${year}-`))).toBe(true);
        holidays += fromTable.length;
      }
    }
    // 8 a year in England and Wales, 9 in Scotland, 10 in Northern Ireland, plus the one-off days.
    expect(holidays).toBeGreaterThan(71 * 27);
  }, 60_000);

  it('computes years outside the table with date-holidays', () => {
    for (const division of DIVISIONS) {
      for (const year of [UK_TABLE_FIRST_YEAR - 1, UK_TABLE_LAST_YEAR + 1, 2100]) {
        const map = ukBankHolidaysOfYear(division, year);
        expect(pairs(map)).toEqual(pairs(computeUkBankHolidaysOfYear(division, year)));
        expect(map.get(fromYmd(year, 12, 25)) ?? map.get(fromYmd(year, 12, 27)) ?? map.get(fromYmd(year, 12, 26))).toMatch(/^Christmas Day/);
      }
    }
  });

  it('gives the calendar the same holidays on both sides of the table edges', () => {
    for (const division of DIVISIONS) {
      const calendar = CALENDARS[division];
      for (const [from, to] of [[UK_TABLE_FIRST_YEAR - 1, UK_TABLE_FIRST_YEAR], [UK_TABLE_LAST_YEAR, UK_TABLE_LAST_YEAR + 1]] as const) {
        const listed = calendar.holidays(from, to).map((h) => [formatPlainDate(h.date), h.name]);
        const computed = [from, to].flatMap((y) => pairs(computeUkBankHolidaysOfYear(division, y)));
        expect(listed).toEqual(computed);
      }
    }
  });
});
