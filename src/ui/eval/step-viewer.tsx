import { useId, useMemo } from 'react';
import { recordPrediction } from '../../eval/step-record.ts';
import { stepTrajectory } from '../../eval/step-trajectory.ts';
import type { StepVerdict } from '../../eval/step-verdict.ts';
import type { EvalRun } from '../../state/eval-run.ts';
import { StepWindow } from '../step-window.tsx';
import { verdictText } from './step-outcomes.tsx';

/**
 * One evaluated step in the trajectory viewer: the task, the reference history it was run on (marked
 * as the test set's), what the models generated for it, and the reference they are scored against.
 */
export function StepViewer({
  run,
  index,
  verdict,
  onClose,
}: {
  run: EvalRun;
  index: number;
  verdict: StepVerdict;
  onClose: () => void;
}) {
  const headingId = useId();
  const step = run.steps[index];
  const record = run.records[index];
  const steps = useMemo(
    () =>
      step === undefined || record === undefined
        ? []
        : stepTrajectory(step, { record, models: run.models, systemPrefix: run.systemPrefix }),
    [step, record, run.models, run.systemPrefix],
  );
  if (step === undefined || record === undefined) return null;
  const predicted = recordPrediction(record);
  return (
    <section className="umi-app__panel umi-app__trajectory" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Step {index + 1} in the trajectory viewer
      </h2>
      <p className="umi-app__question">{step.instruction || step.history[0]?.value}</p>
      <p className="umi-app__run-status">
        Dialogue {step.dialogueIndex}, turn {step.turnIndex} · {verdictText(verdict)}
      </p>
      <dl className="umi-eval__compare">
        <dt>Reference</dt>
        <dd className="umi-eval__code">{JSON.stringify(step.reference)}</dd>
        <dt>Prediction</dt>
        <dd className="umi-eval__code">{JSON.stringify(predicted)}</dd>
      </dl>
      <p className="umi-app__hint">
        The steps marked “test set” are the reference history the models were given; the last ones are what
        they generated.
      </p>
      <StepWindow steps={steps} live={null} />
      <button type="button" className="umi-app__button" onClick={onClose}>
        Close the step
      </button>
    </section>
  );
}
