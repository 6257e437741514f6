import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ToolTesterState } from '../state/tool-tester-store.ts';
import { ApiTester } from './api-tester.tsx';
import './app.css';

/** One of the three α-UMi models and what it does. */
interface RoleSummary {
  name: string;
  description: string;
}

const ROLES: readonly RoleSummary[] = [
  {
    name: 'Planner',
    description:
      'Reads the task and the steps so far, then decides what happens next: call a tool, hand over to the summarizer, or give up.',
  },
  {
    name: 'Caller',
    description: "Turns the planner's decision into one concrete REST API call with its arguments.",
  },
  {
    name: 'Summarizer',
    description: 'Reads the whole trajectory and writes the final answer to the task.',
  },
];

/** The app shell: header, a task box that is not wired to models yet, and the three agent roles. */
export function App({ toolTester }: { toolTester: StoreApi<ToolTesterState> }) {
  const id = useId();
  const taskId = `${id}-task`;
  const statusId = `${id}-status`;
  const rolesHeadingId = `${id}-roles`;

  return (
    <div className="umi-app">
      <header className="umi-app__header">
        <h1 className="umi-app__title">umi</h1>
        <p className="umi-app__tagline">
          An in-page agent that uses REST APIs as tools: a planner decides, a caller calls, a summarizer
          answers.
        </p>
      </header>

      <main className="umi-app__main">
        <section className="umi-app__task">
          <label className="umi-app__label" htmlFor={taskId}>
            Task
          </label>
          <textarea
            id={taskId}
            className="umi-app__input"
            rows={3}
            placeholder="Describe what the agent should do…"
            readOnly
            aria-disabled="true"
            aria-describedby={statusId}
          />
          <div className="umi-app__actions">
            <button
              type="button"
              className="umi-app__button"
              aria-disabled="true"
              aria-describedby={statusId}
            >
              Run
            </button>
            <p id={statusId} className="umi-app__status" role="status">
              Models are not wired in yet in this build, so tasks cannot run; try an API below.
            </p>
          </div>
        </section>

        <section className="umi-app__roles" aria-labelledby={rolesHeadingId}>
          <h2 id={rolesHeadingId} className="umi-app__subtitle">
            Three roles
          </h2>
          <ul className="umi-app__role-list">
            {ROLES.map((role) => (
              <li key={role.name} className="umi-app__role">
                <h3 className="umi-app__role-name">{role.name}</h3>
                <p className="umi-app__role-text">{role.description}</p>
              </li>
            ))}
          </ul>
        </section>

        <ApiTester store={toolTester} />
      </main>
    </div>
  );
}
