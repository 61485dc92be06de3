/**
 * Safety of the playground's source (playground/src/**, read with node:fs): no markup is ever built
 * from strings (no innerHTML, outerHTML, insertAdjacentHTML or document.write), and nothing is sent
 * over the network (no fetch, XMLHttpRequest, WebSocket, EventSource or sendBeacon); Monaco hovers
 * never trust their Markdown or allow HTML; no string is run as code.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, PLAYGROUND_SRC, REPO_ROOT } from './fixtures.ts';

const sources = [...filesUnder(PLAYGROUND_SRC, '.ts'), ...filesUnder(PLAYGROUND_SRC, '.css'), ...filesUnder(PLAYGROUND_SRC, '.html')];

function offenders(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of sources) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('playground safety', () => {
  it('scans the playground sources', () => {
    expect(sources.map((f) => relative(PLAYGROUND_SRC, f))).toEqual(expect.arrayContaining(['app.ts', 'render.ts', 'dom.ts', 'worker.ts']));
  });

  it('never parses strings as HTML', () => {
    expect(offenders(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/)).toEqual([]);
  });

  it('renders Monaco Markdown untrusted and without HTML, and never evaluates strings', () => {
    expect(offenders(/isTrusted:\s*true|supportHtml:\s*true|supportThemeIcons:\s*true/)).toEqual([]);
    expect(offenders(/\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/)).toEqual([]);
  });

  it('keeps the Content-Security-Policy of the page', () => {
    const html = readFileSync(`${REPO_ROOT}playground/index.html`, 'utf8');
    expect(html).toMatch(/Content-Security-Policy[^>]*default-src 'self'/);
    expect(html).toMatch(/connect-src 'self'/);
    expect(html).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it('never talks to the network', () => {
    expect(offenders(/\bfetch\s*\(|XMLHttpRequest|new\s+WebSocket|EventSource|sendBeacon/)).toEqual([]);
  });
});
