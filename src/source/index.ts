/** The source layer: tree-sitter parsing of Zig and Rust, work items, slices, the project index and chunks. */
export type {
  Declaration,
  DeclarationKind,
  Field,
  GenericInfo,
  ImportInfo,
  ImportKind,
  ParseError,
  SourceError,
  TestInfo,
  WorkItem,
} from './types.js';
export { split, listSources } from './split.js';
export type { ListOptions, SplitOptions, SplitStats, SplitStream } from './split.js';
export type { EngineOptions } from './parse-pool.js';
export type { WalkOptions } from './walk.js';
export { DEFAULT_IGNORED_DIRS } from './walk.js';
export { buildWorkItem, readWorkItem, DEFAULT_MAX_BYTES } from './work-item.js';
export type { WorkItemOptions } from './work-item.js';
export { parseZig } from './zig-parser.js';
export type { RawImport, ZigFileInfo } from './zig-parser.js';
export { createSliceFilter, resolveSlices } from './slices.js';
export type { Slice } from './slices.js';
export { buildProjectIndex, indexProject } from './project-index.js';
export type { ProjectIndex, ProjectTotals, StructFieldRow } from './project-index.js';
export { buildImportGraph } from './import-graph.js';
export type { ImportGraph, MissingImport } from './import-graph.js';
export { estimateTokens, summarizeItem } from './summary.js';
export type { InterfaceSummary } from './summary.js';
export { chunkFile, DEFAULT_CHUNK_LINES } from './chunk.js';
export type { Chunk, ChunkOptions } from './chunk.js';
export { allFunctions, parseRust } from './rust-parser.js';
export { classifyRustPath, rustEscapes } from './rust-escapes.js';
export { rustInterface } from './rust-interface.js';
export type { RustInterfaceOptions } from './rust-interface.js';
export type { RustEscape, RustEscapeKind } from './rust-escapes.js';
export type { RustFileInfo, RustItem, RustItemKind } from './rust-parser.js';
export { counterpartKinds, parity } from './parity.js';
export type { ParityGap, ParityResult } from './parity.js';
export { describeHollowTest, hollowTests, zigTestAssertions } from './test-assertions.js';
export type { HollowReason, HollowTest } from './test-assertions.js';
export { fileStructNames, isFileReexport, returnsType, rustIdentifier, rustNamesFor, rustTestNames, screamingSnakeCase, snakeCase, typeName } from './naming.js';
export { compileGlob } from './glob.js';
export type { GlobMatcher } from './glob.js';
export { GitignoreMatcher } from './gitignore.js';
