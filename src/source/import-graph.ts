/**
 * The import graph of a project: which file imports which, a topological order with
 * dependencies first (import cycles kept together as groups), and imports of missing files.
 */
import type { WorkItem } from './types.js';

export interface MissingImport {
  from: string;
  spec: string;
  /** The resolved path that is not a project file. */
  path: string;
  line: number;
}

export interface ImportGraph {
  /** For each file, the project files it imports (sorted). */
  edges: Record<string, string[]>;
  /**
   * Files in dependency order: each group is one file, or the files of an import cycle;
   * a group comes after every group it imports. Ties are broken by path.
   */
  order: string[][];
  /** The groups of `order` that are cycles (two or more files, or a file importing itself). */
  cycles: string[][];
  /** `@import`s of `.zig` files that are not part of the project (absent, outside the root, or excluded). */
  missing: MissingImport[];
}

export function buildImportGraph(items: Iterable<Pick<WorkItem, 'path' | 'imports'>>): ImportGraph {
  const list = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const known = new Set(list.map((item) => item.path));
  const edges: Record<string, string[]> = {};
  const missing: MissingImport[] = [];
  for (const item of list) {
    const targets = new Set<string>();
    for (const imp of item.imports) {
      if (imp.kind !== 'file' || imp.path === undefined) continue;
      if (known.has(imp.path)) targets.add(imp.path);
      else missing.push({ from: item.path, spec: imp.spec, path: imp.path, line: imp.line });
    }
    edges[item.path] = [...targets].sort();
  }
  const order = stronglyConnected(list.map((item) => item.path), edges);
  const cycles = order.filter((group) => group.length > 1 || (edges[group[0] as string] ?? []).includes(group[0] as string));
  return { edges, order, cycles, missing };
}

/** Tarjan's algorithm, iterative; emits components sinks first, i.e. dependencies first. */
function stronglyConnected(nodes: string[], edges: Record<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = edges[frame.node] ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group.sort());
      }
    }
  }
  return groups;
}
