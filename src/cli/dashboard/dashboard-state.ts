/**
 * What the dashboard shows, folded from a run's events (`events.jsonl`), its `run.json` and, once it ended, its
 * report: phases, files and their stages, live agents, money and tokens over time, the fix loop by round,
 * warnings and failed calls. Pure data, no I/O; the texts of files are kept per item and served on demand.
 */
import type { ItemFinding, WorkflowEvent } from '../../workflow/events.js';
import type { RunInfo } from '../../store/run-info.js';
import type { MigrationReport } from '../../report/types.js';

export interface PhaseView {
  title: string;
  agents: number;
  done: number;
  failed: number;
  costUsd: number;
  startedAt: number;
  finishedAt?: number;
  ok?: boolean;
}

export interface ReviewView {
  reviewer: string;
  verdict: string;
  round: number;
  findings: ItemFinding[];
  /** Index of the output version the reviewer read (-1: none reported). */
  version: number;
}

export interface ItemView {
  path: string;
  stage: string;
  round?: number;
  detail?: string;
  /** The latest verdict of each reviewer. */
  verdicts: Array<{ reviewer: string; verdict: string; round: number; findings: number }>;
  todos: number;
  /** Output versions reported so far. */
  versions: number;
  updatedAt: number;
}

export interface ItemDetail {
  path: string;
  source?: { path: string; text: string };
  versions: Array<{ path: string; text: string; todos?: number; note?: string; at: number; phase: string }>;
  reviews: ReviewView[];
  stages: Array<{ stage: string; round?: number; detail?: string; at: number }>;
}

export interface LiveAgentView {
  id: string;
  label: string;
  model: string;
  phase: string;
  since: number;
  tokens: number;
  /** The last failed request of a call that is retrying. */
  lastError?: string;
}

export interface FixRoundView {
  /** What the round was against (`build`, `test`), from the stage's detail; else the phase. */
  loop: string;
  round: number;
  files: Array<{ item: string; detail?: string }>;
  /** Files of this round with no problem left in the next round (or after the loop's last clean command). */
  cleared: string[];
}

export interface DashboardModel {
  run: {
    id: string;
    recipe: string;
    status: string;
    startedAt: string;
    finishedAt?: string;
    model: string;
    budgetUsd: number | null;
    outcome?: { ok: boolean; summary: string };
    error?: { code: string; message: string };
  } | null;
  phases: PhaseView[];
  items: ItemView[];
  agents: LiveAgentView[];
  commands: Array<{ id: string; title: string; phase: string; since: number; lastDurationMs?: number }>;
  /** Cumulative spend and tokens after each paid answer. */
  series: Array<{ at: number; usd: number; input: number; output: number; cacheRead: number; cacheWrite: number }>;
  totals: { usd: number; input: number; output: number; cacheRead: number; cacheWrite: number; agents: number };
  fixRounds: FixRoundView[];
  warnings: Array<{ at: number; phase: string; message: string }>;
  failed: Array<{ at: number; label: string; phase: string; code: string; message: string }>;
  /** The time of the last event (or of run.json's last update). */
  now: number;
}

const MAX_WARNINGS = 500;

/** The dashboard's state of one run; feed it events in order, then run info and the report as they come. */
export class DashboardState {
  private readonly model: DashboardModel = {
    run: null,
    phases: [],
    items: [],
    agents: [],
    commands: [],
    series: [],
    totals: { usd: 0, input: 0, output: 0, cacheRead: 0, cacheWrite: 0, agents: 0 },
    fixRounds: [],
    warnings: [],
    failed: [],
    now: 0,
  };
  private readonly items = new Map<string, ItemView>();
  private readonly details = new Map<string, ItemDetail>();
  private readonly agents = new Map<string, LiveAgentView>();
  private readonly commands = new Map<string, { id: string; title: string; phase: string; since: number }>();
  /** The last fix round group per loop, to tell which files cleared. */
  private lastFixRound: FixRoundView | undefined;

  view(): DashboardModel {
    const items = [...this.items.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ...this.model, items, agents: [...this.agents.values()], commands: [...this.commands.values()] };
  }

  detail(path: string): ItemDetail | undefined {
    return this.details.get(path);
  }

  private phase(title: string, at: number): PhaseView {
    const name = title || '(run)';
    let phase = this.model.phases.find((p) => p.title === name);
    if (!phase) {
      phase = { title: name, agents: 0, done: 0, failed: 0, costUsd: 0, startedAt: at };
      this.model.phases.push(phase);
    }
    return phase;
  }

