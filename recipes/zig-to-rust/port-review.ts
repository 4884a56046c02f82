/**
 * The second stage of the port pipeline: two reviewers in parallel (behaviour; ownership, lifetimes and
 * safety), told to assume the port is wrong; both must approve, else a revision with their findings, the
 * gate again, and a new review, a bounded number of times.
 */
import type { MigrateError } from 'migrate-kit';
import { describe, rethrowStop } from './errors.js';
import { agentOptions, answerText, repairUntilGatePasses, revision, type Draft, type PortEnv, type PortOutcome, type PortResult, type ReviewerVerdict } from './port-draft.js';
import { fenced, header, numbered } from './prompts.js';
import { reviewSchema, type ReviewAnswer } from './schemas.js';

const ANGLES = ['behaviour', 'ownership'] as const;

function approves(review: ReviewAnswer): boolean {
  return review.verdict === 'approve' || review.findings.length === 0;
}

/** Stage 2: reviews and revisions. Never throws except when the run stops. */
export async function reviewPort(env: PortEnv, draft: Draft): Promise<PortResult> {
  const item = draft.file.item;
  const result = (outcome: PortOutcome, reviewers: ReviewerVerdict[], rounds: number, extra: string[] = []): PortResult => ({
    path: item.path,
    output: draft.file.rustPath,
    outcome,
    rust: draft.rust,
    todos: draft.todos,
    confidence: draft.confidence,
    reviewers,
    reviewRounds: rounds,
    warnings: [...draft.warnings, ...extra],
  });
  if (!draft.gate.ok) {
    return result('unapproved', [], 0, [`not reviewed: the gate still fails after ${env.gateRetries} repair attempt(s):\n${draft.gate.findings.map((f) => `  - ${f}`).join('\n')}`]);
  }
  let verdicts: ReviewerVerdict[] = [];
  for (let round = 1; ; round++) {
    const rust = fenced(numbered(draft.rust), 'rust');
    const source = fenced(draft.file.source, 'zig');
    const outcomes = await env.ctx.parallel(
      ANGLES.map((angle) => () => {
        const label = `review port of ${item.path} (${angle}, round ${round})`;
        const prompt = env.prompts.render(`review-${angle}`, {
          header: header(label, `review-${angle}`, item.path, { Output: draft.file.rustPath, Angle: angle, Round: String(round) }),
          zig_path: item.path,
          fields: draft.file.fields,
          source,
          rust,
        });
        return env.ctx.agent(prompt, { ...agentOptions(env, label, item.path, { ...(env.reviewModel !== undefined ? { model: env.reviewModel } : {}) }), schema: reviewSchema });
      }),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'failed' ? [o.error] : []));
    for (const failure of failures) rethrowStop(failure);
    if (failures.length > 0) {
      return result('unapproved', verdicts, round, [`review round ${round} failed: ${failures.map((f: MigrateError) => describe(f)).join('; ')}`]);
    }
    const reviews = outcomes.map((o) => (o.status === 'ok' ? o.value : undefined)) as ReviewAnswer[];
    verdicts = reviews.map((r, i) => ({ angle: ANGLES[i]!, verdict: r.verdict, findings: r.findings.length }));
    const extra = reviews.flatMap((r, i) => (r.verdict === 'revise' && r.findings.length === 0 ? [`the ${ANGLES[i]} reviewer asked for a revision with no findings (round ${round}); counted as an approval`] : []));
    if (reviews.every(approves)) return result('approved', verdicts, round, extra);
    if (round > env.reviseRounds) return result('unapproved', verdicts, round, [...extra, `not approved after ${round} review round(s)`]);
    const label = `revise port of ${item.path} (round ${round})`;
    const step = draft.parts > 1 ? 'revise-edits' : 'revise';
    const findings = reviews.flatMap((r, i) => r.findings.map((f) => `[${ANGLES[i]}] line ${f.line}: ${f.problem}\n   evidence: ${f.evidence}`));
    const prompt = env.prompts.render('revise', {
      header: header(label, step, item.path, { Output: draft.file.rustPath, Round: String(round) }),
      zig_path: item.path,
      rust_path: draft.file.rustPath,
      findings: findings.map((f, i) => `${i + 1}. ${f}`).join('\n'),
      names: draft.file.names,
      rust: fenced(draft.rust, 'rust'),
      source: fenced(draft.file.source, 'zig'),
      answer: answerText(draft.parts),
    });
    try {
      await revision(env, draft, label, step, prompt);
      await repairUntilGatePasses(env, draft, round);
    } catch (error) {
      rethrowStop(error);
      return result('unapproved', verdicts, round, [`revision ${round} failed: ${describe(error)}`]);
    }
    if (!draft.gate.ok) return result('unapproved', verdicts, round, [`the gate fails after revision ${round}:\n${draft.gate.findings.map((f) => `  - ${f}`).join('\n')}`]);
  }
}
