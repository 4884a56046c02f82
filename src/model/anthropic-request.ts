/** Maps a provider-neutral ModelRequest to Messages API parameters of @anthropic-ai/sdk. */
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import type {
  CacheControlEphemeral,
  ContentBlockParam,
  MessageCountTokensParams,
  MessageCreateParamsBase,
  MessageParam,
  OutputConfig,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import { MigrateError } from '../errors.js';
import type { CacheTtl, JsonSchema, MessageBlock, ModelMessage, ModelRequest, ToolSpec } from './types.js';

/**
 * The largest `max_tokens` the SDK sends without streaming: `messages.create()` refuses a request whose
 * expected duration (`60 min * max_tokens / 128,000`) exceeds 10 minutes, i.e. above 21,333 tokens.
 */
export const NONSTREAMING_MAX_TOKENS = 21_333;

/** The params shared by `create`, `stream` and `countTokens` (no `stream` flag set). */
export type AnthropicParams = MessageCreateParamsBase & { stream?: never };

export interface ToAnthropicParamsOptions {
  /**
   * Rewrite `outputSchema` into the subset the API accepts (the SDK's `jsonSchemaOutputFormat`: objects get
   * `additionalProperties: false`, unsupported keywords move into `description`). Default `true`.
   */
  transformSchema?: boolean;
}

function cacheControl(ttl: CacheTtl | undefined): { cache_control: CacheControlEphemeral } | undefined {
  return ttl === undefined ? undefined : { cache_control: { type: 'ephemeral', ttl } };
}

function textBlock(text: string, ttl: CacheTtl | undefined): TextBlockParam {
  return { type: 'text', text, ...cacheControl(ttl) };
}

function toContentBlock(block: MessageBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return textBlock(block.text, block.cache);
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.toolUseId,
        content: block.content,
        ...(block.isError === undefined ? {} : { is_error: block.isError }),
        ...cacheControl(block.cache),
      };
  }
}

function toMessageParam(message: ModelMessage): MessageParam {
  const content = typeof message.content === 'string' ? message.content : message.content.map(toContentBlock);
  return { role: message.role, content } as MessageParam;
}

function toTool(tool: ToolSpec): Tool {
  return { name: tool.name, description: tool.description, input_schema: tool.inputSchema as Tool.InputSchema };
}

type OutputFormatFn = (schema: JsonSchema) => { type: 'json_schema'; schema: Record<string, unknown> };

/** Transformed schemas by the schema object given: a recipe sends the same schema with every request. */
const transformedSchemas = new WeakMap<object, Record<string, unknown>>();

/** `output_config` for a structured-output request: `{ format: { type: 'json_schema', schema } }`. */
export function toOutputConfig(schema: JsonSchema, transform = true): OutputConfig {
  if (!transform) return { format: { type: 'json_schema', schema } };
  try {
    // Keep only `type` and `schema`: the helper's `parse` would make the SDK throw on non-JSON text,
    // while the workflow runtime wants that text to show the model the validation error.
    let transformed = transformedSchemas.get(schema);
    if (transformed === undefined) {
      transformed = (jsonSchemaOutputFormat as unknown as OutputFormatFn)(schema).schema;
      transformedSchemas.set(schema, transformed);
    }
    return { format: { type: 'json_schema', schema: transformed } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrateError(
      'SCHEMA_UNSUPPORTED',
      `The output schema cannot be sent as Anthropic structured output: ${reason}. ` +
        'Expected a JSON Schema whose root is `{ "type": "object", … }`; wrap other values in an object property.',
      { cause: error },
    );
  }
}

function toSystem(system: ModelRequest['system']): string | TextBlockParam[] | undefined {
  if (system === undefined || typeof system === 'string') return system;
  return system.map((block) => textBlock(block.text, block.cache));
}

/** Messages API params for `req` (without `stream`; the provider picks create or stream). */
export function toAnthropicParams(req: ModelRequest, options: ToAnthropicParamsOptions = {}): AnthropicParams {
  const system = toSystem(req.system);
  return {
    model: req.model,
    max_tokens: req.maxTokens,
    messages: req.messages.map(toMessageParam),
    ...(system === undefined ? {} : { system }),
    ...(req.tools && req.tools.length > 0 ? { tools: req.tools.map(toTool) } : {}),
    ...(req.tools && req.tools.length > 0 && req.toolChoice ? { tool_choice: { type: req.toolChoice } } : {}),
    ...(req.outputSchema === undefined
      ? {}
      : { output_config: toOutputConfig(req.outputSchema, options.transformSchema ?? true) }),
  };
}

/** `count_tokens` params for `req` (same prompt, no `max_tokens`). */
export function toCountTokensParams(req: ModelRequest, options: ToAnthropicParamsOptions = {}): MessageCountTokensParams {
  const { max_tokens: _maxTokens, ...rest } = toAnthropicParams(req, options);
  return rest;
}

/** Whether `maxTokens` needs the streaming endpoint (see {@link NONSTREAMING_MAX_TOKENS}). */
export function needsStreaming(maxTokens: number): boolean {
  return maxTokens > NONSTREAMING_MAX_TOKENS;
}
