import { lastCodePoints } from '../../agent/python-text.ts';

/*
 * ToolBench naming (SPEC §3), as the reference data was built: `standardize` for tool, API and
 * parameter names, the `is_` prefix for names that were Python keywords or builtins in the generated
 * client code, and `<api>_for_<tool>` kept to its last 64 code points.
 */

/** Longest α-UMi `Name`, in code points; longer names keep their end. */
export const NAME_LIMIT = 64;

/** Names that ToolBench prefixes with `is_` (its `change_name`). */
export const RESERVED_NAMES: readonly string[] = ['from', 'class', 'return', 'false', 'true', 'id', 'and'];

/** True for the characters `standardize` keeps: a-z, A-Z, 0-9, `_`, `^` and CJK U+4E00–U+9FA5. */
function isKept(char: string): boolean {
  if (/^[a-zA-Z0-9_^]$/.test(char)) return true;
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x4e00 && code <= 0x9fa5;
}

/**
 * ToolBench's `standardize(s)`: every other character (a code point, so an astral character counts
 * once) becomes `_`, runs of `_` collapse, the result is lower-cased and trimmed of `_`, and a result
 * starting with a digit gets the prefix `get_`.
 */
export function standardize(text: string): string {
  let replaced = '';
  for (const char of text) replaced += isKept(char) ? char : '_';
  const collapsed = replaced.replace(/_{2,}/g, '_').toLowerCase();
  const trimmed = collapsed.replace(/^_+/, '').replace(/_+$/, '');
  return /^[0-9]/.test(trimmed) ? `get_${trimmed}` : trimmed;
}

/** ToolBench's `change_name`: `from`, `class`, `return`, `false`, `true`, `id`, `and` get the prefix `is_`. */
export function renameReserved(name: string): string {
  return RESERVED_NAMES.includes(name) ? `is_${name}` : name;
}

/** The argument name the models see for a parameter: `renameReserved(standardize(name))` (`id` → `is_id`). */
export function argumentName(parameterName: string): string {
  return renameReserved(standardize(parameterName));
}

/**
 * The α-UMi `Name` of an API of a tool: `renameReserved(standardize(api))` + `_for_` +
 * `standardize(tool)`, cut to its last 64 code points (as ToolBench did).
 */
export function functionName(apiName: string, toolName: string): string {
  return lastCodePoints(`${argumentName(apiName)}_for_${standardize(toolName)}`, NAME_LIMIT);
}
