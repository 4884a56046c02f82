/**
 * A thin reader over tree-sitter's TreeCursor. Walking with a cursor creates no node objects
 * (node-tree-sitter caches every node it hands out on its tree), and node types are looked
 * up once per type id, so extraction costs a small fraction of parsing.
 */
import type { SyntaxNode } from './tree-sitter.js';

type RawCursor = ReturnType<SyntaxNode['walk']>;

interface TypeInfo {
  name: string;
  named: boolean;
}

/** Type names by type id, one table per grammar. */
const typeTables = new WeakMap<object, Array<TypeInfo | undefined>>();

/** Offsets where each line starts, for turning string offsets into line numbers without native calls. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line of `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

export class Cursor {
  private readonly cursor: RawCursor;
  private readonly types: Array<TypeInfo | undefined>;
  private starts: number[] | undefined;

  constructor(
    root: SyntaxNode,
    /** The text that was parsed. */
    readonly text: string,
  ) {
    this.cursor = root.walk();
    const language = (root.tree as unknown as { language: object }).language;
    let table = typeTables.get(language);
    if (table === undefined) {
      table = [];
      typeTables.set(language, table);
    }
    this.types = table;
  }

  private info(): TypeInfo {
    const id = this.cursor.nodeTypeId;
    let info = this.types[id];
    if (info === undefined) {
      info = { name: this.cursor.nodeType, named: this.cursor.nodeIsNamed };
      // ERROR nodes share one id but report a per-node name; do not cache them.
      if (info.name !== 'ERROR') this.types[id] = info;
    }
    return info;
  }

  /** The node type (`variable_declaration`, `pub`, `=`, …). */
  get type(): string {
    return this.info().name;
  }

  get named(): boolean {
    return this.info().named;
  }

  get start(): number {
    return this.cursor.startIndex;
  }

  get end(): number {
    return this.cursor.endIndex;
  }

  get nodeText(): string {
    return this.text.slice(this.cursor.startIndex, this.cursor.endIndex);
  }

  /** 1-based first line. */
  get line(): number {
    return this.lineOf(this.cursor.startIndex);
  }

  /** The 1-based line of a string offset in the text. */
  lineOf(offset: number): number {
    this.starts ??= lineStarts(this.text);
    return lineAt(this.starts, offset);
  }

  /** The 1-based last line of a node spanning [start, end) (a trailing newline does not count). */
  endLineOf(start: number, end: number): number {
    return this.lineOf(Math.max(start, end - 1));
  }

  /** Runs `visit` with the cursor on the last child, then returns to the parent. */
  lastChild(visit: () => void): void {
    if (!this.cursor.gotoLastChild()) return;
    visit();
    this.cursor.gotoParent();
  }

  /** Moves to the previous sibling; false when there is none. */
  previous(): boolean {
    return this.cursor.gotoPreviousSibling();
  }

  /**
   * Calls `visit` with the cursor on each child in turn, then returns to the parent.
   * `visit` may descend but must come back to the child it was given; returning `false` stops.
   */
  eachChild(visit: () => boolean | void): void {
    if (!this.cursor.gotoFirstChild()) return;
    do {
      if (visit() === false) break;
    } while (this.cursor.gotoNextSibling());
    this.cursor.gotoParent();
  }
}
