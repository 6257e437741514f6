import { useId } from 'react';
import type { Metrics } from '../../eval/metrics.ts';
import { type EvalRun, runLabel } from '../../state/eval-run.ts';

/** The paper's metrics, in its table's order; Hallu. is better low. */
export const METRICS: ReadonlyArray<{ key: keyof Metrics; label: string; lowerIsBetter?: boolean }> = [
  { key: 'plan_acc', label: 'Plan ACC' },
  { key: 'action_em', label: 'Act. EM' },
  { key: 'hallu', label: 'Hallu.', lowerIsBetter: true },
  { key: 'arg_f1', label: 'Arg F1' },
  { key: 'rouge_l', label: 'R-L' },
];

/** One run's column: the value to 2 decimals (as `umi score` prints it) over a bar of 0–100. */
function MetricCell({ run, metric }: { run: EvalRun; metric: keyof Metrics }) {
  const value = run.results.metrics[metric];
  return (
    <td className="umi-eval__metric-cell" data-metric={metric} data-value={value}>
      <span className="umi-eval__metric-value">{value.toFixed(2)}</span>
      <span className="umi-eval__bar" aria-hidden="true">
        <span className="umi-eval__bar-fill" style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />
      </span>
    </td>
  );
}

/** The metrics of the shown run as bars, beside those of another run when one is chosen. */
export function MetricBars({ run, other }: { run: EvalRun; other: EvalRun | undefined }) {
  const id = useId();
  const runs = other === undefined ? [run] : [run, other];
  return (
    <table className="umi-eval__metrics" aria-labelledby={`${id}-caption`}>
      <caption id={`${id}-caption`} className="umi-eval__caption">
        Step metrics ×100 over {run.results.metrics.steps} steps
        {other === undefined ? '' : `, beside ${other.results.metrics.steps} steps of another run`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          {runs.map((item, index) => (
            <th key={item.id} scope="col" data-run={index === 0 ? 'shown' : 'compared'}>
              {runLabel(item)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {METRICS.map((metric) => (
          <tr key={metric.key} data-metric={metric.key}>
            <th scope="row">
              {metric.label}
              {metric.lowerIsBetter && <span className="umi-app__hint"> (lower is better)</span>}
            </th>
            {runs.map((item) => (
              <MetricCell key={item.id} run={item} metric={metric.key} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
