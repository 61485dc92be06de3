/**
 * The playground's in-memory compiler host: the policy texts bundled with the page, found by the id
 * on their `policy` line, so that a policy that `extends england.statutory_reviews` compiles in the
 * browser.
 *
 * Input: policy texts keyed by module path, as `import.meta.glob('../../policies/**\/*.pdl')` gives
 * them (`../../policies/england/statutory-reviews.pdl`), or plain `{uri, text}` sources. Output:
 * `PolicyEntry`s (uri, id, title, text) sorted by uri, and a `CompilerHost` over them.
 *
 * INVARIANT: no DOM, no Vite, no Node-only module: this file runs in the worker, on the main thread
 * and in the Node tests alike.
 * INVARIANT: uris are relative to the repository root (`policies/england/statutory-reviews.pdl`),
 * the same as the CLI gives when run from the root, so IR source locations agree.
 */
import type { CompilerHost, PolicySource } from '../../compiler/index.ts';

/** One policy text the playground knows. */
export interface PolicyEntry {
  /** `policies/england/statutory-reviews.pdl` */
  readonly uri: string;
  /** The id on the `policy` line, or undefined when there is none (the text does not parse). */
  readonly id: string | undefined;
  /** The `title` of the header, when it can be read without compiling. */
  readonly title: string | undefined;
  readonly text: string;
}

/** The same pattern the CLI's file host uses to index policies without compiling them. */
const POLICY_LINE = /^\s*policy\s+([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/m;
/** The header's title: `title "..."` on a line of its own (escapes are not decoded; display only). */
const TITLE_LINE = /^\s*title\s+"((?:[^"\\\n]|\\.)*)"/m;

/** The id on the text's `policy` line. */
export function policyIdOf(text: string): string | undefined {
  return POLICY_LINE.exec(text)?.[1];
}

/** The text's header title, for menus (undefined when there is none). */
export function policyTitleOf(text: string): string | undefined {
  return TITLE_LINE.exec(text)?.[1];
}

/**
 * Turns a module path from `import.meta.glob` into a uri relative to the repository root:
 * `../../policies/england/x.pdl` -> `policies/england/x.pdl`; `/policies/x.pdl` -> `policies/x.pdl`.
 */
export function uriOfModulePath(path: string): string {
  let uri = path.replace(/\\/g, '/');
  while (uri.startsWith('../') || uri.startsWith('./')) uri = uri.slice(uri.indexOf('/') + 1);
  return uri.replace(/^\/+/, '');
}

/** Describes one policy text. */
export function policyEntry(uri: string, text: string): PolicyEntry {
  return { uri, id: policyIdOf(text), title: policyTitleOf(text), text };
}

/** Policy entries from `import.meta.glob(..., { query: '?raw', import: 'default', eager: true })`, sorted by uri. */
export function policyEntriesFromModules(modules: Readonly<Record<string, string>>): PolicyEntry[] {
  return Object.entries(modules)
    .map(([path, text]) => policyEntry(uriOfModulePath(path), text))
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** A compiler host with a list of the policies it holds. */
export interface MemoryHost extends CompilerHost {
  readonly entries: readonly PolicyEntry[];
}

/**
 * A host that finds a policy by id among `entries`. When two texts declare the same id, the first
 * by uri wins (as in the CLI's file host, which sorts paths).
 */
export function createMemoryHost(entries: readonly PolicyEntry[]): MemoryHost {
  const byId = new Map<string, PolicyEntry>();
  for (const entry of entries) {
    if (entry.id !== undefined && !byId.has(entry.id)) byId.set(entry.id, entry);
  }
  return {
    entries,
    findPolicy(id: string): PolicySource | undefined {
      const entry = byId.get(id);
      return entry === undefined ? undefined : { uri: entry.uri, text: entry.text };
    },
    knownPolicies(): Iterable<string> {
      return byId.keys();
    },
  };
}
