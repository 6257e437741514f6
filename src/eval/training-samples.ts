import {
  backboneInput,
  callerInput,
  plannerInput,
  type RenderOptions,
  summarizerInput,
} from '../agent/alpha-umi-prompts.ts';
import { CALLER_TAG, CONCLUSION_TAG, GIVE_UP_TAG } from '../agent/output-parsers.ts';
import { pythonStrip, replaceLiteral } from '../agent/python-text.ts';
import type { Dialogue } from './steps.ts';

/** One training sample: the exact model input and the target text (EOS is appended by the trainer). */
export interface Sample {
  input: string;
  target: string;
}

/** The model roles samples are made for. */
export const ROLES = ['planner', 'caller', 'summarizer', 'backbone'] as const;
/** A role's name. */
export type SampleRole = (typeof ROLES)[number];

/** Samples per role. */
export type RoleSamples = Record<SampleRole, Sample[]>;

/** The backbone's target for the planner turn at `index`: thought, then the action, the answer or give up (SPEC §7). */
export function backboneTarget(dialogue: Dialogue, index: number): string {
  const turns = dialogue.conversations;
  const text = turns[index]?.value ?? '';
  const next = turns[index + 1];
  const thought = (tag: string) => pythonStrip(replaceLiteral(text, tag, ''));
  if (text.includes(GIVE_UP_TAG)) return `${thought(GIVE_UP_TAG)}\nconclusion: give up.`;
  if (next?.from === 'caller') return `${thought(CALLER_TAG)}\n${next.value}`;
  if (next?.from === 'conclusion') return `${thought(CONCLUSION_TAG)}\nconclusion: ${next.value}`;
  throw new Error(
    `Planner turn ${index} of "${dialogue.instruction}" has no caller, conclusion or give up after it`,
  );
}

/** The GLPFT samples of dialogues (SPEC §7): one planner and one backbone sample per planner turn, one caller sample per caller turn, one summarizer sample per conclusion. */
export function deriveSamples(
  dialogues: readonly Dialogue[],
  options: RenderOptions & {
    /** Skip a planner turn's backbone sample when nothing follows it (an unfinished run) instead of failing. */
    partial?: boolean;
  },
): RoleSamples {
  const samples: RoleSamples = { planner: [], caller: [], summarizer: [], backbone: [] };
  for (const dialogue of dialogues) {
    const { tools, conversations: turns } = dialogue;
    turns.forEach((turn, index) => {
      const history = turns.slice(0, index);
      if (turn.from === 'assistant') {
        samples.planner.push({ input: plannerInput(tools, history, options), target: turn.value });
        const unfinished = options.partial === true && !hasFollowUp(dialogue, index);
        if (!unfinished) {
          samples.backbone.push({
            input: backboneInput(tools, history, options),
            target: backboneTarget(dialogue, index),
          });
        }
      } else if (turn.from === 'caller') {
        samples.caller.push({ input: callerInput(tools, history, options), target: turn.value });
      } else if (turn.from === 'conclusion') {
        samples.summarizer.push({ input: summarizerInput(tools, history, options), target: turn.value });
      }
    });
  }
  return samples;
}

/** True when the planner turn at `index` gives up or is followed by a caller or conclusion turn. */
function hasFollowUp(dialogue: Dialogue, index: number): boolean {
  const turns = dialogue.conversations;
  const next = turns[index + 1]?.from;
  return (turns[index]?.value ?? '').includes(GIVE_UP_TAG) || next === 'caller' || next === 'conclusion';
}
