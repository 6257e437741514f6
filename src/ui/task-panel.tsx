import { type FormEvent, useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../state/agent-state.ts';
import type { SessionState } from '../state/session-store.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** The task box: run a new task, ask a follow-up in the selected run, or stop the run in progress. */
export function TaskPanel({
  agent,
  sessions,
}: {
  agent: StoreApi<AgentState>;
  sessions: StoreApi<SessionState>;
}) {
  const id = useId();
  const [task, setTask] = useState('');
  const running = useStore(agent, (state) => state.running);
  const problem = useStore(agent, (state) => state.problem);
  const canFollowUp = useStore(sessions, (state) => {
    const active = state.runs.find((run) => run.id === state.activeId);
    return active !== undefined && active.trajectory.status === 'answered';
  });
  const start = (followUp: boolean) => {
    const text = task.trim();
    if (text === '' || running) return;
    setTask('');
    void agent.getState().run(text, { followUp });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start(false);
  };
  return (
    <form className="umi-app__task" onSubmit={submit} aria-label="Task">
      <label className="umi-app__label" htmlFor={`${id}-task`}>
        Task
      </label>
      <textarea
        id={`${id}-task`}
        className="umi-app__input"
        rows={3}
        value={task}
        placeholder="e.g. What's the weather in Lausanne?"
        onChange={(event) => setTask(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            start(false);
          }
        }}
      />
      <div className="umi-app__actions">
        <button type="submit" className="umi-app__button" disabled={running || task.trim() === ''}>
          Run
        </button>
        {canFollowUp && (
          <button
            type="button"
            className="umi-app__button"
            disabled={running || task.trim() === ''}
            onClick={() => start(true)}
          >
            Ask as follow-up
          </button>
        )}
        {running && (
          <button type="button" className="umi-app__button" onClick={() => agent.getState().stop()}>
            Stop
          </button>
        )}
        <p className="umi-app__status" role="status">
          {running ? 'Running…' : ''}
        </p>
      </div>
      <ProblemText text={problem} />
    </form>
  );
}
