/**
 * Notifications: the `notify` templates of deadlines, cycles and ladders, rendered with Handlebars.
 *
 * Input: an `IrTemplate` (compiled once per template by `compileTemplate`, when the policy is
 * prepared), then per evaluation a context object of the shape `NOTIFICATION_FIELDS` describes.
 * Output: the rendered subject and body, or a notice naming the rule when rendering fails.
 *
 * The context (every value a string or number; see `NOTIFICATION_FIELDS` for the paths):
 * - every template: `case` {id}, `child` {dob}, `policy` {id, title, version}, `asOf`, `rule` {id,
 *   title, citation} (for a ladder, the ladder's);
 * - deadlines, cycles and duties: `obligation` {occurrence, due, dueTime, owner, status, anchor:
 *   {event, date}}; one notification per obligation that is open, early or overdue, or duty that is
 *   outstanding or missed (a duty's `due` is its bound, or empty);
 * - ladders: `ladder` {id, title} and `stage` {number, title, due, raisedOn, respondents, copied}
 *   (role names joined with ", "); one notification per raised stage.
 * Dates are `YYYY-MM-DD`. A field that may not apply is the empty string, never absent (so that a
 * template that names it renders rather than fails): `policy.version`, `obligation.dueTime`,
 * `stage.title`, `stage.due` (a referral stage has none).
 *
 * INVARIANT: output is HTML-escaped: a template with an unescaped output (`{{{x}}}`, `{{&x}}`) is a
 * `MalformedIrError` when the policy is prepared (the compiler rejects it as `pdl/invalid-template`),
 * so case data never reaches a message as raw HTML, whatever produced the IR.
 * INVARIANT: templates are compiled in `strict` mode: a field that does not exist throws instead of
 * rendering empty; the compiler checks fields against `NOTIFICATION_FIELDS`, and should one slip
 * through, rendering reports a notice naming the rule and the field, never the case's data, and the
 * evaluation goes on.
 * `compileNotifications` prepares every template of a policy once; `notificationsFor` renders, per
 * case, one notification per obligation that is open, early or overdue of a rule with `notify`, in the order
 * of the obligations, then one per raised stage of a ladder with `notify`, in the order of the
 * escalations (it runs after every rule kind: `runtime/kinds/index.ts`).
 *
 * INVARIANT: one private Handlebars environment (no global helpers or partials); each template is
 * parsed and compiled when the policy is prepared (a syntax error is a `MalformedIrError` then).
 */

import Handlebars from 'handlebars';
import type { IrTemplate, PolicyIR } from './ir.ts';
import type { PlainDate } from './dates.ts';
import type { NormalizedCase } from './case.ts';
import { MalformedIrError } from './conditions.ts';
import { notice } from './messages.ts';
import type { Notice } from './messages.ts';
import { isoDate } from './explain.ts';
import type { RaisedStage } from './ladders.ts';
import type { Escalation, Notification, Obligation } from './result.ts';

/** One path a notification template may name. */
export interface NotificationField {
  /** Dotted path, as written in a template: `obligation.due`. */
  readonly path: string;
  readonly type: 'text' | 'number' | 'date';
  readonly description: string;
  /** True when the value may be the empty string (the thing does not apply). */
  readonly mayBeEmpty?: true;
}

/** The kinds of rule that may carry a `notify` template. */
export type NotificationRuleKind = 'deadline' | 'cycle' | 'duty' | 'ladder';

const COMMON: readonly NotificationField[] = [
  { path: 'case.id', type: 'text', description: 'the case identifier' },
  { path: 'child.dob', type: 'date', description: "the child's date of birth" },
  { path: 'policy.id', type: 'text', description: "the policy's id" },
  { path: 'policy.title', type: 'text', description: "the policy's title" },
  { path: 'policy.version', type: 'text', description: "the policy's version", mayBeEmpty: true },
  { path: 'asOf', type: 'date', description: 'the as-of date of the evaluation' },
  { path: 'rule.id', type: 'text', description: "the id of the rule (or ladder) carrying the template" },
  { path: 'rule.title', type: 'text', description: "the rule's title" },
  { path: 'rule.citation', type: 'text', description: "the rule's citation" },
];

