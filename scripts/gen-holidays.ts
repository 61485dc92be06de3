/**
 * Generates runtime/calendars/uk-table.ts, the table of the UK bank holidays (England and Wales,
 * Scotland, Northern Ireland) for the years 1990-2060 that runtime/calendars/uk.ts reads instead of
 * loading the `date-holidays` package (issue 17).
 *
 * Usage: `npm run gen:holidays` (writes the file) or `npm run gen:holidays -- --check` (exit 1 when
 * the committed file differs from what would be written).
 *
 * Input: the installed `date-holidays` package and the corrections of runtime/calendars/uk.ts, through
 * `computeUkBankHolidaysOfYear`. Output: the file's text (`renderUkHolidayTable`), deterministic: the
 * same package version and corrections give the same bytes. date-holidays stays the source of truth;
 * test/runtime/calendar-table.test.ts checks that regenerating gives the committed file, so an
 * upgrade of the package (or an edit of the corrections) that changes a holiday fails until the table
 * is regenerated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { computeUkBankHolidaysOfYear } from '../runtime/calendars/uk.ts';
import type { UkDivision } from '../runtime/calendars/uk.ts';
import { toYmd } from '../runtime/dates.ts';

/** The years the table covers. */
export const TABLE_FIRST_YEAR = 1990;
export const TABLE_LAST_YEAR = 2060;

const DIVISIONS: readonly UkDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** Where the table is written. */
export const TABLE_PATH = fileURLToPath(new URL('../runtime/calendars/uk-table.ts', import.meta.url));

/** The installed date-holidays package's version and licence (from its package.json). */
function dateHolidaysPackage(): { version: string; license: string } {
  const url = new URL('../node_modules/date-holidays/package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown; license?: unknown };
  return { version: String(pkg.version), license: String(pkg.license) };
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** A single-quoted TypeScript string literal. */
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The text of runtime/calendars/uk-table.ts, computed now with date-holidays. */
export function renderUkHolidayTable(): string {
  const { version, license } = dateHolidaysPackage();
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const rows: Record<UkDivision, string[]> = { 'england-and-wales': [], scotland: [], 'northern-ireland': [] };
  for (const division of DIVISIONS) {
    for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
      const entries = [...computeUkBankHolidaysOfYear(division, year)].sort((a, b) => a[0] - b[0]);
      rows[division].push(entries.map(([date, name]) => {
        let i = nameIndex.get(name);
        if (i === undefined) {
          i = names.length;
          names.push(name);
          nameIndex.set(name, i);
        }
        const { month, day } = toYmd(date);
        return `${pad(month)}${pad(day)}:${i}`;
      }).join(' '));
    }
  }
  const lines = [
    '/**',
    ` * The bank holidays of England and Wales, Scotland and Northern Ireland, ${TABLE_FIRST_YEAR}-${TABLE_LAST_YEAR}, Monday to`,
    ' * Friday, with their official names. GENERATED: do not edit. Made by `npm run gen:holidays`',
    ` * (scripts/gen-holidays.ts) from the \`date-holidays\` package, version ${version} (licence`,
    ` * ${license} per its package.json; its LICENSE file puts its holiday data, from Wikipedia, under`,
    ' * CC BY-SA 3.0, attribution inside the package), with the corrections and name fixes of',
    ' * runtime/calendars/uk.ts applied.',
    ' *',
    ' * Contract: `UK_TABLE_YEARS[division][year - UK_TABLE_FIRST_YEAR]` is that year\'s holidays as',
    ' * space-separated `MMDD:i` entries in date order, `i` indexing `UK_TABLE_HOLIDAY_NAMES`; it equals',
    ' * `computeUkBankHolidaysOfYear(division, year)` (test/runtime/calendar-table.test.ts regenerates this',
    ' * file and compares). date-holidays stays the source of truth: after upgrading it, or editing the',
    ' * corrections, run `npm run gen:holidays`.',
    ' */',
    "import type { UkDivision } from './uk.ts';",
    '',
    `export const UK_TABLE_FIRST_YEAR = ${TABLE_FIRST_YEAR};`,
    `export const UK_TABLE_LAST_YEAR = ${TABLE_LAST_YEAR};`,
    '',
    '/** Every holiday name of the table, in order of first appearance. */',
    'export const UK_TABLE_HOLIDAY_NAMES: readonly string[] = [',
    ...names.map((n) => `  ${quote(n)},`),
    '];',
    '',
    '/** Per division, one row per year from UK_TABLE_FIRST_YEAR. */',
    'export const UK_TABLE_YEARS: Readonly<Record<UkDivision, readonly string[]>> = {',
    ...DIVISIONS.flatMap((division) => [
      `  '${division}': [`,
      ...rows[division].map((row, k) => `    ${quote(row)}, // ${TABLE_FIRST_YEAR + k}`),
      '  ],',
    ]),
    '};',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderUkHolidayTable();
  if (process.argv.includes('--check')) {
    const current = readFileSync(TABLE_PATH, 'utf8');
    if (current !== text) {
      process.stderr.write('runtime/calendars/uk-table.ts is out of date: run `npm run gen:holidays`\n');
      process.exit(1);
    }
    process.stdout.write('runtime/calendars/uk-table.ts is up to date\n');
  } else {
    writeFileSync(TABLE_PATH, text);
    process.stdout.write(`wrote runtime/calendars/uk-table.ts (${TABLE_FIRST_YEAR}-${TABLE_LAST_YEAR})\n`);
  }
}
