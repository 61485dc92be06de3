/**
 * SSDA903 in its XML form: the return as one XML file, one `CHILD` element per child, read into the
 * same three tables the CSV importer reads (ssda903.ts), so that the mapping, the checks, the counts
 * and the reconciliation are the CSV's, and every problem names the XML file and the line of the
 * element it is about.
 *
 * The structure read (from the public "Expanded SSDA903 Return" XML schema, root `EXPSSDA903`; the
 * DfE's full specification was not available here, so the reviews element is an assumption, stated
 * in docs/simulation.md):
 *
 *   <EXPSSDA903>
 *     <CHILD>
 *       <HEADER><CHILDID>..</CHILDID><DOB>DD/MM/YYYY</DOB>...</HEADER>          -> header table
 *       <EPISODE><DECOM/><RNE/><DEC/><REC/><REASON_PLACE_CHANGE/>...</EPISODE>  -> episodes, CHILD = CHILDID
 *       <REVIEW><REVIEW>DD/MM/YYYY</REVIEW><REVIEW_CODE/></REVIEW>              -> reviews (assumed)
 *     </CHILD>
 *   </EXPSSDA903>
 *
 * Other elements are ignored, as other CSV columns are. An element with no CHILDID in its CHILD's
 * HEADER becomes a row with an empty CHILD, which the importer rejects (counted, with its line).
 *
 * Input: the file's name and text; the importer's options. Output: `Ssda903Import` whose issues name
 * the XML file and the line of the element (HEADER, EPISODE or REVIEW), or the line of the first
 * problem when the file is not well-formed XML (then nothing is mapped).
 * INVARIANT (privacy): messages name elements and lines, never a value. Browser-safe.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { importSsda903 } from './ssda903.ts';
import type { Ssda903Import, Ssda903Options, TableText } from './ssda903.ts';
import type { ImportIssue } from './types.ts';

/** The root element of the return. */
export const SSDA903_XML_ROOT = 'EXPSSDA903';

const HEADER_COLUMNS = ['CHILD', 'DOB'] as const;
const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'DEC', 'REC', 'REASON_PLACE_CHANGE'] as const;
const REVIEW_COLUMNS = ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'] as const;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A CSV field: one line, quoted when it holds a comma or a quote (a repeated element: its first). */
function field(value: unknown): string {
  const v = Array.isArray(value) ? (value[0] as unknown) : value;
  const text = typeof v === 'string' || typeof v === 'number' ? String(v).replace(/[\r\n]+/g, ' ') : '';
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table built from elements, remembering the XML line of each row. */
class TableBuilder {
  readonly lines: string[];
  /** xmlLine[k]: the XML line of CSV line k + 1 (index 0: the header line). */
  readonly xmlLine: number[] = [0];
  constructor(private readonly columns: readonly string[]) {
    this.lines = [columns.join(',')];
  }
  add(values: Readonly<Record<string, unknown>>, line: number): void {
    this.lines.push(this.columns.map((c) => field(values[c])).join(','));
    this.xmlLine.push(line);
  }
  text(name: string): TableText {
    return { name, text: `${this.lines.join('\n')}\n` };
  }
}

/** The 1-based line of a character offset (binary search over the line starts). */
function lineFinder(text: string): (offset: number | undefined) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    if (offset === undefined) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const EMPTY_EPISODES = (name: string): TableText => ({ name, text: `${EPISODE_COLUMNS.join(',')}\n` });

/** Imports an SSDA903 return in XML (see the file's comment for the structure read). */
export function importSsda903Xml(xml: TableText, options: Ssda903Options = {}): Ssda903Import {
  const names = { header: `${xml.name} HEADER`, episodes: `${xml.name} EPISODE`, reviews: `${xml.name} REVIEW` };
  const fail = (line: number, message: string): Ssda903Import => {
    const empty = importSsda903({ episodes: EMPTY_EPISODES(names.episodes) }, options);
    return { ...empty, issues: [{ severity: 'error', file: xml.name, line, message }], reconciliation: { ok: false, lines: [`${xml.name}: ${message}`] } };
  };
  const valid = XMLValidator.validate(xml.text);
  if (valid !== true) return fail(valid.err.line, `the file is not well-formed XML (${valid.err.code}); no element of it was mapped`);
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, captureMetaData: true, isArray: (name) => name === 'CHILD' || name === 'EPISODE' || name === 'REVIEW' });
  const meta = XMLParser.getMetaDataSymbol() as unknown as string;
  const lineOf = lineFinder(xml.text);
  const at = (n: unknown): number => (isNode(n) ? lineOf((n[meta] as { startIndex?: number } | undefined)?.startIndex) : 0);
  let parsed: unknown;
  try {
    parsed = parser.parse(xml.text) as unknown;
  } catch {
    return fail(0, 'the file cannot be read as XML; no element of it was mapped');
  }
  const root = isNode(parsed) ? parsed[SSDA903_XML_ROOT] : undefined;
  if (!isNode(root)) return fail(1, `expected the root element ${SSDA903_XML_ROOT} (an SSDA903 return); nothing was mapped`);
  const header = new TableBuilder(HEADER_COLUMNS);
  const episodes = new TableBuilder(EPISODE_COLUMNS);
  const reviews = new TableBuilder(REVIEW_COLUMNS);
  const children = Array.isArray(root['CHILD']) ? (root['CHILD'] as unknown[]) : [];
  for (const child of children) {
    if (!isNode(child)) continue;
    const h = isNode(child['HEADER']) ? child['HEADER'] : undefined;
    const id = h?.['CHILDID'];
    const dob = h?.['DOB'];
    if (h !== undefined) header.add({ CHILD: id, DOB: dob }, at(h));
    for (const e of Array.isArray(child['EPISODE']) ? (child['EPISODE'] as unknown[]) : []) {
      if (!isNode(e)) continue;
      episodes.add({ ...e, PLACE: e['PL'] ?? e['PLACE'], CHILD: id }, at(e));
    }
    for (const r of Array.isArray(child['REVIEW']) ? (child['REVIEW'] as unknown[]) : []) {
      if (!isNode(r)) continue;
      reviews.add({ CHILD: id, DOB: dob, REVIEW: r['REVIEW'], REVIEW_CODE: r['REVIEW_CODE'] }, at(r));
    }
  }
  const result = importSsda903(
    {
      header: header.text(names.header),
      episodes: episodes.text(names.episodes),
      ...(reviews.lines.length > 1 ? { reviews: reviews.text(names.reviews) } : {}),
    },
    options,
  );
  const byName = new Map([
    [names.header, header],
    [names.episodes, episodes],
    [names.reviews, reviews],
  ]);
  const issues: ImportIssue[] = result.issues.map((i) => {
    const table = byName.get(i.file);
    if (table === undefined) return i;
    const element = i.file.slice(xml.name.length + 1);
    return { ...i, file: xml.name, line: table.xmlLine[i.line - 1] ?? 0, message: `${element}: ${i.message}` };
  });
  // In the file's order (the tables' issues came table by table).
  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
  return { ...result, issues };
}
