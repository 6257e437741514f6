import { useState } from 'react';
import { recordLatency, recordPrediction } from '../../eval/step-record.ts';
import type { StepVerdict } from '../../eval/step-verdict.ts';
import type { Prediction } from '../../eval/steps.ts';
import type { EvalRun } from '../../state/eval-run.ts';
import { verdictText, verdictTone } from './step-outcomes.tsx';

/** Rows per page: long test sets are paged rather than rendered at once. */
const PAGE = 50;

/** A prediction or reference in one line: the plan and the call or the start of the answer. */
function predictionText(prediction: Prediction): string {
  if (prediction.plan === 'call')
    return `call ${prediction.action ?? 'none'} ${prediction.action_input ?? ''}`;
  if (prediction.plan === 'finish') {
    const answer = prediction.answer ?? '';
    return `finish: ${answer.length > 80 ? `${answer.slice(0, 80)}…` : answer}`;
  }
  return 'give up';
}

/** The finished steps of a run, a page at a time; a row's button opens the step in the viewer. */
export function StepTable({
  run,
  verdicts,
  onOpen,
}: {
  run: EvalRun;
  verdicts: readonly StepVerdict[];
  onOpen: (index: number) => void;
}) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(run.records.length / PAGE));
  const current = Math.min(page, pages - 1);
  const rows = run.records.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <div className="umi-eval__table-block">
      <table className="umi-eval__steps" aria-label="Steps">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Dialogue · turn</th>
            <th scope="col">Reference</th>
            <th scope="col">Prediction</th>
            <th scope="col">Outcome</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((record, offset) => {
            const index = current * PAGE + offset;
            const step = run.steps[index];
            const verdict = verdicts[index];
            if (step === undefined || verdict === undefined) return null;
            return (
              <tr key={index} data-tone={verdictTone(verdict)}>
                <td>
                  <button
                    type="button"
                    className="umi-app__button umi-app__button--small"
                    aria-label={`Open step ${index + 1}`}
                    onClick={() => onOpen(index)}
                  >
                    {index + 1}
                  </button>
                </td>
                <td>
                  {step.dialogueIndex} · {step.turnIndex}
                </td>
                <td className="umi-eval__code">{predictionText(step.reference)}</td>
                <td className="umi-eval__code">{predictionText(recordPrediction(record))}</td>
                <td>{verdictText(verdict)}</td>
                <td>{(recordLatency(record) / 1000).toFixed(2)} s</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="umi-app__actions">
          <button
            type="button"
            className="umi-app__button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous steps
          </button>
          <span className="umi-app__hint">
            Page {current + 1} of {pages}
          </span>
          <button
            type="button"
            className="umi-app__button"
            disabled={current === pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next steps
          </button>
        </div>
      )}
    </div>
  );
}
