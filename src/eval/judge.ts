import type { ChatMessage } from '../engines/engine.ts';

/** A judge's verdict on one run, ToolEval's three answers plus `invalid` for a reply that is none of them. */
export type Verdict = 'solved' | 'unsolved' | 'unsure' | 'invalid';

/** What the judge sees of a run: the user's query, the API calls made, and the final answer (or why there is none). */
export interface JudgedRun {
  query: string;
  calls: readonly { name: string; arguments: string; ok: boolean }[];
  answer: string | null;
  status: string;
}

/** The judge may write only one of the three words. */
export const VERDICT_GRAMMAR = 'root ::= "Solved" | "Unsolved" | "Unsure"';

const RULES = [
  'You judge whether an AI assistant solved a user query with the API calls it made.',
  'Answer Unsolved when the answer refuses, apologises, is empty, or does not respond to the query;',
  'answer Unsure when the answer responds but you cannot tell from it whether the query is fully solved;',
  'answer Solved only when the answer gives what the query asked for.',
  'Reply with one word: Solved, Unsolved or Unsure.',
].join(' ');

function runText(run: JudgedRun): string {
  const calls =
    run.calls.length === 0
      ? 'none'
      : run.calls.map((call) => `${call.name}(${call.arguments}) ${call.ok ? 'ok' : 'failed'}`).join('; ');
  const answer = run.answer ?? `(no answer: the run ended ${run.status})`;
  return `Query: ${run.query}\nAPI calls: ${calls}\nFinal answer: ${answer}`;
}

/** The judge's input as chat messages (chat models). */
export function judgeMessages(run: JudgedRun): ChatMessage[] {
  return [
    { role: 'system', content: RULES },
    { role: 'user', content: runText(run) },
  ];
}

/** The judge's input as one raw prompt (models without a chat template). */
export function judgePrompt(run: JudgedRun): string {
  return `${RULES}\n\n${runText(run)}\nVerdict:`;
}

/** The verdict a reply states (its first word, any case), or `invalid`. */
export function parseVerdict(reply: string): Verdict {
  const word = /^[\s"'*]*([A-Za-z]+)/.exec(reply)?.[1]?.toLowerCase();
  return word === 'solved' || word === 'unsolved' || word === 'unsure' ? word : 'invalid';
}

/** Counts per verdict and the pass rate (Solved over all runs, ×100): Unsure and invalid replies do not pass. */
export function passRate(verdicts: readonly Verdict[]): {
  runs: number;
  solved: number;
  unsolved: number;
  unsure: number;
  invalid: number;
  passRate: number;
} {
  const count = (verdict: Verdict) => verdicts.filter((item) => item === verdict).length;
  const runs = verdicts.length;
  return {
    runs,
    solved: count('solved'),
    unsolved: count('unsolved'),
    unsure: count('unsure'),
    invalid: count('invalid'),
    passRate: runs === 0 ? 0 : (count('solved') / runs) * 100,
  };
}
