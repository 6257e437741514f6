import type { Step, Trajectory } from '../agent/trajectory.ts';

/** The lane a step's time belongs to: its model role, or the API. */
function laneOf(step: Step): string {
  return step.type === 'model' ? step.role : 'API';
}

/** Where the time of a run went: totals per role, per API call and waiting, then one bar per step. */
export function summarizeTime(trajectory: Trajectory) {
  const steps = trajectory.steps;
  const start = Math.min(...steps.map((step) => step.startedAt));
  const end = Math.max(...steps.map((step) => step.startedAt + step.durationMs));
  const total = Math.max(end - start, 1);
  const lanes = new Map<string, number>();
  for (const step of steps) lanes.set(laneOf(step), (lanes.get(laneOf(step)) ?? 0) + step.durationMs);
  const busy = [...lanes.values()].reduce((sum, value) => sum + value, 0);
  return { start, total, lanes: [...lanes.entries()], waiting: Math.max(total - busy, 0) };
}

/** A waterfall of the run: each step a bar placed at its start, as wide as it took. */
export function RunWaterfall({ trajectory }: { trajectory: Trajectory }) {
  if (trajectory.steps.length === 0) return null;
  const { start, total, lanes, waiting } = summarizeTime(trajectory);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    <figure className="umi-app__waterfall" aria-label="Where the time went">
      <ul className="umi-app__time-totals">
        {lanes.map(([lane, ms]) => (
          <li key={lane}>
            <span className="umi-app__step-role">{lane}</span> {seconds(ms)}
          </li>
        ))}
        <li>
          <span className="umi-app__step-role">waiting</span> {seconds(waiting)}
        </li>
        <li>
          <span className="umi-app__step-role">total</span> {seconds(total)}
        </li>
      </ul>
      <div className="umi-app__bars" aria-hidden="true">
        {trajectory.steps.map((step) => (
          <div
            key={step.index}
            className="umi-app__bar"
            data-role={step.type === 'model' ? step.role : 'tool'}
            title={`${step.index + 1}. ${laneOf(step)} ${step.durationMs} ms`}
            style={{
              marginLeft: `${((step.startedAt - start) / total) * 100}%`,
              width: `${Math.max((step.durationMs / total) * 100, 0.5)}%`,
            }}
          />
        ))}
      </div>
    </figure>
  );
}