/**
 * Every field a notification template may name, by the kind of rule carrying it: the one definition
 * the compiler checks templates against (`pdl/unknown-template-field`) and the runtime renders with.
 * Only these leaf paths exist; the objects above them (`obligation`, `obligation.anchor`) are not
 * values to print.
 */
export const NOTIFICATION_FIELDS: {
  /** Deadlines, cycles and duties: one notification per open, early or overdue obligation (outstanding or missed duty). */
  readonly obligation: readonly NotificationField[];
  /** Ladders: one notification per raised stage. */
  readonly ladder: readonly NotificationField[];
} = Object.freeze({
  obligation: Object.freeze([
    ...COMMON,
    { path: 'obligation.occurrence', type: 'number', description: 'the occurrence (1, 2, ...)' },
    { path: 'obligation.due', type: 'date', description: 'the due date (for a duty, its bound: empty while it has none)', mayBeEmpty: true },
    { path: 'obligation.dueTime', type: 'text', description: 'the time of day it is due by (`HH:MM`)', mayBeEmpty: true },
    { path: 'obligation.owner', type: 'text', description: 'the role that owns it' },
    { path: 'obligation.status', type: 'text', description: '`open`, `early` or `overdue` (for a duty, `outstanding` or `missed`)' },
    { path: 'obligation.anchor.event', type: 'text', description: 'the event it is measured from (`child.dob` for the date of birth)' },
    { path: 'obligation.anchor.date', type: 'date', description: 'the date it is measured from' },
  ] satisfies NotificationField[]),
  ladder: Object.freeze([
    ...COMMON,
    { path: 'ladder.id', type: 'text', description: "the ladder's id" },
    { path: 'ladder.title', type: 'text', description: "the ladder's title" },
    { path: 'stage.number', type: 'number', description: 'the stage raised' },
    { path: 'stage.title', type: 'text', description: "the stage's title", mayBeEmpty: true },
    { path: 'stage.due', type: 'date', description: 'the date the response is due by (empty for a referral stage)', mayBeEmpty: true },
    { path: 'stage.raisedOn', type: 'date', description: 'the date the stage was raised' },
    { path: 'stage.respondents', type: 'text', description: 'the roles that must respond, joined with ", "' },
    { path: 'stage.copied', type: 'text', description: 'the roles copied in, joined with ", "' },
  ] satisfies NotificationField[]),
});

/** The fields available to a template carried by a rule of this kind. */
export function notificationFields(kind: NotificationRuleKind): readonly NotificationField[] {
  return kind === 'ladder' ? NOTIFICATION_FIELDS.ladder : NOTIFICATION_FIELDS.obligation;
}

/** What every template sees. */
export interface NotificationContextBase {
  readonly case: { readonly id: string };
  readonly child: { readonly dob: string };
  readonly policy: { readonly id: string; readonly title: string; readonly version: string };
  readonly asOf: string;
  readonly rule: { readonly id: string; readonly title: string; readonly citation: string };
}

/** The context of a deadline's or cycle's template. */
export interface ObligationNotificationContext extends NotificationContextBase {
  readonly obligation: {
    readonly occurrence: number;
    readonly due: string;
    readonly dueTime: string;
    readonly owner: string;
    readonly status: string;
    readonly anchor: { readonly event: string; readonly date: string };
  };
}

/** The context of a ladder's template. */
export interface LadderNotificationContext extends NotificationContextBase {
  readonly ladder: { readonly id: string; readonly title: string };
  readonly stage: {
    readonly number: number;
    readonly title: string;
    readonly due: string;
    readonly raisedOn: string;
    readonly respondents: string;
    readonly copied: string;
  };
}

type Render = (context: object) => string;

/** A template prepared for rendering. */
export interface CompiledTemplate {
  readonly rule: string;
  readonly kind: NotificationRuleKind;
  readonly subject: Render;
  readonly body: Render | undefined;
}

