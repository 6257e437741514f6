import { useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Turn } from '../agent/trajectory.ts';
import type { RunRecord } from '../state/run-record.ts';
import type { SessionState } from '../state/session-store.ts';
import { MarkdownText } from './markdown/markdown-text.tsx';
import { ProblemText } from './problem-text.tsx';
import { RunWaterfall } from './run-waterfall.tsx';
import { StepWindow } from './step-window.tsx';
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
  const run = useStore(sessions, (state) => state.runs.find((item) => item.id === state.activeId));
  return run === undefined ? null : <RunView key={run.id} run={run} />;
}

/** One run; a finished run can be replayed one step at a time. */
function RunView({ run }: { run: RunRecord }) {
  const headingId = useId();
  const [shown, setShown] = useState<number | undefined>(undefined);
  const { trajectory, live } = run;
  const total = trajectory.steps.length;
  const replaying = shown !== undefined;
  const steps = replaying ? trajectory.steps.slice(0, shown) : trajectory.steps;
  const complete = !replaying || shown === total;
  const exchanges = conversation(trajectory.turns);
  return (
    <section className="umi-app__panel umi-app__trajectory" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Trajectory
      </h2>
      <p className="umi-app__run-status" data-status={trajectory.status}>
        Status: {STATUS_TEXT[trajectory.status] ?? trajectory.status} · {total} steps
      </p>
      {trajectory.status !== 'running' && total > 0 && (
        <fieldset className="umi-app__actions umi-app__fieldset" aria-label="Replay">
          {replaying ? (
            <>
              <button
                type="button"
                className="umi-app__button"
                disabled={shown === 0}
                onClick={() => setShown(shown - 1)}
              >
                Previous step
              </button>
              <button
                type="button"
                className="umi-app__button"
                disabled={shown === total}
                onClick={() => setShown(shown + 1)}
              >
                Next step
              </button>
              <button type="button" className="umi-app__button" onClick={() => setShown(undefined)}>
                Show all
              </button>
              <p className="umi-app__status" role="status">
                Replay: {shown} of {total} steps
              </p>
            </>
          ) : (
            <button type="button" className="umi-app__button" onClick={() => setShown(0)}>
              Replay step by step
            </button>
          )}
        </fieldset>
      )}
      {trajectory.status !== 'running' && <RunWaterfall trajectory={trajectory} />}
      <ol className="umi-app__questions" aria-label="Questions">
        {exchanges.map((exchange, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions only grow, in order
          <li key={index}>
            <p className="umi-app__question">{exchange.question}</p>
            {exchange.answer !== undefined && index < exchanges.length - 1 && (
              <div className="umi-app__earlier-answer">
                <MarkdownText source={exchange.answer} />
              </div>
            )}
          </li>
        ))}
      </ol>
      <StepWindow
        steps={steps}
        live={
          live !== undefined && (
            <li className="umi-app__step umi-app__step--live" data-role={live.role} aria-busy="true">
              <header className="umi-app__step-head">
                <span className="umi-app__step-role">{live.role === 'tool' ? 'API' : live.role}</span>
                <span className="umi-app__tag">in progress</span>
              </header>
              <pre className="umi-app__pre">{live.text}</pre>
            </li>
          )
        }
      />
      {complete && trajectory.answer !== undefined && (
        <section className="umi-app__answer" aria-label="Answer">
          <h3 className="umi-app__role-name">Answer</h3>
          <MarkdownText source={trajectory.answer} />
        </section>
      )}
      {complete && trajectory.error !== undefined && <ProblemText text={trajectory.error.message} />}
    </section>
  );
}

/** Each question of the run with the answer written for it, if any (follow-ups add questions). */
function conversation(turns: readonly Turn[]): { question: string; answer: string | undefined }[] {
  const exchanges: { question: string; answer: string | undefined }[] = [];
  for (const turn of turns) {
    if (turn.from === 'user') exchanges.push({ question: turn.value, answer: undefined });
    const last = exchanges.at(-1);
    if (turn.from === 'conclusion' && last !== undefined) last.answer = turn.value;
  }
  return exchanges;
}
