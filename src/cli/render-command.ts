import { parseArgs } from 'node:util';
import { type AlphaUmiRole, renderModelInput } from '../agent/alpha-umi-prompts.ts';
import { UserError } from '../agent/errors.ts';
import { isJsonObject, type JsonObject } from '../agent/json.ts';
import type { Turn, TurnRole } from '../agent/trajectory.ts';
import type { CliCommand } from './cli-io.ts';

const ROLES: readonly AlphaUmiRole[] = ['planner', 'caller', 'summarizer', 'backbone'];
const TURN_ROLES: readonly TurnRole[] = ['user', 'assistant', 'caller', 'observation', 'conclusion'];

const USAGE =
  'Usage: npm run --silent umi -- render --role planner|caller|summarizer|backbone [--jsonl] [--system-prefix]\n' +
  '  stdin: one JSON object {"tools": [...], "history": [{"from": ..., "value": ...}]}\n' +
  '         (with --jsonl: one such object per line)\n' +
  '  stdout: the exact model input, no trailing newline (with --jsonl: one JSON string per line)';

/** A parsed render request. */
interface RenderRequest {
  tools: JsonObject[];
  history: Turn[];
}

function isRole(value: string): value is AlphaUmiRole {
  return (ROLES as readonly string[]).includes(value);
}

function isTurnRole(value: unknown): value is TurnRole {
  return typeof value === 'string' && (TURN_ROLES as readonly string[]).includes(value);
}

function parseOptions(args: string[]): { role: AlphaUmiRole; jsonl: boolean; systemPrefix: boolean } {
  let values: {
    role?: string | undefined;
    jsonl?: boolean | undefined;
    'system-prefix'?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        role: { type: 'string' },
        jsonl: { type: 'boolean' },
        'system-prefix': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${reason}\n${USAGE}`);
  }
  const role = values.role;
  if (role === undefined) throw new UserError(`--role is required.\n${USAGE}`);
  if (!isRole(role)) {
    throw new UserError(`unknown role "${role}"; use --role planner, caller, summarizer or backbone.`);
  }
  return { role, jsonl: values.jsonl === true, systemPrefix: values['system-prefix'] === true };
}

/** Checks the shape of one parsed request; `where` names it in error messages ("stdin" or "line 3"). */
function toRequest(value: unknown, where: string): RenderRequest {
  const hint = 'expected an object {"tools": [...], "history": [{"from": ..., "value": ...}]}';
  if (!isJsonObject(value)) throw new UserError(`${where}: ${hint}.`);
  const { tools, history } = value;
  if (tools === undefined) throw new UserError(`${where}: "tools" is missing; ${hint}.`);
  if (history === undefined) throw new UserError(`${where}: "history" is missing; ${hint}.`);
  if (!Array.isArray(tools)) throw new UserError(`${where}: "tools" must be an array of tool objects.`);
  if (!Array.isArray(history)) throw new UserError(`${where}: "history" must be an array of turns.`);
  const checkedTools = tools.map((tool, index) => {
    if (!isJsonObject(tool)) throw new UserError(`${where}: tools[${index}] must be an object.`);
    if (typeof tool.Name !== 'string') {
      throw new UserError(
        `${where}: tools[${index}] needs a string "Name" (the API name the caller writes).`,
      );
    }
    return tool;
  });
  const checkedHistory = history.map((turn, index): Turn => {
    if (!isJsonObject(turn))
      throw new UserError(`${where}: history[${index}] must be an object {from, value}.`);
    if (!isTurnRole(turn.from)) {
      throw new UserError(`${where}: history[${index}].from must be one of ${TURN_ROLES.join(', ')}.`);
    }
    if (typeof turn.value !== 'string')
      throw new UserError(`${where}: history[${index}].value must be a string.`);
    return { from: turn.from, value: turn.value };
  });
  return { tools: checkedTools, history: checkedHistory };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${where}: not valid JSON (${reason}); fix the input and run again.`);
  }
}

/** Renders one request, naming `where` in a UserError the renderer raises (e.g. a caller history without a thought). */
function renderRequest(
  request: RenderRequest,
  role: AlphaUmiRole,
  systemPrefix: boolean,
  where: string,
): string {
  try {
    return renderModelInput(role, request.tools, request.history, { systemPrefix });
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${where}: ${error.message}`);
    throw error;
  }
}

/** `umi render`: prints the exact α-UMi model input for a {tools, history} read from stdin. */
export const renderCommand: CliCommand = async (args, io) => {
  const { role, jsonl, systemPrefix } = parseOptions(args);
  const stdin = await io.readStdin();
  if (!jsonl) {
    if (stdin.trim() === '') throw new UserError(`stdin is empty; pipe one JSON object into it.\n${USAGE}`);
    io.stdout(renderRequest(toRequest(parseJson(stdin, 'stdin'), 'stdin'), role, systemPrefix, 'stdin'));
    return 0;
  }
  // Everything is rendered before anything is printed, so a bad line leaves stdout empty.
  const outputs: string[] = [];
  for (const [index, line] of stdin.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    const input = renderRequest(toRequest(parseJson(line, where), where), role, systemPrefix, where);
    outputs.push(`${JSON.stringify(input)}\n`);
  }
  io.stdout(outputs.join(''));
  return 0;
};
