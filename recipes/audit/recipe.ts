/**
 * The `audit` recipe: checks a TypeScript/JavaScript codebase against one rule in plain words.
 *
 *   migrate audit ./src --rule "every route handler checks the session before reading the body"
 *
 * ts-morph splits the code into work items (route handlers, exported functions); one finder agent per
 * item reports findings (`{ findings: [{ line, title, problem, evidence, severity }] }`); a refuter agent
 * tries to refute each finding (`{ verdict: "refuted" | "upheld", reason }`); the report keeps what
 * survived. Read-only: it changes no source file; it writes only the report (`--out`).
 */
import { basename, dirname, resolve } from 'node:path';
import { defineRecipe, loadPromptTemplate, MigrateError, READ_ONLY_TOOL_NAMES, z, type RecipeContext, type RecipePlan } from 'migrate-kit';
import { renderMarkdown, sortFindings, type AuditReport, type Finding, type JudgedFinding } from './report.js';
import { splitAuditItems, type AuditItem } from './work-items.js';

const args = z.object({
  input: z.string().min(1).describe('folder (or file) of TypeScript/JavaScript to audit'),
  rule: z.string().trim().min(1, 'say what to check, e.g. --rule "every route checks the session"').describe('what to check, in plain words'),
  exclude: z.array(z.string()).default([]).describe('glob of files to skip (config: exclude)'),
  out: z.string().default('audit-report.md').describe('the Markdown report (a .json twin is written beside it)'),
  maxItems: z.number().int().min(1).default(500).describe('most work items to audit'),
  tools: z.boolean().default(false).describe('let agents read other files of the input (read-only tools)'),
});
type Args = z.output<typeof args>;

const findingsSchema = z.object({
  findings: z.array(
    z.object({
      line: z.number().describe('the line number shown at the left of the listing'),
      title: z.string().describe('the problem in a few words'),
      problem: z.string().describe('what is wrong and why it breaks the rule'),
      evidence: z.string().describe('the code that shows it, quoted'),
      severity: z.enum(['high', 'medium', 'low']),
    }),
  ),
});

const verdictSchema = z.object({
  verdict: z.enum(['refuted', 'upheld']),
  reason: z.string().describe('why, in one or two sentences citing line numbers'),
});

/** The prompt templates beside this file, with the variables each may use (checked when loaded, before any spend). */
async function loadPrompts() {
  const [auditor, find, skeptic, refute] = await Promise.all([
    loadPromptTemplate(new URL('./prompts/auditor.md', import.meta.url), { variables: ['rule'] }),
    loadPromptTemplate(new URL('./prompts/find.md', import.meta.url), { variables: ['kind', 'name', 'file', 'line', 'endLine', 'framework', 'code'] }),
    loadPromptTemplate(new URL('./prompts/skeptic.md', import.meta.url), { variables: ['rule'] }),
    loadPromptTemplate(new URL('./prompts/refute.md', import.meta.url), {
      variables: ['name', 'file', 'line', 'endLine', 'code', 'title', 'problem', 'evidence', 'severity', 'findingLine'],
    }),
  ]);
  return { auditor, find, skeptic, refute };
}

function split(input: string, a: Args) {
  try {
    return splitAuditItems(input, { exclude: a.exclude });
  } catch (cause) {
    throw new MigrateError('BAD_INPUT', `audit: cannot read ${input}: ${(cause as Error).message}. Give a folder or file of TypeScript/JavaScript.`, { cause });
  }
}

function itemVars(item: AuditItem) {
  return { kind: item.kind === 'route' ? 'route handler' : 'exported function', name: item.name, file: item.file, line: item.line, endLine: item.endLine, framework: item.framework ?? 'plain TypeScript/JavaScript', code: item.code };
}

