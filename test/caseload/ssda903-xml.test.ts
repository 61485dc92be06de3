/**
 * SSDA903 in its XML form (simulation/caseload/ssda903-xml.ts): a synthetic return holding the
 * children of the small CSV tables gives the same cases as the CSV import; elements that cannot be
 * mapped are counted and reported with the XML file and the line of their element, never a value;
 * a file that is not well-formed XML, or not an SSDA903 return, maps nothing and says where; and
 * `pdl simulate` reads a `.xml` caseload.
 *
 * Input: test/caseload/fixtures/xml/*.xml and test/caseload/fixtures/small/*.csv. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSsda903, importSsda903Xml } from '../../simulation/caseload/index.ts';
import { loadCaseload } from '../../cli/caseload-files.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');

describe('importSsda903Xml', () => {
  it('gives the cases the CSV tables of the same children give', () => {
    const xml = importSsda903Xml({ name: 'small.xml', text: read('xml/small.xml') });
    const csv = importSsda903({
      header: { name: 'header.csv', text: read('small/header.csv') },
      episodes: { name: 'episodes.csv', text: read('small/episodes.csv') },
      reviews: { name: 'reviews.csv', text: read('small/reviews.csv') },
    });
    expect(xml.cases).toEqual(csv.cases);
    expect(xml.counts.episodes).toEqual(csv.counts.episodes);
    expect(xml.counts.events).toEqual(csv.counts.events);
    expect(xml.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(xml.reconciliation.ok).toBe(true);
  });

  it('reports each element it cannot map with the file and its line, and counts it', () => {
    const text = read('xml/malformed.xml');
    const result = importSsda903Xml({ name: 'malformed.xml', text });
    const lineOf = (needle: string, from = 0): number => text.slice(0, text.indexOf(needle, from)).split('\n').length;
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors.every((i) => i.file === 'malformed.xml')).toBe(true);
    // The element's own line: the EPISODE with 31/02, the one with RNE Q, the REVIEW, the CHILD without a HEADER.
    const lines = errors.map((i) => i.line);
    expect(lines).toContain(lineOf('<EPISODE>'));
    expect(lines).toContain(lineOf('<EPISODE>', text.indexOf('31/02/2025')));
    expect(lines).toContain(lineOf('<REVIEW>'));
    expect(lines).toContain(lineOf('<EPISODE>', text.indexOf('01/05/2025') - 40));
    expect(result.counts.episodes.rows).toBe(4);
    expect(result.counts.episodes.rejected).toBe(3);
    expect(result.counts.reviews.rejected).toBe(1);
    expect(result.reconciliation.ok).toBe(true);
    for (const i of result.issues) {
      expect(i.message).toMatch(/^(HEADER|EPISODE|REVIEW): /);
      for (const value of ['31/02/2025', '2025-04-01', 'B1']) expect(i.message).not.toContain(value);
    }
  });

  it('maps nothing from a file that is not well-formed XML or not an SSDA903 return, and says where', () => {
    const broken = importSsda903Xml({ name: 'broken.xml', text: '<EXPSSDA903>\n  <CHILD>\n    <HEADER>\n  </CHILD>\n</EXPSSDA903>\n' });
    expect(broken.cases).toEqual([]);
    expect(broken.issues).toHaveLength(1);
    expect(broken.issues[0]).toMatchObject({ severity: 'error', file: 'broken.xml', line: 4 });
    expect(broken.reconciliation.ok).toBe(false);
    const other = importSsda903Xml({ name: 'other.xml', text: '<Message><Children/></Message>' });
    expect(other.cases).toEqual([]);
    expect(other.issues[0]?.message).toContain('EXPSSDA903');
  });

  it('is read by pdl simulate and pdl fit as a caseload file', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const loaded = loadCaseload('test/caseload/fixtures/xml/small.xml', root);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.caseload.kind).toBe('ssda903');
    expect(loaded.caseload.records).toHaveLength(4);
    expect(loaded.caseload.lines[0]).toBe('test/caseload/fixtures/xml/small.xml: SSDA903 XML return');
  });
});
