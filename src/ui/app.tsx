import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../state/agent-state.ts';
import type { CacheState } from '../state/cache-store.ts';
import type { EvalState } from '../state/eval-store.ts';
import type { GpuState } from '../state/gpu-store.ts';
import type { RemoteState } from '../state/remote-store.ts';
import type { SessionState } from '../state/session-store.ts';
import type { SettingsState } from '../state/settings-store.ts';
import type { ToolTesterState } from '../state/tool-tester-store.ts';
import { ApiTester } from './api-tester.tsx';
import { ConfirmationDialog } from './confirmation-dialog.tsx';
import { EvalPage } from './eval/eval-page.tsx';
import { GpuPanel } from './gpu-panel.tsx';
import { ModelPanel } from './model-panel.tsx';
import { RemotePanel } from './remote-panel.tsx';
import { RunList } from './run-list.tsx';
import { TaskPanel } from './task-panel.tsx';
import { ThemePicker } from './theme-picker.tsx';
import { ToolManager } from './tool-manager.tsx';
import { TrajectoryView } from './trajectory-view.tsx';
import { useHashRoute } from './use-hash-route.ts';
import { useStore } from './use-store.ts';
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

/** The stores the app renders. */
export interface AppStores {
  toolTester: StoreApi<ToolTesterState>;
  agent: StoreApi<AgentState>;
  sessions: StoreApi<SessionState>;
  settings: StoreApi<SettingsState>;
  cache: StoreApi<CacheState>;
  gpu: StoreApi<GpuState>;
  remote: StoreApi<RemoteState>;
  evaluation: StoreApi<EvalState>;
}

/**
 * The app: the models, the task box, the run's trajectory, past runs, and the API tester; or, at
 * `#/eval`, the evaluation page beside the same model panels.
 */
export function App({ toolTester, agent, sessions, settings, cache, gpu, remote, evaluation }: AppStores) {
  const id = useId();
  const rolesHeadingId = `${id}-roles`;
  const theme = useStore(settings, (state) => state.theme);
  const page = useHashRoute();

  return (
    <div className="umi-app" data-theme={theme}>
      <header className="umi-app__header">
        <h1 className="umi-app__title">umi</h1>
        <p className="umi-app__tagline">
          An in-page agent that uses REST APIs as tools: a planner decides, a caller calls, a summarizer
          answers.
        </p>
        <nav className="umi-app__nav" aria-label="Pages">
          <a className="umi-app__nav-link" href="#/" aria-current={page === 'agent' ? 'page' : undefined}>
            Agent
          </a>
          <a className="umi-app__nav-link" href="#/eval" aria-current={page === 'eval' ? 'page' : undefined}>
            Evaluation
          </a>
        </nav>
        <ThemePicker settings={settings} />
      </header>

      <main className="umi-app__main">
        <div className="umi-app__primary">
          {page === 'eval' ? (
            <EvalPage evaluation={evaluation} agent={agent} />
          ) : (
            <>
              <TaskPanel agent={agent} sessions={sessions} />
              <ConfirmationDialog agent={agent} />
              <TrajectoryView sessions={sessions} />
            </>
          )}
        </div>
        <div className="umi-app__side">
          <ModelPanel agent={agent} cache={cache} />
          <GpuPanel gpu={gpu} agent={agent} />
          <RemotePanel remote={remote} />
          {page === 'agent' && <RunList sessions={sessions} />}
          {page === 'agent' && <ToolManager agent={agent} settings={settings} />}

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

          {page === 'agent' && <ApiTester store={toolTester} />}
        </div>
      </main>
    </div>
  );
}