/** The private environment, made on first use: a `pdl check` of a policy without `notify` never loads Handlebars (scripts/build-cli.mjs). */
let environment: ReturnType<typeof Handlebars.create> | undefined;
const env = (): ReturnType<typeof Handlebars.create> => (environment ??= Handlebars.create());

/** A context with every field of `fields` set to a placeholder, to compile a template eagerly. */
function sampleContext(fields: readonly NotificationField[]): object {
  const root: Record<string, unknown> = {};
  for (const f of fields) {
    const parts = f.path.split('.');
    let node = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = f.type === 'number' ? 1 : 'x';
      else node = (node[p] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

const SAMPLES: Readonly<Record<'obligation' | 'ladder', object>> = {
  obligation: sampleContext(NOTIFICATION_FIELDS.obligation),
  ladder: sampleContext(NOTIFICATION_FIELDS.ladder),
};

/** Whether a parsed template has a `{{{x}}}` or `{{&x}}` anywhere (walked with a stack: nesting is the author's). */
function hasUnescapedOutput(program: hbs.AST.Program): boolean {
  const stack: hbs.AST.Node[] = [program];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'Program') stack.push(...(node as hbs.AST.Program).body);
    else if (node.type === 'MustacheStatement' && !(node as hbs.AST.MustacheStatement).escaped) return true;
    else if (node.type === 'BlockStatement') {
      const b = node as hbs.AST.BlockStatement;
      stack.push(b.program);
      if (b.inverse) stack.push(b.inverse);
    }
  }
  return false;
}

function compileOne(source: string, rule: string, kind: NotificationRuleKind, part: 'subject' | 'body'): Render {
  let ast: ReturnType<typeof Handlebars.parse>;
  try {
    ast = env().parse(source);
  } catch {
    throw new MalformedIrError(`the \`notify\` ${part} of \`${rule}\` is not a valid template`);
  }
  if (hasUnescapedOutput(ast)) {
    throw new MalformedIrError(`the \`notify\` ${part} of \`${rule}\` inserts a value unescaped ({{{...}}} or {{&...}})`);
  }
  const render = env().compile(ast, { strict: true }) as Render;
  // Handlebars compiles on first use: render once with placeholders so that the work is done here,
  // once per policy. A field the sample lacks fails again (with a notice) when rendered for real.
  try {
    render(kind === 'ladder' ? SAMPLES.ladder : SAMPLES.obligation);
  } catch {
    // Reported per notification; see `renderTemplate`.
  }
  return render;
}

/**
 * Parses and compiles a rule's template once (strict mode, HTML-escaped). Throws `MalformedIrError`
 * when the subject or body is not a valid Handlebars template.
 */
export function compileTemplate(template: IrTemplate, rule: string, kind: NotificationRuleKind): CompiledTemplate {
  return {
    rule,
    kind,
    subject: compileOne(template.subject, rule, kind, 'subject'),
    body: template.body === undefined ? undefined : compileOne(template.body, rule, kind, 'body'),
  };
}

const MISSING_FIELD = /^"([^"]{1,100})" not defined in/;

/**
 * Renders a template with its context; on failure adds a notice naming the rule (and the missing
 * field, when that is the cause: never the context's values) and returns undefined.
 */
export function renderTemplate(t: CompiledTemplate, context: ObligationNotificationContext | LadderNotificationContext, notices: Notice[]): { subject: string; body?: string } | undefined {
  let part: 'subject' | 'body' = 'subject';
  try {
    const subject = t.subject(context);
    if (t.body === undefined) return { subject };
    part = 'body';
    return { subject, body: t.body(context) };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : '';
    const field = MISSING_FIELD.exec(message)?.[1];
    const what = t.kind === 'ladder' ? 'ladder' : 'rule';
    notices.push(
      field === undefined
        ? notice('notice/template-failed', { part, kind: what, rule: t.rule })
        : notice('notice/template-missing-field', { part, kind: what, rule: t.rule, field }),
    );
    return undefined;
  }
}

