import type { Step, Trajectory, WarmupRecord } from '../agent/trajectory.ts';

/** The lane a step's time belongs to: its model role, or the API. */
function laneOf(step: Step): string {
  return step.type === 'model' ? step.role : 'API';
}

/** One bar of the waterfall: a step, or a warm-up that overlapped other work. */
interface Bar {
  key: string;
  role: string;
  warm: boolean;
  startedAt: number;
  durationMs: number;
  title: string;
}

function bars(trajectory: Trajectory): Bar[] {
  const steps = trajectory.steps.map(
    (step): Bar => ({
      key: `step-${step.index}`,
      role: step.type === 'model' ? step.role : 'tool',
      warm: false,
      startedAt: step.startedAt,
      durationMs: step.durationMs,
      title: `${step.index + 1}. ${laneOf(step)} ${step.durationMs} ms`,
    }),
  );
  const warmups = (trajectory.warmups ?? []).map(
    (warm: WarmupRecord, index): Bar => ({
      key: `warm-${index}`,
      role: warm.role,
      warm: true,
      startedAt: warm.startedAt,
      durationMs: warm.durationMs,
      title: `${warm.role} warm-up: ${warm.promptTokens - warm.reusedPromptTokens} tokens evaluated ahead, ${warm.durationMs} ms`,
    }),
  );
  return [...steps, ...warmups].sort((a, b) => a.startedAt - b.startedAt || Number(b.warm) - Number(a.warm));
}

/**
 * Where the time of a run went: totals per role, per API call and waiting, the time models spent
 * warming up alongside other work (not part of the total), then one bar per step.
 */
export function summarizeTime(trajectory: Trajectory) {
  const steps = trajectory.steps;
  const start = Math.min(...steps.map((step) => step.startedAt));
  const end = Math.max(...steps.map((step) => step.startedAt + step.durationMs));
  const total = Math.max(end - start, 1);
  const lanes = new Map<string, number>();
  for (const step of steps) lanes.set(laneOf(step), (lanes.get(laneOf(step)) ?? 0) + step.durationMs);
  const busy = [...lanes.values()].reduce((sum, value) => sum + value, 0);
  const overlapped = (trajectory.warmups ?? []).reduce((sum, warm) => sum + warm.durationMs, 0);
  return { start, total, lanes: [...lanes.entries()], waiting: Math.max(total - busy, 0), overlapped };
}

/** A waterfall of the run: each step a bar placed at its start, as wide as it took; warm-ups thinner. */
export function RunWaterfall({ trajectory }: { trajectory: Trajectory }) {
  if (trajectory.steps.length === 0) return null;
  const { start, total, lanes, waiting, overlapped } = summarizeTime(trajectory);
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
        {overlapped > 0 && (
          <li title="Models evaluating their next prompt while another model or an API call worked">
            <span className="umi-app__step-role">warm-ups, overlapped</span> {seconds(overlapped)}
          </li>
        )}
      </ul>
      <div className="umi-app__bars" aria-hidden="true">
        {bars(trajectory).map((bar) => (
          <div
            key={bar.key}
            className="umi-app__bar"
            data-role={bar.role}
            data-warm={bar.warm ? 'true' : undefined}
            title={bar.title}
            style={{
              marginLeft: `${Math.max(((bar.startedAt - start) / total) * 100, 0)}%`,
              width: `${Math.max((bar.durationMs / total) * 100, 0.5)}%`,
            }}
          />
        ))}
      </div>
    </figure>
  );
}
