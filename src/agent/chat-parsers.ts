import { CHAT_NEXT } from './chat-schemas.ts';
import { isJsonObject } from './json.ts';
import type { ParsedAction, PlannerParse } from './output-parsers.ts';
import { CALLER_TAG, CONCLUSION_TAG, GIVE_UP_TAG } from './output-parsers.ts';
import { pythonJsonDumps } from './python-json.ts';
import { parsePythonJson } from './python-json-parse.ts';
import { pythonStrip } from './python-text.ts';

const TAGS = { caller: CALLER_TAG, conclusion: CONCLUSION_TAG, 'give up': GIVE_UP_TAG } as const;
const DECISIONS = { caller: 'call', conclusion: 'finish', 'give up': 'give up' } as const;

/** The first JSON object in a reply (models sometimes wrap it in prose or a code fence), or undefined. */
function firstObject(raw: string): Record<string, unknown> | undefined {
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start === -1 || end < start) return undefined;
  const parsed = parsePythonJson(raw.slice(start, end + 1));
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : undefined;
}

/**
 * A chat planner reply (`{"thought": …, "next": "caller" | "conclusion" | "give up"}`) as an α-UMi
 * plan whose thought ends with the decision's tag, so trajectories read the same in both profiles;
 * anything else asks for another try.
 */
export function parseChatPlannerOutput(raw: string): PlannerParse {
  const reply = firstObject(raw);
  const next = reply?.next;
  const thought = typeof reply?.thought === 'string' ? pythonStrip(reply.thought) : '';
  if (typeof next !== 'string' || !(CHAT_NEXT as readonly string[]).includes(next) || thought === '')
    return { type: 'retry' };
  const key = next as keyof typeof TAGS;
  return { type: 'plan', decision: DECISIONS[key], thought: `${thought} ${TAGS[key]}` };
}

/** A chat caller reply (`{"name": …, "arguments": {…}}`) as the action and its Python-serialized arguments. */
export function parseChatCallerOutput(raw: string): ParsedAction {
  const reply = firstObject(raw);
  if (reply === undefined || typeof reply.name !== 'string') return { action: 'none', actionInput: '{}' };
  const args = reply.arguments;
  return { action: reply.name, actionInput: isJsonObject(args) ? pythonJsonDumps(args) : '{}' };
}
