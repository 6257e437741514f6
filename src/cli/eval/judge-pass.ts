import { join } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import type { JsonObject } from '../../agent/json.ts';
import { collectGeneration, type Engine, GREEDY } from '../../engines/engine.ts';
import {
  type JudgedRun,
  judgeMessages,
  judgePrompt,
  parseVerdict,
  VERDICT_GRAMMAR,
  type Verdict,
} from '../../eval/judge.ts';
import { JsonlLog } from './jsonl-log.ts';
import { type ProgressOutput, startProgress } from './progress.ts';

/** The judge's verdicts, one line per live run, beside e2e.jsonl. */
export const JUDGE_FILE = 'judge.jsonl';

/** What the judge sees of one e2e.jsonl record. */
function judgedRun(record: JsonObject): JudgedRun {
  const calls = Array.isArray(record.calls) ? (record.calls as JsonObject[]) : [];
  return {
    query: String(record.instruction ?? ''),
    calls: calls.map((call) => ({
      name: String(call.name),
      arguments: String(call.arguments ?? ''),
      ok: call.ok === true,
    })),
    answer: typeof record.answer === 'string' ? record.answer : null,
    status: String(record.status ?? ''),
  };
}

/** One verdict from the judge: a chat where it has one, else a raw prompt; its three words only where it takes grammars. */
async function askJudge(judge: Engine, run: JudgedRun): Promise<string> {
  const options = {
    sampling: GREEDY,
    maxTokens: 12,
    ...(judge.capabilities.grammar
      ? { constraint: { type: 'grammar' as const, grammar: VERDICT_GRAMMAR } }
      : {}),
  };
  const stream = judge.capabilities.chat
    ? judge.chat({ messages: judgeMessages(run), ...options })
    : judge.complete({ prompt: judgePrompt(run), ...options });
  return (await collectGeneration(stream)).text;
}

/**
 * ToolEval-style pass rate: the judge model reads each live run (query, calls, answer) and says
 * Solved, Unsolved or Unsure. Resumable like the other passes; a file made by another judge is refused.
 */
export async function runJudgePass(
  out: string,
  records: readonly JsonObject[],
  judge: Engine,
  progress: ProgressOutput,
): Promise<Verdict[]> {
  const log = await JsonlLog.open(join(out, JUDGE_FILE));
  for (const line of log.records)
    if (line.judge !== judge.modelId)
      throw new UserError(
        `${log.path} holds verdicts of the judge ${String(line.judge)}; delete it to judge with ${judge.modelId}.`,
      );
  log.checkOrder(
    'dialogue',
    records.map((record) => record.dialogue),
    'run',
  );
  const done = Math.min(log.records.length, records.length);
  const bar = startProgress('judged', records.length, done, progress);
  for (let index = done; index < records.length; index++) {
    const record = records[index] as JsonObject;
    const reply = await askJudge(judge, judgedRun(record));
    await log.append({
      dialogue: record.dialogue ?? index,
      judge: judge.modelId,
      verdict: parseVerdict(reply),
      reply,
    });
    bar.tick();
  }
  bar.end();
  return log.records.slice(0, records.length).map((line) => line.verdict as Verdict);
}
