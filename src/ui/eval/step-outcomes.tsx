import { type StepVerdict, VERDICT_TEXT } from '../../eval/step-verdict.ts';

/** A verdict in words, with its score where it has one. */
export function verdictText(verdict: StepVerdict): string {
  if (verdict.kind === 'arguments') return `${VERDICT_TEXT.arguments} (F1 ${(verdict.f1 * 100).toFixed(0)})`;
  if (verdict.kind === 'answer') return `answer (R-L ${(verdict.rougeL * 100).toFixed(0)})`;
  if (verdict.kind === 'failed') return `${VERDICT_TEXT.failed}: ${verdict.reason}`;
  return VERDICT_TEXT[verdict.kind];
}

/** A colour class for a verdict: right, partly right, or wrong. */
export function verdictTone(verdict: StepVerdict): 'good' | 'partial' | 'bad' {
  if (verdict.kind === 'right') return 'good';
  if (verdict.kind === 'answer') return verdict.rougeL >= 0.5 ? 'good' : 'partial';
  if (verdict.kind === 'arguments') return 'partial';
  return 'bad';
}

/** The indices of the steps not run yet. */
function pendingSteps(done: number, total: number): number[] {
  return Array.from({ length: Math.max(0, total - done) }, (_, offset) => done + offset);
}

/** One cell per step, coloured by its verdict, in step order; a cell opens its step. */
export function StepOutcomes({
  verdicts,
  total,
  onOpen,
}: {
  verdicts: readonly StepVerdict[];
  total: number;
  onOpen: (index: number) => void;
}) {
  return (
    <div className="umi-eval__outcomes-block">
      <p className="umi-app__hint">
        Per-step outcomes ({verdicts.length} of {total}): green right, amber partly right, red wrong, grey not
        run yet.
      </p>
      <ol className="umi-eval__outcomes" aria-label="Per-step outcomes">
        {verdicts.map((verdict, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are fixed and in order
          <li key={index}>
            <button
              type="button"
              className="umi-eval__outcome"
              data-tone={verdictTone(verdict)}
              title={`Step ${index + 1}: ${verdictText(verdict)}`}
              aria-label={`Step ${index + 1}: ${verdictText(verdict)}`}
              onClick={() => onOpen(index)}
            />
          </li>
        ))}
        {pendingSteps(verdicts.length, total).map((step) => (
          <li key={step} className="umi-eval__outcome" data-tone="pending" aria-hidden="true" />
        ))}
      </ol>
    </div>
  );
}