/** Every notification template of a policy, prepared once. */
export interface PolicyTemplates {
  readonly policy: { readonly id: string; readonly title: string; readonly version: string };
  /** By rule id: the templates of deadlines and cycles. */
  readonly ruleTemplates: ReadonlyMap<string, CompiledTemplate>;
  /** By rule id: the rule's own citation (`rule.citation` in templates; an obligation's may be its step's). */
  readonly ruleCitations: ReadonlyMap<string, string>;
  /** By ladder id. */
  readonly ladderTemplates: ReadonlyMap<string, CompiledTemplate>;
}

/**
 * Compiles the templates of the policy's rules and ladders (see `compileTemplate`); undefined when it
 * has none (the evaluator then skips notifications with one test).
 */
export function compileNotifications(ir: PolicyIR): PolicyTemplates | undefined {
  const ruleTemplates = new Map<string, CompiledTemplate>();
  for (const r of [...ir.rules, ...(ir.duties ?? [])]) if (r.notify !== undefined) ruleTemplates.set(r.id, compileTemplate(r.notify, r.id, r.kind));
  const ladderTemplates = new Map<string, CompiledTemplate>();
  for (const l of ir.ladders) if (l.notify !== undefined) ladderTemplates.set(l.id, compileTemplate(l.notify, l.id, 'ladder'));
  if (ruleTemplates.size === 0 && ladderTemplates.size === 0) return undefined;
  return {
    policy: { id: ir.id, title: ir.title, version: ir.version ?? '' },
    ruleTemplates,
    ruleCitations: new Map([...ir.rules, ...(ir.duties ?? [])].map((r) => [r.id, r.citation])),
    ladderTemplates,
  };
}

/**
 * The notifications of one case: one per obligation that is open, early or overdue of a rule with a
 * template, in the order of `obligations`; then one per raised stage of a ladder with a template, in
 * the order of `escalations` (`raised` is parallel to it). Rendering failures become notices.
 */
export function notificationsFor(
  x: PolicyTemplates,
  c: NormalizedCase,
  asOf: PlainDate,
  obligations: readonly Obligation[],
  escalations: readonly Escalation[],
  raisedStages: readonly RaisedStage[],
  notices: Notice[],
): Notification[] {
  const notifications: Notification[] = [];
  const base: Omit<NotificationContextBase, 'rule'> = {
    case: { id: c.id },
    child: { dob: isoDate(c.child.dob) },
    policy: x.policy,
    asOf: isoDate(asOf),
  };
  for (const o of obligations) {
    const t = x.ruleTemplates.get(o.rule);
    if (t === undefined || o.status === 'met' || o.status === 'met_late') continue;
    const rendered = renderTemplate(
      t,
      {
        ...base,
        rule: { id: o.rule, title: o.title, citation: x.ruleCitations.get(o.rule) ?? o.citation },
        obligation: {
          occurrence: o.occurrence,
          due: o.due ?? o.bound ?? '',
          dueTime: o.dueTime ?? '',
          owner: o.owner,
          status: o.status,
          anchor: { event: o.anchor.event, date: o.anchor.date },
        },
      },
      notices,
    );
    if (rendered !== undefined) notifications.push({ rule: o.rule, ...rendered, obligation: { rule: o.rule, occurrence: o.occurrence } });
  }
  escalations.forEach((e, k) => {
    const t = x.ladderTemplates.get(e.ladder);
    const raised = raisedStages[k];
    if (t === undefined || raised === undefined) return;
    const l = raised.ladder.ir;
    const rendered = renderTemplate(
      t,
      {
        ...base,
        rule: { id: l.id, title: l.title, citation: l.citation },
        ladder: { id: l.id, title: l.title },
        stage: {
          number: e.stage,
          title: e.stageTitle ?? '',
          due: e.due ?? '',
          raisedOn: e.raisedOn,
          respondents: e.respondents.join(', '),
          copied: e.copied.join(', '),
        },
      },
      notices,
    );
    if (rendered !== undefined) notifications.push({ rule: l.id, ...rendered, escalation: { ladder: e.ladder, instance: e.instance, stage: e.stage } });
  });
  return notifications;
}