  private item(path: string, at: number): { view: ItemView; detail: ItemDetail } {
    let view = this.items.get(path);
    if (!view) {
      view = { path, stage: 'queued', verdicts: [], todos: 0, versions: 0, updatedAt: at };
      this.items.set(path, view);
      this.details.set(path, { path, versions: [], reviews: [], stages: [] });
    }
    view.updatedAt = at;
    return { view, detail: this.details.get(path)! };
  }

  private warn(at: number, phase: string, message: string): void {
    if (this.model.warnings.some((w) => w.message === message)) return;
    this.model.warnings.push({ at, phase, message });
    if (this.model.warnings.length > MAX_WARNINGS) this.model.warnings.shift();
  }

  /** Folds one event (as read from the event log: anything that is not an event is ignored). */
  apply(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null || typeof (raw as { type?: unknown }).type !== 'string' || typeof (raw as { at?: unknown }).at !== 'number') return;
    const event = raw as WorkflowEvent;
    const m = this.model;
    m.now = Math.max(m.now, event.at);
    switch (event.type) {
      case 'run:started':
        // A new session: what was live in the last one is not any more.
        this.agents.clear();
        this.commands.clear();
        break;
      case 'phase:started':
        this.phase(event.phase, event.at);
        break;
      case 'phase:finished': {
        const phase = this.phase(event.phase, event.at);
        phase.finishedAt = event.at;
        phase.ok = event.ok;
        break;
      }
      case 'agent:queued':
        this.phase(event.phase, event.at).agents++;
        break;
      case 'agent:replayed': {
        const phase = this.phase(event.phase, event.at);
        phase.agents++;
        phase.done++;
        break;
      }
      case 'agent:started':
        this.agents.set(event.id, { id: event.id, label: event.label, model: event.model, phase: event.phase, since: event.at, tokens: 0 });
        m.totals.agents++;
        break;
      case 'agent:backoff': {
        const agent = this.agents.get(event.id);
        if (agent) agent.lastError = `${event.error.code}: ${event.error.message}`;
        break;
      }
      case 'agent:usage': {
        const u = event.usage;
        const t = m.totals;
        t.usd += event.costUsd;
        t.input += u.inputTokens;
        t.output += u.outputTokens;
        t.cacheRead += u.cacheReadTokens;
        t.cacheWrite += u.cacheWriteTokens;
        this.phase(event.phase, event.at).costUsd += event.costUsd;
        const agent = this.agents.get(event.id);
        if (agent) agent.tokens += u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
        m.series.push({ at: event.at, usd: t.usd, input: t.input, output: t.output, cacheRead: t.cacheRead, cacheWrite: t.cacheWrite });
        break;
      }
      case 'agent:finished':
        this.agents.delete(event.id);
        this.phase(event.phase, event.at).done++;
        break;
      case 'agent:failed': {
        const lastError = this.agents.get(event.id)?.lastError;
        this.agents.delete(event.id);
        const phase = this.phase(event.phase, event.at);
        phase.done++;
        if (event.started) {
          phase.failed++;
          m.failed.push({ at: event.at, label: event.label, phase: event.phase, code: event.error.code, message: lastError && !event.error.message.includes(lastError) ? `${event.error.message} (last request: ${lastError})` : event.error.message });
        }
        break;
      }
      case 'log':
        this.warn(event.at, event.phase, event.message);
        break;
      case 'run:stopping':
        this.warn(event.at, '', `stopping: ${event.error.code}: ${event.error.message}`);
        break;
      case 'run:finished':
        this.agents.clear();
        this.commands.clear();
        if (event.error) this.warn(event.at, '', `the run ended ${event.status}: ${event.error.code}: ${event.error.message}`);
        break;
      case 'command:started':
        this.commands.set(event.id, { id: event.id, title: event.title, phase: event.phase, since: event.at });
        break;
      case 'command:finished':
        this.commands.delete(event.id);
        // A clean command after the last fix round: what that round fixed has cleared.
        if (event.code === 0 && this.lastFixRound && this.lastFixRound.cleared.length === 0) this.lastFixRound.cleared = this.lastFixRound.files.map((f) => f.item);
        break;
      case 'item:stage': {
        const { view, detail } = this.item(event.item, event.at);
        view.stage = event.stage;
        if (event.round !== undefined) view.round = event.round;
        else delete view.round;
        if (event.detail !== undefined) view.detail = event.detail;
        else delete view.detail;
        detail.stages.push({ stage: event.stage, ...(event.round !== undefined ? { round: event.round } : {}), ...(event.detail !== undefined ? { detail: event.detail } : {}), at: event.at });
        if (event.stage === 'fix') this.fixRound(event.item, event.round ?? 1, event.detail, event.phase);
        break;
      }
      case 'item:file': {
        const { view, detail } = this.item(event.item, event.at);
        if (event.role === 'source') detail.source = { path: event.path, text: event.text };
        else {
          detail.versions.push({ path: event.path, text: event.text, at: event.at, phase: event.phase, ...(event.todos !== undefined ? { todos: event.todos } : {}), ...(event.note !== undefined ? { note: event.note } : {}) });
          view.versions = detail.versions.length;
          if (event.todos !== undefined) view.todos = event.todos;
        }
        break;
      }
      case 'item:review': {
        const { view, detail } = this.item(event.item, event.at);
        detail.reviews.push({ reviewer: event.reviewer, verdict: event.verdict, round: event.round, findings: event.findings, version: detail.versions.length - 1 });
        const verdict = { reviewer: event.reviewer, verdict: event.verdict, round: event.round, findings: event.findings.length };
        const at = view.verdicts.findIndex((v) => v.reviewer === event.reviewer);
        if (at < 0) view.verdicts.push(verdict);
        else view.verdicts[at] = verdict;
        break;
      }
      default:
        break;
    }
  }

  private fixRound(item: string, round: number, detail: string | undefined, phase: string): void {
    const loop = detail?.includes(':') ? detail.slice(0, detail.indexOf(':')).trim() : phase || 'fix';
    const rounds = this.model.fixRounds;
    let group = rounds.findLast((r) => r.loop === loop && r.round === round);
    if (!group) {
      group = { loop, round, files: [], cleared: [] };
      rounds.push(group);
      this.lastFixRound = group;
    }
    group.files.push({ item, ...(detail !== undefined ? { detail } : {}) });
    // The round before it in the same loop: its files with no problem in this round have cleared.
    const before = rounds.findLast((r) => r.loop === loop && r.round === round - 1);
    if (before) this.clearedSince(before, group);
  }

  private clearedSince(before: FixRoundView, after: FixRoundView): void {
    const still = new Set(after.files.map((f) => f.item));
    before.cleared = before.files.map((f) => f.item).filter((f) => !still.has(f));
  }

  /** run.json as the store read it. */
  setInfo(info: RunInfo): void {
    this.model.run = {
      id: info.id,
      recipe: info.recipe,
      status: info.status,
      startedAt: info.startedAt,
      ...(info.finishedAt !== undefined ? { finishedAt: info.finishedAt } : {}),
      model: info.settings.model,
      budgetUsd: info.settings.budgetUsd,
      ...(info.outcome ? { outcome: info.outcome } : {}),
      ...(info.error ? { error: info.error } : {}),
    };
    this.model.now = Math.max(this.model.now, Date.parse(info.updatedAt) || 0);
    // Without an event log (a run from before it existed) the totals come from run.json.
    if (this.model.series.length === 0 && info.totals.costUsd > 0) {
      const t = info.totals;
      this.model.totals = { usd: t.costUsd, input: t.inputTokens, output: t.outputTokens, cacheRead: t.cacheReadTokens, cacheWrite: t.cacheWriteTokens, agents: t.agents };
    }
  }

  /** The run's report (once it ended): every file's final outcome, reviewers and TODOs, and its warnings. */
  setReport(report: MigrationReport): void {
    const at = Date.parse(report.generatedAt) || this.model.now;
    for (const entry of report.items) {
      // A crate-wide report also lists files earlier runs ported: only this run's are its files.
      if (entry.runId !== undefined && entry.runId !== report.runId) continue;
      const { view } = this.item(entry.path, at);
      if (view.stage !== entry.outcome) {
        view.stage = entry.outcome;
        delete view.round;
        if (entry.error !== undefined) view.detail = entry.error;
        else delete view.detail;
      }
      if (entry.todos !== undefined) view.todos = entry.todos.length;
      if (view.verdicts.length === 0 && entry.reviewers) {
        view.verdicts = entry.reviewers.filter((r) => r.verdict !== 'skipped').map((r) => ({ reviewer: r.angle, verdict: r.verdict, round: entry.reviewRounds ?? 0, findings: r.findings }));
      }
    }
    for (const warning of report.warnings ?? []) this.warn(at, 'report', warning);
  }
}
