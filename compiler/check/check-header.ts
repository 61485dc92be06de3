/** Header checks: a title is required; each header field is given once. */
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { Check } from './types.ts';

export const checkHeader: Check = (policy) => {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  for (const field of policy.ast.header) {
    const count = (seen.get(field.field) ?? 0) + 1;
    seen.set(field.field, count);
    if (count > 1) out.push(diagnostic('pdl/duplicate-clause', policy.uri, field.range, `\`${field.field}\` is given more than once`, { help: 'keep one' }));
  }
  if (!seen.has('title') && !policy.ast.incomplete) {
    out.push(
      diagnostic('pdl/missing-title', policy.uri, policy.ast.id.range, `policy \`${policy.id}\` has no title`, {
        help: 'add a line `title "..."` under the `policy` line, naming the practice direction',
      }),
    );
  }
  return out;
};
