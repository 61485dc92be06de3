/**
 * The kinds of rule, by their words: the one list the grammar (`tokens.ts`), the compiler's registry
 * (`compiler/kinds/index.ts`) and editors read. No imports, so editors load it without the parser.
 */
export const RULE_KINDS = ['deadline', 'cycle', 'approval', 'limit', 'constraint', 'order', 'ladder', 'criteria', 'duty'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
