import type { ChatMessage } from '../engines/engine.ts';
import type { Tool } from '../tools/tool.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
import { CALLER_TAG, CONCLUSION_TAG, GIVE_UP_TAG, parseCallerOutput } from './output-parsers.ts';
import { pythonStrip, replaceLiteral } from './python-text.ts';
import type { Turn } from './trajectory.ts';

const PLANNER_SYSTEM =
  'You are the planner of a team that answers the user with REST APIs. You do not call APIs yourself: ' +
  'each step you write a short thought about what to do next and choose who acts next: "caller" (an API ' +
  'call is needed; say in the thought which API and with what values), "conclusion" (the results so far ' +
  'answer the user), or "give up" (no API here can do it). Reply with JSON only: {"thought": ..., "next": ...}.';

const CALLER_SYSTEM =
  "You are the caller of a team that answers the user with REST APIs. Given the planner's thought, " +
  'write exactly one API call as JSON: {"name": <one of the API names below>, "arguments": {...}}. ' +
  'Copy values (names, ids, amounts) exactly from the user or from earlier API results.';

const SUMMARIZER_SYSTEM =
  'You write the final answer for the user from what the APIs returned. State the values they returned; ' +
  'never invent one. If a call failed, say so plainly. Be brief.';

/**
 * The tool list the planner and caller read, one line per API: `- name(arg: type, opt?: type):
 * description`, enums as their values. Compact for small contexts; the caller's JSON Schema
 * constraint enforces the full schema.
 */
export function renderChatTools(tools: readonly Tool[]): string {
  return tools
    .map((tool) => `- ${tool.name}(${renderArguments(tool.parameters)}): ${tool.description}`)
    .join('\n');
}

function renderArguments(parameters: JsonObject): string {
  const properties = isJsonObject(parameters.properties) ? parameters.properties : {};
  const required = new Set(Array.isArray(parameters.required) ? parameters.required : []);
  return Object.entries(properties)
    .map(([name, schema]) => `${name}${required.has(name) ? '' : '?'}: ${renderType(schema)}`)
    .join(', ');
}

function renderType(schema: JsonValue): string {
  if (!isJsonObject(schema)) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join('|');
  return typeof schema.type === 'string' ? schema.type : 'any';
}

/** The planner's turn as the reply it is asked to write: its thought without the tag, and the next role. */
function plannerReply(thought: string): { thought: string; next: string } {
  const next = thought.includes(GIVE_UP_TAG)
    ? 'give up'
    : thought.includes(CONCLUSION_TAG)
      ? 'conclusion'
      : 'caller';
  const text = [GIVE_UP_TAG, CONCLUSION_TAG, CALLER_TAG].reduce(
    (t, tag) => replaceLiteral(t, tag, ''),
    thought,
  );
  return { thought: pythonStrip(text), next };
}

/** The caller's turn (`Action: …\nAction Input: …`) as the JSON it is asked to write. */
function callerJson(turn: string): string {
  const { action, actionInput } = parseCallerOutput(turn);
  return `{"name": ${JSON.stringify(action)}, "arguments": ${actionInput}}`;
}

/**
 * The planner's messages: its system prompt with the tools, then the conversation, its own earlier
 * replies as assistant messages and each call with its result as a user message, so the messages of
 * one step are a prefix of the next step's (a chat engine can reuse its cache).
 */
export function chatPlannerMessages(tools: readonly Tool[], turns: readonly Turn[]): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: 'system', content: `${PLANNER_SYSTEM}\n\nAPIs:\n${renderChatTools(tools)}` },
  ];
  for (const turn of turns) {
    if (turn.from === 'user') messages.push({ role: 'user', content: turn.value });
    else if (turn.from === 'assistant')
      messages.push({ role: 'assistant', content: JSON.stringify(plannerReply(turn.value)) });
    else if (turn.from === 'caller')
      messages.push({ role: 'user', content: `The caller sent: ${callerJson(turn.value)}` });
    else if (turn.from === 'observation') appendToLast(messages, `\nThe API returned: ${turn.value}`);
    else messages.push({ role: 'assistant', content: `Answered: ${turn.value}` });
  }
  return mergeAdjacent(messages);
}

/**
 * The caller's messages: its system prompt with the tools, the user's words, and for each planner
 * thought a user message; its own earlier calls as assistant messages, their results after them.
 */
export function chatCallerMessages(tools: readonly Tool[], turns: readonly Turn[]): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: 'system', content: `${CALLER_SYSTEM}\n\nAPIs:\n${renderChatTools(tools)}` },
  ];
  for (const turn of turns) {
    if (turn.from === 'user') messages.push({ role: 'user', content: `The user asked: ${turn.value}` });
    else if (turn.from === 'assistant')
      messages.push({ role: 'user', content: `Thought: ${plannerReply(turn.value).thought}` });
    else if (turn.from === 'caller') messages.push({ role: 'assistant', content: callerJson(turn.value) });
    else if (turn.from === 'observation')
      messages.push({ role: 'user', content: `The API returned: ${turn.value}` });
    else messages.push({ role: 'user', content: `Answered: ${turn.value}` });
  }
  return mergeAdjacent(messages);
}

/** The summarizer's messages: its system prompt and the whole conversation in one user message. */
export function chatSummarizerMessages(turns: readonly Turn[]): ChatMessage[] {
  const lines = turns.flatMap((turn) => {
    if (turn.from === 'user') return [`User: ${turn.value}`];
    if (turn.from === 'caller') return [`Call: ${callerJson(turn.value)}`];
    if (turn.from === 'observation') return [`Result: ${turn.value}`];
    if (turn.from === 'conclusion') return [`Answer: ${turn.value}`];
    return [];
  });
  return [
    { role: 'system', content: SUMMARIZER_SYSTEM },
    { role: 'user', content: `${lines.join('\n')}\n\nWrite the answer to the user's last question.` },
  ];
}

function appendToLast(messages: ChatMessage[], text: string): void {
  const last = messages.at(-1);
  if (last !== undefined && last.role === 'user')
    messages[messages.length - 1] = { ...last, content: last.content + text };
  else messages.push({ role: 'user', content: text.trimStart() });
}

/** Consecutive messages of one role joined by a newline (chat templates expect turns to alternate). */
function mergeAdjacent(messages: ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const message of messages) {
    const last = merged.at(-1);
    if (last !== undefined && last.role === message.role && message.role !== 'system')
      merged[merged.length - 1] = { ...last, content: `${last.content}\n${message.content}` };
    else merged.push(message);
  }
  return merged;
}

/** Messages as ChatML text ending where the assistant's reply starts: for engines without a chat template. */
export function chatMlText(messages: readonly ChatMessage[]): string {
  return `${messages.map((message) => `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`).join('')}<|im_start|>assistant\n`;
}
