/**
 * Loads tree-sitter and the Zig and Rust grammars (CommonJS packages with prebuilt native
 * binaries) and parses text with them. One parser per language per thread, created lazily.
 */
import { createRequire } from 'node:module';
import type TreeSitter = require('tree-sitter');
import { MigrateError } from '../errors.js';

const require = createRequire(import.meta.url);

export type SyntaxTree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.SyntaxNode;
export type Language = 'zig' | 'rust';

const PACKAGES: Record<Language, string> = {
  zig: '@tree-sitter-grammars/tree-sitter-zig',
  rust: 'tree-sitter-rust',
};

const parsers = new Map<Language, TreeSitter>();

function load<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    throw new MigrateError(
      'SOURCE_PARSE',
      `Expected the package ${name} to load with its prebuilt binary, but it failed: ${(error as Error).message}. Run \`npm ci\` in the migrate-kit folder.`,
      { cause: error, details: { package: name } },
    );
  }
}

/** The shared parser for a language on this thread. */
export function parserFor(language: Language): TreeSitter {
  let parser = parsers.get(language);
  if (parser === undefined) {
    const ParserClass = load<typeof TreeSitter>('tree-sitter');
    parser = new ParserClass();
    parser.setLanguage(load<TreeSitter.Language>(PACKAGES[language]));
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * Parses `text`. The input buffer is sized to the text, so files larger than
 * node-tree-sitter's default 32 Ki-unit buffer are read in one piece.
 */
export function parseText(language: Language, text: string): SyntaxTree {
  const parser = parserFor(language);
  const tree = parser.parse(text, null, { bufferSize: Math.max(1024, text.length + 1) }) as SyntaxTree | null;
  if (tree === null || tree === undefined) {
    parser.reset();
    throw new MigrateError('SOURCE_PARSE', `Expected tree-sitter to return a ${language} syntax tree, but it returned none (timeout or cancellation). Report the file that caused it.`);
  }
  return tree;
}
