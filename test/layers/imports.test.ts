/**
 * The layers' import rules, checked on the import statements of every TypeScript file of each folder.
 *
 * Input: the `.ts` files under grammar/, runtime/, simulation/, compiler/, cli/ and playground/src/,
 * read from disk; their imports (static, `export ... from`, type-only and dynamic `import('...')`)
 * listed by TypeScript's `preProcessFile`, so comments and strings are not mistaken for imports.
 * Output: assertions. The rules (`RULES`), per folder:
 * - grammar/: grammar/, the table of duration units (runtime/units.ts: the lexer's unit words), the
 *   input limits (runtime/input-limits.ts: name length, nesting depth) and npm packages;
 * - runtime/: runtime/ and npm packages (what a compiled policy needs at run time and nothing else);
 * - simulation/: simulation/, the runtime's public entry and npm packages;
 * - compiler/: compiler/, runtime/, grammar/ and npm packages;
 * - cli/: cli/, the public entries (compiler/index.ts, compiler/front-end.ts, compiler/emit.ts, compiler/language.ts,
 *   runtime/index.ts, simulation/index.ts, grammar/index.ts), npm packages and Node's built-ins;
 * - playground/src/: playground/, the public entries that are browser-safe, the language reference as
 *   text (`docs/language.md?raw`, Vite's raw import: the help dialog shows it) and npm packages.
 * Every folder but cli/ is browser-safe: a Node built-in is a violation there, except in the
 * development script grammar/gen-cst.ts (`npm run gen:cst`), which no entry imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The public entries, as repository paths. */
const ENTRIES = {
  grammar: 'grammar/index.ts',
  runtime: 'runtime/index.ts',
  simulation: 'simulation/index.ts',
  compiler: 'compiler/index.ts',
  compilerFrontEnd: 'compiler/front-end.ts',
  compilerEmit: 'compiler/emit.ts',
  language: 'compiler/language.ts',
} as const;

/** The table of duration units: plain data, no imports, that the lexer makes its unit words from. */
const UNIT_TABLE = 'runtime/units.ts';
/** The language reference as text (Vite's `?raw`): the playground's help dialog shows it; no code. */
const LANGUAGE_DOC = 'docs/language.md?raw';
/** The input limits (docs/limits.md): plain data that the lexer checks names and nesting against. */
const INPUT_LIMITS = 'runtime/input-limits.ts';

/** What a file of a folder may import: repository paths by folder prefix or exact entry, and whether Node built-ins are allowed. */
interface Rule {
  readonly folder: string;
  /** Folders (with a trailing `/`) whose files may be imported. */
  readonly folders: readonly string[];
  /** Single files (public entries) that may be imported. */
  readonly entries: readonly string[];
  readonly nodeBuiltins: boolean;
}

const RULES: readonly Rule[] = [
  { folder: 'grammar/', folders: ['grammar/'], entries: [UNIT_TABLE, INPUT_LIMITS], nodeBuiltins: false },
  { folder: 'runtime/', folders: ['runtime/'], entries: [], nodeBuiltins: false },
  { folder: 'simulation/', folders: ['simulation/'], entries: [ENTRIES.runtime], nodeBuiltins: false },
  { folder: 'compiler/', folders: ['compiler/', 'runtime/', 'grammar/'], entries: [], nodeBuiltins: false },
  { folder: 'cli/', folders: ['cli/'], entries: Object.values(ENTRIES), nodeBuiltins: true },
  { folder: 'playground/src/', folders: ['playground/'], entries: [ENTRIES.grammar, ENTRIES.runtime, ENTRIES.simulation, ENTRIES.compiler, ENTRIES.language, LANGUAGE_DOC], nodeBuiltins: false },
];

/** Files that may use Node built-ins although their folder is browser-safe (development scripts no entry imports). */
const NODE_SCRIPTS = new Set(['grammar/gen-cst.ts']);

interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly why: string;
}

