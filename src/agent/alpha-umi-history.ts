import { pythonStrip, replaceLiteral } from './python-text.ts';
import type { Turn } from './trajectory.ts';

const END = '</s>';

/** The α-UMi `{history}` slot for planner, caller and summarizer: turns concatenated, no separator (SPEC §3). */
export function renderHistory(turns: readonly Turn[]): string {
  let history = '';
  for (const turn of turns) {
    switch (turn.from) {
      case 'user':
        history += `user: ${turn.value}${END}`;
        break;
      case 'assistant':
        history += `assistant: ${turn.value}${END}`;
        break;
      case 'caller':
        history += `caller: ${turn.value}${END}`;
        break;
      case 'observation':
        history += `observation: ${turn.value}`;
        break;
      case 'conclusion':
        history += `conclusion: ${turn.value}${END}`;
        break;
      default:
        return assertNever(turn.from);
    }
  }
  return history;
}

/** The thought of a planner turn without `tag` (every occurrence), stripped the way Python's `strip()` does. */
function untagged(text: string, tag: string): string {
  return pythonStrip(replaceLiteral(text, tag, ''));
}

/** The backbone (single-LLM) `{history}` slot: a planner turn absorbs the caller or conclusion turn after it (SPEC §3). */
export function renderBackboneHistory(turns: readonly Turn[]): string {
  let history = '';
  for (let index = 0; index < turns.length; index++) {
    const turn = turns[index] as Turn;
    switch (turn.from) {
      case 'user':
        history += `user: ${turn.value}${END}`;
        break;
      case 'observation':
        history += `observation: ${turn.value}`;
        break;
      case 'assistant':
        history += `assistant: ${backboneAssistantText(turn.value, turns[index + 1])}${END}`;
        break;
      case 'caller':
      case 'conclusion':
        // Rendered by the planner turn before them (or, as in the reference, not at all).
        break;
      default:
        return assertNever(turn.from);
    }
  }
  return history;
}

/** What follows `assistant: ` for one planner turn of the backbone history; the give-up tag is checked first. */
function backboneAssistantText(text: string, next: Turn | undefined): string {
  if (text.includes('Next: give up.')) return `${untagged(text, 'Next: give up.')}\nconclusion: give up.`;
  if (next?.from === 'caller') return `${untagged(text, 'Next: caller.')}\n${next.value}`;
  if (next?.from === 'conclusion') return `${untagged(text, 'Next: conclusion.')}\nconclusion: ${next.value}`;
  return text;
}

function assertNever(value: never): never {
  throw new Error(`Unknown turn role: ${String(value)}`);
}
