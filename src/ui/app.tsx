import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../state/agent-store.ts';
import type { CacheState } from '../state/cache-store.ts';
import type { GpuState } from '../state/gpu-store.ts';
import type { RemoteState } from '../state/remote-store.ts';
import type { SessionState } from '../state/session-store.ts';
import type { SettingsState } from '../state/settings-store.ts';
import type { ToolTesterState } from '../state/tool-tester-store.ts';
import { ApiTester } from './api-tester.tsx';
import { ConfirmationDialog } from './confirmation-dialog.tsx';
import { GpuPanel } from './gpu-panel.tsx';
import { ModelPanel } from './model-panel.tsx';
import { RemotePanel } from './remote-panel.tsx';
import { RunList } from './run-list.tsx';
import { TaskPanel } from './task-panel.tsx';
import { ThemePicker } from './theme-picker.tsx';
import { ToolManager } from './tool-manager.tsx';
import { TrajectoryView } from './trajectory-view.tsx';
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
}

/** The app: the models, the task box, the run's trajectory, past runs, and the API tester. */
export function App({ toolTester, agent, sessions, settings, cache, gpu, remote }: AppStores) {
  const id = useId();
  const rolesHeadingId = `${id}-roles`;
  const theme = useStore(settings, (state) => state.theme);

  return (
    <div className="umi-app" data-theme={theme}>
      <header className="umi-app__header">
        <h1 className="umi-app__title">umi</h1>
        <p className="umi-app__tagline">
          An in-page agent that uses REST APIs as tools: a planner decides, a caller calls, a summarizer
          answers.
        </p>
        <ThemePicker settings={settings} />
      </header>

      <main className="umi-app__main">
        <div className="umi-app__primary">
          <TaskPanel agent={agent} sessions={sessions} />
          <ConfirmationDialog agent={agent} />
          <TrajectoryView sessions={sessions} />
        </div>
        <div className="umi-app__side">
          <ModelPanel agent={agent} cache={cache} />
          <GpuPanel gpu={gpu} agent={agent} />
          <RemotePanel remote={remote} />
          <RunList sessions={sessions} />
          <ToolManager agent={agent} settings={settings} />

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
        </div>
      </main>
    </div>
  );
}