/** The module specifiers a TypeScript text imports or re-exports, dynamic imports included. */
function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const BUILTINS = new Set(builtinModules);

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** The violations of `rule` by the file at repository path `file` (posix) with the given imports. */
function violations(rule: Rule, file: string, specifiers: readonly string[]): Violation[] {
  const out: Violation[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (rule.entries.includes(target) || rule.folders.some((folder) => target.startsWith(folder))) continue;
      out.push({ file, specifier, why: `${rule.folder} may not import ${target}` });
    } else if (isNodeBuiltin(specifier)) {
      if (!rule.nodeBuiltins && !NODE_SCRIPTS.has(file)) out.push({ file, specifier, why: `${rule.folder} is browser-safe: no Node built-in` });
    } else if (specifier.startsWith('/')) {
      out.push({ file, specifier, why: 'an absolute path' });
    }
    // Anything else is an npm package (package.json's dependencies are checked by test/embedding).
  }
  return out;
}

/** Every `.ts` file below `dir` (repository-relative, posix), generated folders included. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        out.push(relative(ROOT, path).split(sep).join('/'));
      }
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

describe('layers: the import rules of each folder', () => {
  for (const rule of RULES) {
    it(`${rule.folder} imports only what it may`, () => {
      const files = tsFiles(rule.folder);
      expect(files.length).toBeGreaterThan(0);
      const found = files.flatMap((file) => violations(rule, file, importSpecifiers(readFileSync(join(ROOT, file), 'utf8'))));
      expect(found).toEqual([]);
    });
  }

  it('every public entry exists and opens with its contract', () => {
    for (const entry of Object.values(ENTRIES)) {
      expect(readFileSync(join(ROOT, entry), 'utf8')).toMatch(/^\/\*\*/);
    }
  });
});

describe('layers: the checker itself', () => {
  const rule = (folder: string): Rule => {
    const found = RULES.find((r) => r.folder === folder);
    if (found === undefined) throw new Error(`no rule for ${folder}`);
    return found;
  };

  it('reads static, re-exported, type-only and dynamic imports, and not those in comments or strings', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n  C,\n} from '../b/index.ts';",
      "export * from './c.ts';",
      "export { d } from 'some-package';",
      "const e = await import('./e.ts');",
      "// import { f } from './f.ts';",
      "const g = \"import('./g.ts')\";",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../b/index.ts', './a.ts', './c.ts', './e.ts', 'some-package']);
  });

  it('flags a deep import from the CLI, the runtime importing the compiler, and Node in the runtime', () => {
    expect(violations(rule('cli/'), 'cli/x.ts', ['../compiler/pipeline.ts', '../compiler/index.ts', 'node:fs']).map((v) => v.specifier)).toEqual(['../compiler/pipeline.ts']);
    expect(violations(rule('runtime/'), 'runtime/x.ts', ['../compiler/index.ts', './dates.ts', 'node:fs', 'fs', 'ajv']).map((v) => v.specifier)).toEqual([
      '../compiler/index.ts',
      'node:fs',
      'fs',
    ]);
    expect(violations(rule('simulation/'), 'simulation/simulate/x.ts', ['../../runtime/index.ts', '../../runtime/dates.ts', '../caseload/types.ts']).map((v) => v.specifier)).toEqual([
      '../../runtime/dates.ts',
    ]);
    expect(violations(rule('playground/src/'), 'playground/src/x.ts', ['../../compiler/emit.ts', '../holidays-subset.ts']).map((v) => v.specifier)).toEqual(['../../compiler/emit.ts']);
  });

  it('the folders checked cover every layer named in the README layout table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const folder of ['grammar/', 'compiler/', 'runtime/', 'simulation/', 'cli/', 'playground/']) {
      expect(readme).toContain(`| \`${folder}\` |`);
      expect(RULES.some((r) => r.folder.startsWith(folder))).toBe(true);
    }
  });
});
