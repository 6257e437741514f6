import { UserError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import { isJsonObject } from '../agent/json.ts';
import { CALLER_TAG, CONCLUSION_TAG, GIVE_UP_TAG, parseCallerOutput } from '../agent/output-parsers.ts';
import type { PlanDecision, Turn, TurnRole } from '../agent/trajectory.ts';

/** A ToolBench-format test dialogue: `{tools, instruction, conversations: [{from, value}]}`. */
export interface Dialogue {
  tools: JsonObject[];
  instruction: string;
  conversations: Turn[];
}

/** What a system predicted for one step; the JSONL line format of `umi score --predictions`. */
export interface Prediction {
  plan: PlanDecision;
  action?: string;
  action_input?: string;
  answer?: string;
}

/** One evaluation step: a gold planner turn with a decision tag, teacher-forced on the gold history. */
export interface EvalStep {
  /** Index of the dialogue in the test file and of the planner turn in its conversation. */
  dialogueIndex: number;
  turnIndex: number;
  instruction: string;
  /** The dialogue's tool docs (`{Name, function, input}`) and their names. */
  tools: JsonObject[];
  toolNames: string[];
  /** The gold turns before this step. */
  history: Turn[];
  /** The gold planner turn itself. */
  thought: string;
  /** The reference: label, plus action/input (call) or answer (finish). */
  reference: Prediction;
}

const TURN_ROLES: readonly TurnRole[] = ['user', 'assistant', 'caller', 'observation', 'conclusion'];

/** True for an assistant turn that carries one of the three decision tags (SPEC §6). */
function isStepTurn(turn: Turn): boolean {
  return (
    turn.from === 'assistant' &&
    (turn.value.includes(CALLER_TAG) ||
      turn.value.includes(CONCLUSION_TAG) ||
      turn.value.includes(GIVE_UP_TAG))
  );
}

/** The reference label of a step turn: give up, else finish, else call (tags matched without the dot). */
function referenceLabel(value: string): PlanDecision {
  if (value.includes('Next: give up')) return 'give up';
  if (value.includes('Next: conclusion')) return 'finish';
  return 'call';
}

/** Every step of the dialogues, in file order (SPEC §6). */
export function extractSteps(dialogues: readonly Dialogue[]): EvalStep[] {
  const steps: EvalStep[] = [];
  dialogues.forEach((dialogue, dialogueIndex) => {
    const turns = dialogue.conversations;
    const toolNames = dialogue.tools.map((tool) => String(tool.Name));
    turns.forEach((turn, turnIndex) => {
      if (!isStepTurn(turn)) return;
      const plan = referenceLabel(turn.value);
      const next = turns[turnIndex + 1];
      let reference: Prediction = { plan };
      if (plan !== 'give up') {
        if (next === undefined) {
          throw new UserError(
            `Dialogue ${dialogueIndex}, turn ${turnIndex}: a ${plan} step must be followed by a turn.`,
          );
        }
        if (plan === 'finish') reference = { plan, answer: next.value };
        else {
          const { action, actionInput } = parseCallerOutput(next.value);
          reference = { plan, action, action_input: actionInput };
        }
      }
      steps.push({
        dialogueIndex,
        turnIndex,
        instruction: dialogue.instruction,
        tools: dialogue.tools,
        toolNames,
        history: turns.slice(0, turnIndex),
        thought: turn.value,
        reference,
      });
    });
  });
  return steps;
}

/** The prediction that reproduces the reference exactly (scores 100 on every metric). */
export function goldPrediction(step: EvalStep): Prediction {
  return { ...step.reference };
}

/** Checks parsed test-file JSON and returns it as dialogues; a UserError says where it is wrong. */
export function parseDialogues(data: unknown): Dialogue[] {
  if (!Array.isArray(data)) throw new UserError('The test data must be a JSON array of dialogues.');
  return data.map((item: unknown, index) => {
    const where = `Dialogue ${index}`;
    if (!isJsonObject(item)) throw new UserError(`${where} is not an object.`);
    const { tools, instruction, conversations } = item;
    if (
      !Array.isArray(tools) ||
      !tools.every((tool) => isJsonObject(tool) && typeof tool.Name === 'string')
    ) {
      throw new UserError(`${where}: "tools" must be an array of objects with a string "Name".`);
    }
    if (!Array.isArray(conversations)) throw new UserError(`${where}: "conversations" must be an array.`);
    const turns = conversations.map((turn, turnIndex): Turn => {
      const from = isJsonObject(turn) ? turn.from : undefined;
      const value = isJsonObject(turn) ? turn.value : undefined;
      if (!TURN_ROLES.includes(from as TurnRole) || typeof value !== 'string') {
        throw new UserError(
          `${where}, turn ${turnIndex}: expected {from: ${TURN_ROLES.join('|')}, value: string}.`,
        );
      }
      return { from: from as TurnRole, value };
    });
    return {
      tools: tools as JsonObject[],
      instruction: typeof instruction === 'string' ? instruction : '',
      conversations: turns,
    };
  });
}
