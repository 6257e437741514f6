import { isJsonObject, type JsonObject, type JsonValue } from '../../agent/json.ts';

const JSON_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null']);

function typeOfValue(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The JSON Schema type name shown to the models for a schema: its `type` (the first that is not
 * `null` when it lists several), else what its keywords imply (`properties` → object, `items` →
 * array, `enum`/`const` → the type of the value, a combinator → its first member's), else `string`.
 */
export function schemaTypeName(schema: JsonObject, depth = 0): string {
  const { type } = schema;
  if (typeof type === 'string' && JSON_TYPES.has(type)) return type;
  if (type === 'file') return 'string';
  if (Array.isArray(type)) {
    const named = type.find((item): item is string => typeof item === 'string' && item !== 'null');
    if (named !== undefined && JSON_TYPES.has(named)) return named;
  }
  if (isJsonObject(schema.properties) || isJsonObject(schema.additionalProperties)) return 'object';
  if (schema.items !== undefined) return 'array';
  const fromValue = typeOfValue(Array.isArray(schema.enum) ? schema.enum[0] : schema.const);
  if (fromValue !== undefined) return fromValue;
  if (depth < 8) {
    for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
      const members = schema[keyword];
      if (!Array.isArray(members)) continue;
      for (const member of members) {
        if (!isJsonObject(member)) continue;
        const name = schemaTypeName(member, depth + 1);
        if (name !== 'string' || member.type === 'string') return name;
      }
    }
  }
  return 'string';
}

/** Properties and required names of an object schema, merging `allOf` members; none when not an object. */
export function objectShape(
  schema: JsonObject,
  depth = 0,
): { properties: [string, JsonObject][]; required: string[] } {
  const properties: [string, JsonObject][] = [];
  const required: string[] = [];
  if (isJsonObject(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      if (isJsonObject(value)) properties.push([name, value]);
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') required.push(name);
  }
  if (Array.isArray(schema.allOf) && depth < 8) {
    for (const member of schema.allOf) {
      if (!isJsonObject(member)) continue;
      const inner = objectShape(member, depth + 1);
      for (const entry of inner.properties) {
        const index = properties.findIndex(([name]) => name === entry[0]);
        if (index === -1) properties.push(entry);
        else properties[index] = [entry[0], { ...properties[index]?.[1], ...entry[1] }];
      }
      required.push(...inner.required.filter((name) => !required.includes(name)));
    }
  }
  return { properties, required };
}
