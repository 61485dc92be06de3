/**
 * A smaller `date-holidays` for the browser build: the package's data module holds the holiday rules
 * of every country (about 0.8 MB of source); the runtime asks only for Great Britain (`GB`, states
 * `ENG` (England and Wales share it), `SCT` and `NIR`: one per calendar). `subsetHolidayData` keeps the countries given and the shared
 * holiday names; `holidayDataPlugin` makes Vite's build load that subset in place of
 * `date-holidays/src/data.js`.
 *
 * Input: the package's `data` object; a list of country codes. Output: the same object with only
 * those countries. `runtime/calendars/uk.ts` is untouched: it still calls `new Holidays('GB', state, ...)`
 * on the same parser with the same GB rules, so its results do not change (a test compares the
 * subset's holidays with the full data's, year by year).
 *
 * INVARIANT: used by `vite.config.ts` (Node, build only) and the tests; never bundled.
 */
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

export interface HolidayData {
  readonly version?: string;
  readonly license?: string;
  readonly holidays: Readonly<Record<string, unknown>>;
  readonly names?: unknown;
}

/** The countries the runtime uses. */
export const BROWSER_COUNTRIES: readonly string[] = ['GB'];

export function subsetHolidayData(data: HolidayData, countries: readonly string[]): HolidayData {
  const holidays: Record<string, unknown> = {};
  for (const code of countries) {
    const country = data.holidays[code];
    if (country === undefined) throw new Error(`date-holidays has no data for \`${code}\``);
    holidays[code] = country;
  }
  return { ...data, holidays };
}

const DATA_MODULE = /[\\/]date-holidays[\\/]src[\\/]data\.js$/;

/** Vite plugin (build only): `date-holidays/src/data.js` becomes the subset for `countries`. */
export function holidayDataPlugin(countries: readonly string[] = BROWSER_COUNTRIES): Plugin {
  return {
    name: 'pdl:date-holidays-subset',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0] ?? id;
      if (!DATA_MODULE.test(file)) return null;
      const module = (await import(pathToFileURL(file).href)) as { data: HolidayData };
      return `export const data = ${JSON.stringify(subsetHolidayData(module.data, countries))};\n`;
    },
  };
}
