import { pythonStrip } from './python-text.ts';
import type { PlanDecision } from './trajectory.ts';

/** Planner decision tags, in the priority the SPEC checks them. */
export const GIVE_UP_TAG = 'Next: give up.';
export const CONCLUSION_TAG = 'Next: conclusion.';
export const CALLER_TAG = 'Next: caller.';

/** A parsed planner output, or a request to generate again (empty, `.` or `,`). */
export type PlannerParse = { type: 'retry' } | { type: 'plan'; decision: PlanDecision; thought: string };

/** Parses planner output per SPEC §5: clean, then give up > conclusion > caller (tag appended if absent). */
export function parsePlannerOutput(raw: string): PlannerParse {
  let text = pythonStrip(raw);
  if (text.startsWith(': ')) text = text.slice(2);
  if (text === '' || text === '.' || text === ',') return { type: 'retry' };
  const giveUp = text.indexOf(GIVE_UP_TAG);
  if (giveUp !== -1)
    return { type: 'plan', decision: 'give up', thought: text.slice(0, giveUp + GIVE_UP_TAG.length) };
  const conclusion = text.indexOf(CONCLUSION_TAG);
  if (conclusion !== -1) {
    return { type: 'plan', decision: 'finish', thought: text.slice(0, conclusion + CONCLUSION_TAG.length) };
  }
  const caller = text.indexOf(CALLER_TAG);
  const thought = caller !== -1 ? text.slice(0, caller + CALLER_TAG.length) : `${text} ${CALLER_TAG}`;
  return { type: 'plan', decision: 'call', thought };
}

/** The API name and raw argument text a caller wrote. */
export interface ParsedAction {
  action: string;
  actionInput: string;
}

/** Parses caller output per SPEC §5: text after the last `Action:` / `Action Input:`, with defaults. */
export function parseCallerOutput(raw: string): ParsedAction {
  const inputAt = raw.lastIndexOf('Action Input:');
  const actionInput = inputAt === -1 ? '{}' : pythonStrip(raw.slice(inputAt + 'Action Input:'.length));
  const actionAt = raw.lastIndexOf('Action:');
  if (actionAt === -1) return { action: 'none', actionInput };
  let action = raw.slice(actionAt + 'Action:'.length);
  const cut = action.indexOf('Action Input:');
  if (cut !== -1) action = action.slice(0, cut);
  return { action: pythonStrip(action), actionInput };
}

/** A parsed single-LLM backbone output. */
export type BackboneParse =
  | { type: 'give-up' }
  | { type: 'finish'; answer: string }
  | ({ type: 'call'; thought: string } & ParsedAction);

/** Parses backbone output per SPEC §5: give up > conclusion > call. */
export function parseBackboneOutput(raw: string): BackboneParse {
  if (raw.includes('conclusion: give up')) return { type: 'give-up' };
  const conclusionAt = raw.lastIndexOf('conclusion: ');
  if (conclusionAt !== -1) return { type: 'finish', answer: raw.slice(conclusionAt + 'conclusion: '.length) };
  const actionAt = raw.indexOf('Action:');
  const thought = actionAt === -1 ? raw : raw.slice(0, actionAt);
  return { type: 'call', thought, ...parseCallerOutput(raw) };
}
