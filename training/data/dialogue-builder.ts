import type { JsonObject, JsonValue } from '../../src/agent/json.ts';
import { pythonJsonDumps } from '../../src/agent/python-json.ts';
import type { Turn } from '../../src/agent/trajectory.ts';
import type { Dialogue } from '../../src/eval/steps.ts';
import type { DemoSession } from './demo-session.ts';

/** Builds one ToolBench-format dialogue turn by turn, executing calls against the real demo API. */
export class DialogueBuilder {
  readonly turns: Turn[];

  constructor(
    private readonly session: DemoSession,
    readonly instruction: string,
  ) {
    this.turns = [{ from: 'user', value: instruction }];
  }

  /** Planner turn, caller turn (`Action`/`Action Input`), then the real observation; returns the body when the call succeeded. */
  async call(thought: string, operationId: string, args: JsonObject): Promise<JsonValue | undefined> {
    const { name, result, observation } = await this.session.execute(operationId, args);
    this.turns.push(
      { from: 'assistant', value: thought },
      { from: 'caller', value: `Action: ${name}\nAction Input: ${pythonJsonDumps(args)}` },
      { from: 'observation', value: observation },
    );
    return result.ok ? result.body : undefined;
  }

  /** Planner turn with `Next: conclusion.` and the summarizer's answer. */
  conclude(thought: string, answer: string): void {
    this.turns.push({ from: 'assistant', value: thought }, { from: 'conclusion', value: answer });
  }

  /** Planner turn with `Next: give up.`; the dialogue ends there. */
  giveUp(thought: string): void {
    this.turns.push({ from: 'assistant', value: thought });
  }

  /** The dialogue with every tool of the session. */
  dialogue(): Dialogue {
    return { tools: this.session.docs, instruction: this.instruction, conversations: [...this.turns] };
  }
}

/** Fills `{field}` placeholders of an answer format: strings as they are, numbers as the observation writes them, lists joined by ", ". */
export function fillAnswer(format: string, fields: Readonly<Record<string, JsonValue | undefined>>): string {
  return format.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`Answer format ${format} needs "${name}"`);
    return showValue(value);
  });
}

/** A value as an answer states it (numbers exactly as in the observation). */
export function showValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(showValue).join(', ');
  return pythonJsonDumps(value);
}
