/**
 * What goes into each pull request: one unit for the whole run (the report's output tree, or every
 * listed change), or with `--per-item` one unit per file of the report (per item of the changes).
 */
import { basename, extname, join } from 'node:path';
import type { ReportItem } from '../report/types.js';
import { insideRel } from './repository.js';
import type { ChangesSource, PrOptions, PrRunInfo } from './types.js';

export interface PrUnit {
  /** Branch label: `<slice-or-input>` for the run, the item's path per item. */
  label: string;
  title: string;
  /** What the commit takes from the work tree (absolute). */
  paths: string[];
  /** Paths the run's result names as its own (absolute): modified or deleted, they are not "dirty". */
  listed: string[];
  /** The report items this PR covers (all of them for the run's PR). */
  items: ReportItem[];
  /** Markdown from the recipe placed first in the body. */
  intro?: string;
  /** Per item: the item's main path (absolute). */
  item?: string;
}

export interface PlannedUnits {
  units: PrUnit[];
  /** Items that get no PR, and why. */
  skipped: Array<{ path: string; why: string }>;
}

/** `source` and `run` as `normalized` in pull-requests.ts left them: their paths absolute and real. */
export function planUnits(source: ChangesSource, run: PrRunInfo, options: Pick<PrOptions, 'perItem' | 'title'>): PlannedUnits {
  return source.kind === 'report' ? reportUnits(source, run, options) : changeUnits(source, run, options);
}

function reportUnits(source: Extract<ChangesSource, { kind: 'report' }>, run: PrRunInfo, options: Pick<PrOptions, 'perItem' | 'title'>): PlannedUnits {
  const { report } = source;
  const cwd = run.cwd ?? process.cwd();
  const input = report.input;
  const outputOf = (item: ReportItem): string | undefined => (item.output ? join(report.output, item.output) : undefined);
  const listed = report.items.flatMap((item) => [join(input, item.path), outputOf(item)]).filter((path): path is string => path !== undefined);
  if (!options.perItem) {
    const slices = report.slices ?? [];
    const label = slices.length === 0 ? shortPath(input, cwd) : slices.length <= 2 ? slices.join('+') : `${slices[0]}-and-${slices.length - 1}-more`;
    const n = report.items.length;
    return {
      units: [{ label, title: options.title ?? `${report.recipe}: ${label} (${n} file${n === 1 ? '' : 's'})`, paths: [report.output], listed, items: report.items }],
      skipped: [],
    };
  }
  const units: PrUnit[] = [];
  const skipped: PlannedUnits['skipped'] = [];
  for (const item of report.items) {
    const output = outputOf(item);
    if (!output) {
      skipped.push({ path: item.path, why: `${item.outcome}, no output file${item.error ? `: ${oneLine(item.error)}` : ''}` });
      continue;
    }
    const name = item.output!;
    units.push({
      label: name.slice(0, name.length - extname(name).length),
      title: options.title ? `${options.title}: ${name}` : `${report.recipe}: ${item.path} → ${name}`,
      paths: [output],
      listed: [output, join(input, item.path)],
      items: [item],
      item: output,
    });
  }
  return { units, skipped };
}

function changeUnits(source: Extract<ChangesSource, { kind: 'changes' }>, run: PrRunInfo, options: Pick<PrOptions, 'perItem' | 'title'>): PlannedUnits {
  const { changes } = source;
  const cwd = run.cwd ?? process.cwd();
  const paths = changes.items.map((item) => item.path);
  if (!options.perItem) {
    const label = commonDir(paths.map((p) => shortPath(p, cwd))) || run.id.split('-').slice(-1)[0] || 'changes';
    const n = paths.length;
    const notes = changes.items.filter((item) => item.title || item.body).map((item, i) => `- **${item.title ?? shortPath(paths[i]!, cwd)}**${item.body ? `: ${item.body}` : ''}`);
    const intro = [changes.body, notes.length > 0 ? notes.join('\n') : undefined].filter(Boolean).join('\n\n');
    return {
      units: [{ label, title: options.title ?? changes.title ?? `${run.recipe}: ${label} (${n} change${n === 1 ? '' : 's'})`, paths, listed: paths, items: [], ...(intro ? { intro } : {}) }],
      skipped: [],
    };
  }
  const units = changes.items.map((item, i): PrUnit => {
    const path = paths[i]!;
    const short = shortPath(path, cwd);
    const own = item.title ?? short;
    const intro = item.body ?? changes.body;
    return {
      label: short.slice(0, short.length - extname(short).length) || basename(path),
      title: options.title ? `${options.title}: ${own}` : item.title ?? `${changes.title ?? run.recipe}: ${short}`,
      paths: [path],
      listed: [path],
      items: [],
      item: path,
      ...(intro ? { intro } : {}),
    };
  });
  return { units, skipped: [] };
}

/** `path` relative to `cwd` when inside it (posix), else its base name. */
function shortPath(path: string, cwd: string): string {
  return insideRel(cwd, path) || basename(path);
}

/** The longest common directory of posix paths (`''` when none). */
function commonDir(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  if (paths.length === 1) return paths[0]!;
  const split = paths.map((p) => p.split('/'));
  const first = split[0]!;
  let n = 0;
  while (n < first.length - 1 && split.every((parts) => parts.length - 1 > n && parts[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}

export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
