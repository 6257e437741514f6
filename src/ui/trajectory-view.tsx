import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionState } from '../state/session-store.ts';
import { StepCard } from './step-card.tsx';
import { useStore } from './use-store.ts';

const STATUS_TEXT: Record<string, string> = {
  running: 'running',
  answered: 'answered',
  'gave-up': 'gave up',
  error: 'failed',
  aborted: 'stopped',
  'max-steps': 'stopped at the step limit',
  interrupted: 'interrupted (the page was closed or reloaded mid-run)',
};

/** The selected run: its steps as they happen, the one in progress streaming, and the answer. */
export function TrajectoryView({ sessions }: { sessions: StoreApi<SessionState> }) {
  const headingId = useId();
  const run = useStore(sessions, (state) => state.runs.find((item) => item.id === state.activeId));
  if (run === undefined) return null;
  const { trajectory, live } = run;
  const questions = trajectory.turns.filter((turn) => turn.from === 'user').map((turn) => turn.value);
  return (
    <section className="umi-app__panel umi-app__trajectory" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Trajectory
      </h2>
      <p className="umi-app__run-status" data-status={trajectory.status}>
        Status: {STATUS_TEXT[trajectory.status] ?? trajectory.status} · {trajectory.steps.length} steps
      </p>
      <ul className="umi-app__questions" aria-label="Questions">
        {questions.map((question, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions only grow, in order
          <li key={index}>{question}</li>
        ))}
      </ul>
      <ol className="umi-app__steps" aria-label="Steps">
        {trajectory.steps.map((step) => (
          <StepCard key={step.index} step={step} />
        ))}
        {live !== undefined && (
          <li className="umi-app__step umi-app__step--live" data-role={live.role} aria-busy="true">
            <header className="umi-app__step-head">
              <span className="umi-app__step-role">{live.role === 'tool' ? 'API' : live.role}</span>
              <span className="umi-app__tag">in progress</span>
            </header>
            <pre className="umi-app__pre">{live.text}</pre>
          </li>
        )}
      </ol>
      {trajectory.answer !== undefined && (
        <section className="umi-app__answer" aria-label="Answer">
          <h3 className="umi-app__role-name">Answer</h3>
          <p>{trajectory.answer}</p>
        </section>
      )}
      {trajectory.error !== undefined && (
        <p className="umi-app__error" role="alert">
          {trajectory.error.message}
        </p>
      )}
    </section>
  );
}