export default defineRecipe({
  name: 'audit',
  description: 'Audit TypeScript/JavaScript against a rule: one agent per route handler or exported function, a second agent tries to refute each finding, a report of what survived. Changes no source file.',
  args,
  positionals: ['input'],

  plan({ args: a, cwd }): RecipePlan {
    const input = resolve(cwd, a.input);
    const { items, files } = split(input, a);
    if (items.length === 0) throw new MigrateError('NO_SOURCES', `audit: no route handlers or exported functions found in ${input} (${files} TypeScript/JavaScript files).`);
    const audited = items.slice(0, a.maxItems);
    const codeTokens = audited.reduce((n, i) => n + Math.ceil(i.code.length / 4), 0);
    const n = audited.length;
    return {
      facts: [['input', a.input], ['rule', a.rule], ['files', String(files)], ['work items', `${n} (${audited.filter((i) => i.kind === 'route').length} routes)`]],
      phases: [
        {
          title: 'audit',
          agents: { low: n, high: n * 3 },
          inputTokens: { low: codeTokens + n * 500, high: 2 * codeTokens + n * 1700 },
          cachedInputTokens: { low: (n - 1) * 350, high: (n - 1) * 700 },
          outputTokens: { low: n * 60, high: n * 900 },
          note: 'one finder per item; one refuter per finding (0–2 findings per item assumed)',
        },
      ],
      assumptions: ['Most items have no finding; a finding costs one more call with the item code again.'],
      ...(items.length > n ? { warnings: [`${items.length - n} work items beyond --max-items ${a.maxItems} will not be audited.`] } : {}),
    };
  },

  async run(ctx: RecipeContext<Args>) {
    const a = ctx.args;
    const prompts = await loadPrompts();
    const input = resolve(ctx.cwd, a.input);
    const { items, files } = split(input, a);
    const audited = items.slice(0, a.maxItems);
    ctx.log(`audit: ${audited.length} work items in ${files} files${items.length > audited.length ? ` (${items.length - audited.length} beyond --max-items skipped)` : ''}`);
    const tools = a.tools ? { tools: READ_ONLY_TOOL_NAMES, roots: [input] } : {};
    const finder = [{ text: prompts.auditor.render({ rule: a.rule }), cache: true }];
    const refuter = [{ text: prompts.skeptic.render({ rule: a.rule }), cache: true }];
    const failed: AuditReport['failed'] = [];

    const outcomes = await ctx.phase('audit', () =>
      ctx.pipeline(
        audited,
        (item) => ctx.agent(prompts.find.render(itemVars(item)), { label: `find ${item.file}:${item.line} ${item.name}`, schema: findingsSchema, context: finder, ...tools }),
        async (found, item) => {
          const judged = await ctx.parallel(
            found.findings.map((f: Finding, i) => () =>
              ctx.agent(prompts.refute.render({ ...itemVars(item), title: f.title, problem: f.problem, evidence: f.evidence, severity: f.severity, findingLine: f.line }), {
                label: `refute ${item.file}:${item.line} ${item.name} #${i + 1}`,
                schema: verdictSchema,
                context: refuter,
                ...tools,
              }),
            ),
          );
          return judged.flatMap((outcome, i): JudgedFinding[] => {
            const f = found.findings[i]!;
            if (outcome.status === 'failed') {
              failed.push({ what: `refute ${item.file}:${f.line} ${f.title}`, error: outcome.error.message });
              return [];
            }
            return [{ ...f, item: { kind: item.kind, name: item.name, file: item.file, line: item.line }, ...outcome.value }];
          });
        },
      ),
    );
    for (const o of outcomes) if (o.status === 'failed') failed.push({ what: `${o.stage === 0 ? 'find' : 'refute'} ${o.item.file}:${o.item.line} ${o.item.name}`, error: o.error.message });
    const judged = outcomes.flatMap((o) => (o.status === 'ok' ? o.value : []));
    const report: AuditReport = {
      rule: a.rule,
      input: a.input,
      files,
      items: audited.length,
      routes: audited.filter((i) => i.kind === 'route').length,
      functions: audited.filter((i) => i.kind === 'function').length,
      skipped: items.length - audited.length,
      findings: sortFindings(judged.filter((f) => f.verdict === 'upheld')),
      refuted: sortFindings(judged.filter((f) => f.verdict === 'refuted')),
      failed,
    };
    const out = resolve(ctx.cwd, a.out);
    const ws = ctx.workspace(dirname(out));
    await ws.write(basename(out), renderMarkdown(report));
    await ws.write(basename(out).replace(/(\.md)?$/, '.json'), `${JSON.stringify(report, null, 2)}\n`);
    ctx.log(`audit: ${report.findings.length} findings upheld, ${report.refuted.length} refuted; report: ${out}`);
    return { report: out, items: report.items, upheld: report.findings.length, refuted: report.refuted.length, failed: failed.length, findings: report.findings };
  },
});
