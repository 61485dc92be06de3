/**
 * The CLI bundle's parser restores its grammar from a snapshot instead of recording it (issue 17), and
 * that changes nothing it parses.
 *
 * Input: the grammar of the sources (grammar/parser.ts), recorded here by Chevrotain, and its snapshot
 * (grammar/grammar-snapshot.ts); the bundle dist/cli/ (scripts/build-cli.mjs; built first when
 * bin/pdl.js would run the TypeScript sources instead). Output: assertions that the restored rules are
 * the recorded ones (classes, own properties in order, token types by identity); that a parser built
 * from the snapshot uses the lookahead table (its grammar's fingerprint matches) and builds the same
 * CST and errors as one that records, on every policy of the repository and on damaged copies of them;
 * that a snapshot refuses what it cannot restore; and that the bundle holds the snapshot of these very
 * sources.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Rule, type IToken } from 'chevrotain';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesBelow } from '../../cli/files-below.ts';
import { LOOKAHEAD_TABLE } from '../../grammar/generated/lookahead.ts';
import { restoreRules, snapshotGrammar } from '../../grammar/grammar-snapshot.ts';
import { TableLookaheadStrategy } from '../../grammar/lookahead.ts';
import { LOOKAHEAD_TOKENS, MAX_LOOKAHEAD, PdlParser } from '../../grammar/parser.ts';
import { RECORDED_GRAMMAR } from '../../grammar/recorded-grammar.ts';
import * as t from '../../grammar/tokens.ts';
import { parseWith } from '../support/cst-shape.ts';
import { mulberry32 } from '../support/random.ts';
import { pdl, PROCESS_TIMEOUT_MS, ROOT, timeoutFor } from '../support/processes.ts';

/** A production as plain data: its class, then its own properties in order (token types by name, a referenced rule by its name). */
function structure(node: unknown): unknown {
  const record = node as Record<string, unknown>;
  const out: unknown[] = [Object.getPrototypeOf(node)?.constructor?.name];
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key === 'referencedRule') out.push([key, (value as Rule).name]);
    else if (Array.isArray(value)) out.push([key, value.map(structure)]);
    else if (typeof value === 'object' && value !== null) out.push([key, `token ${(value as { name: string }).name}`, LOOKAHEAD_TOKENS.includes(value as never)]);
    else out.push([key, value]);
  }
  return out;
}

const recording = new PdlParser({ recorded: false });
const snapshot = snapshotGrammar(recording, LOOKAHEAD_TOKENS);
const table = new TableLookaheadStrategy(LOOKAHEAD_TABLE, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD);
const restoring = new PdlParser({ recorded: snapshot, lookahead: table });

describe('the grammar snapshot', () => {
  it('is what the sources run with: none (they record their grammar)', () => {
    expect(RECORDED_GRAMMAR).toBeUndefined();
  });

  it('restores the rules Chevrotain records: the same classes, properties and token types', () => {
    const recorded = Object.values(recording.getGAstProductions());
    expect(recorded.length).toBeGreaterThan(50);
    const restored = Object.values(restoring.getGAstProductions());
    expect(restored.map(structure)).toEqual(recorded.map(structure));
    // and as restoreRules gives them, before Chevrotain resolves the rules they refer to
    expect(restoreRules(snapshot, LOOKAHEAD_TOKENS).map((rule) => rule.name)).toEqual(recorded.map((rule) => rule.name));
    expect(restored.every((rule) => rule instanceof Rule)).toBe(true);
  });

  it('gives a parser that reads the lookahead table (the grammar it restores has the fingerprint the table was made for)', () => {
    expect(table.fromTable).toBe(true);
  });

  it('gives a parser that builds the same CST and errors as a recording one, on every policy and on damaged copies', () => {
    const files = [...filesBelow(join(ROOT, 'policies'), '.pdl'), ...filesBelow(join(ROOT, 'test', 'cases'), '.pdl')];
    expect(files.length).toBeGreaterThan(50);
    const next = mulberry32(23);
    for (const file of files) {
      const { tokens } = t.lex(readFileSync(file, 'utf8'));
      expect(parseWith(restoring, tokens), file).toEqual(parseWith(recording, tokens));
    }
    // A few tokens dropped from the policies: syntax errors, and the recovery from them.
    for (const file of files.filter((f) => f.includes(`${join(ROOT, 'policies')}`))) {
      const { tokens } = t.lex(readFileSync(file, 'utf8'));
      const damaged = tokens.filter(() => next() > 0.03);
      const result = parseWith(restoring, damaged);
      expect(result.errors.length, file).toBeGreaterThan(0);
      expect(result, file).toEqual(parseWith(recording, damaged));
    }
  });

  it('refuses a production it could not restore as it was, and a snapshot of rules the parser does not have', () => {
    const parser = new PdlParser({ recorded: false });
    const [first] = Object.values(parser.getGAstProductions());
    (first as unknown as Record<string, unknown>)['extra'] = () => undefined;
    expect(() => snapshotGrammar(parser, LOOKAHEAD_TOKENS)).toThrow(/cannot record Rule\.extra/);
    const renamed = snapshot.replace('"policyFile"', '"policyFileRenamed"');
    expect(renamed).not.toBe(snapshot);
    expect(() => new PdlParser({ recorded: renamed })).toThrow(/no rule policyFile/);
  });
});

describe('the CLI bundle', () => {
  beforeAll(() => {
    if (pdl(['--version'], { env: { PDL_DEBUG: '1' } }).stderr.includes('running dist/cli/pdl.mjs')) return;
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
    expect(built.status, built.stderr).toBe(0);
  }, timeoutFor(3));

  it('holds the snapshot of these sources, in the chunks and in the CommonJS bundle of pdl check', () => {
    const dir = join(ROOT, 'dist', 'cli');
    // The files of the latest build: the build dates every file it writes as it dates the entry
    // (files of a previous build stay a few minutes for the processes still loading them).
    const built = statSync(join(dir, 'pdl.mjs')).mtimeMs;
    const current = readdirSync(dir).filter((name) => /\.(mjs|cjs)$/.test(name) && statSync(join(dir, name)).mtimeMs === built);
    const holding = current.filter((name) => readFileSync(join(dir, name), 'utf8').includes('RECORDED_GRAMMAR='));
    expect(holding.filter((name) => name.endsWith('.mjs')).length).toBe(1);
    expect(holding.filter((name) => /^check-\w+\.cjs$/.test(name)).length).toBe(1);
    // The snapshot's text has no quote or backslash to escape: esbuild writes it as it is.
    expect(/['\\]/.test(snapshot)).toBe(false);
    for (const name of holding) expect(readFileSync(join(dir, name), 'utf8'), name).toContain(`RECORDED_GRAMMAR='${snapshot}'`);
    // With the fingerprint of that grammar, the one its lookahead table was made for (the table is current).
    for (const name of holding) expect(readFileSync(join(dir, name), 'utf8'), name).toContain(`RECORDED_FINGERPRINT="${LOOKAHEAD_TABLE.fingerprint}"`);
  });
});
