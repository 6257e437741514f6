import type { JsonObject } from './json.ts';

/** The planner's decision words in the chat profile, mapped to α-UMi's decisions. */
export const CHAT_NEXT = ['caller', 'conclusion', 'give up'] as const;

/** The planner's reply: a thought and the next role, nothing else. */
export const PLANNER_SCHEMA: JsonObject = {
  type: 'object',
  properties: {
    thought: { type: 'string', minLength: 1, maxLength: 400 },
    next: { enum: [...CHAT_NEXT] },
  },
  required: ['thought', 'next'],
  additionalProperties: false,
};

/** A tool the chat caller may name, with the JSON Schema of its arguments. */
export interface ChatCallerTool {
  name: string;
  parameters: JsonObject;
}

/**
 * The caller's reply: one of the offered APIs by its exact name, with arguments valid for that
 * API's schema; a name that is not offered cannot be written under this constraint.
 */
export function callerSchema(tools: readonly ChatCallerTool[]): JsonObject {
  return {
    oneOf: tools.map((tool) => ({
      type: 'object',
      properties: { name: { const: tool.name }, arguments: argumentsSchema(tool.parameters) },
      required: ['name', 'arguments'],
      additionalProperties: false,
    })),
  };
}

/** An arguments schema as constrained decoders expect it: an object with its properties declared. */
function argumentsSchema(parameters: JsonObject): JsonObject {
  const properties = parameters.properties;
  if (parameters.type === 'object' && typeof properties === 'object' && properties !== null)
    return parameters;
  return { type: 'object', properties: {}, additionalProperties: false };
}
