import { UserError } from '../../agent/errors.ts';
import { isJsonObject, type JsonObject } from '../../agent/json.ts';
import { docObject } from '../import/alpha-umi-doc.ts';
import type { Tool } from '../tool.ts';

/** A function of the host page offered to the models as a tool (the widget's `registerTool`). */
export interface InPageToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonObject;
  /** Runs in the page; its result (any JSON-serializable value) becomes the observation. */
  execute: (args: JsonObject, signal: AbortSignal) => unknown;
  /** Changes something: the user is asked first, as for REST calls that change data. */
  mutating?: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The tool the models see for a page function: its α-UMi doc from the schema's properties; no HTTP binding. */
export function inPageTool(definition: InPageToolDefinition): Tool {
  const { name, description, parameters } = definition;
  if (!NAME.test(name))
    throw new UserError(
      `In-page tool name "${name}" is not usable: use letters, digits and _ (up to 64, not starting with a digit).`,
    );
  if (parameters.type !== 'object')
    throw new UserError(`In-page tool ${name}: parameters must be a JSON Schema with "type": "object".`);
  const properties = isJsonObject(parameters.properties) ? parameters.properties : {};
  const inputs = Object.entries(properties).map(([argument, schema]) => {
    const type = isJsonObject(schema) && typeof schema.type === 'string' ? schema.type : 'string';
    const text =
      isJsonObject(schema) && typeof schema.description === 'string' ? schema.description : undefined;
    return { argument, type, ...(text === undefined ? {} : { description: text }) };
  });
  return {
    name,
    description,
    parameters,
    doc: docObject(name, description, inputs),
    mutating: definition.mutating === true,
    api: 'this page',
  };
}
