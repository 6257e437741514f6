import type { ModelStep, Step, ToolStep, Trajectory } from '../agent/trajectory.ts';

const LABEL_WIDTH = 12;
const INDENT = ' '.repeat(LABEL_WIDTH);

/** Lines under a label: the first after it, the rest indented to line up. */
function labelled(label: string, text: string): string {
  const lines = text.split('\n');
  return `${lines.map((line, index) => (index === 0 ? label.padEnd(LABEL_WIDTH) : INDENT) + line).join('\n')}\n`;
}

function modelText(step: ModelStep): string {
  const retried = step.flags.invalid === true && step.decision === undefined && step.role === 'planner';
  if (retried)
    return labelled(step.role, `(unusable output ${JSON.stringify(step.output)}; generating again)`);
  switch (step.role) {
    case 'planner':
      return labelled('planner', step.thought ?? step.output.trim());
    case 'caller':
      return labelled('caller', `Action: ${step.action ?? 'none'}\nAction Input: ${step.actionInput ?? ''}`);
    case 'summarizer':
      return labelled('summarizer', step.output.trim());
    case 'backbone': {
      let text = `${step.thought ?? ''} → ${step.decision ?? '?'}`;
      if (step.decision === 'call') text += `\nAction: ${step.action}\nAction Input: ${step.actionInput}`;
      return labelled('backbone', text);
    }
    default:
      return labelled(String(step.role), step.output);
  }
}

function toolText(step: ToolStep, deniedHint: boolean): string {
  const request = step.request ? `${step.request.method} ${step.request.url}` : step.name;
  const status = step.status === undefined ? (step.ok ? 'ok' : 'failed') : String(step.status);
  let text = labelled('tool', `${request} → ${status}`);
  if (step.flags.hallucinated === true) text += labelled('', `(${step.name} is not one of the tools)`);
  text += labelled('observation', step.observation);
  if (deniedHint) text += labelled('', 'denied: this call changes data; add --yes to allow such calls');
  return text;
}

/** One recorded step, readable for a human; `denied` marks a mutating call refused for want of --yes. */
export function formatStep(step: Step, denied = false): string {
  return step.type === 'model' ? modelText(step) : toolText(step, denied);
}

/** The end of a run: the answer (or why there is none) and how long it took. */
export function formatOutcome(trajectory: Trajectory): string {
  const seconds = ((trajectory.updatedAt - trajectory.createdAt) / 1000).toFixed(1);
  let text = '\n';
  if (trajectory.answer !== undefined) text += labelled('answer', trajectory.answer);
  if (trajectory.status === 'gave-up')
    text += labelled('gave up', 'the planner found no way to do this task');
  if (trajectory.error !== undefined) text += labelled('error', trajectory.error.message);
  return `${text}(${trajectory.status}, ${trajectory.steps.length} steps, ${seconds} s)\n`;
}
