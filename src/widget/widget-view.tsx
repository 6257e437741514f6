import { useId } from 'react';
import { ConfirmationDialog } from '../ui/confirmation-dialog.tsx';
import { ModelPanel } from '../ui/model-panel.tsx';
import { RemotePanel } from '../ui/remote-panel.tsx';
import { TaskPanel } from '../ui/task-panel.tsx';
import { ToolSettings } from '../ui/tool-settings.tsx';
import { TrajectoryView } from '../ui/trajectory-view.tsx';
import { useStore } from '../ui/use-store.ts';
import type { WidgetStores } from './widget-stores.ts';

/** What the element tells its view. */
export interface WidgetViewProps {
  stores: WidgetStores;
  open: boolean;
  /** The panel's heading (the element's `heading` attribute, or "umi"). */
  heading: string;
  onOpenChange(open: boolean): void;
}

/** The widget: a launcher, and the app's task box, confirmation and trajectory viewer in a panel. */
export function WidgetView({ stores, open, heading, onOpenChange }: WidgetViewProps) {
  const id = useId();
  const { agent, sessions, settings, cache, remote } = stores;
  const theme = useStore(settings, (state) => state.theme);
  const running = useStore(agent, (state) => state.running);
  // A call waiting for the user's yes or no opens the panel: the run cannot go on without it.
  const asking = useStore(agent, (state) => state.confirmation !== undefined);
  const shown = open || asking;
  const pageTools = useStore(agent, (state) => state.pageTools);
  return (
    <div className="umi-app umi-widget" data-theme={theme}>
      <button
        type="button"
        className="umi-widget__launcher"
        aria-expanded={shown}
        aria-controls={`${id}-panel`}
        onClick={() => onOpenChange(!shown)}
      >
        <span aria-hidden="true" className="umi-widget__dot" data-running={running} />
        {shown ? `Close ${heading}` : `Ask ${heading}`}
      </button>
      {shown && (
        <section id={`${id}-panel`} className="umi-widget__panel" aria-labelledby={`${id}-heading`}>
          <header className="umi-widget__header">
            <h2 id={`${id}-heading`} className="umi-app__subtitle">
              {heading}
            </h2>
            <button
              type="button"
              className="umi-app__button umi-app__button--small"
              aria-label={`Close ${heading}`}
              onClick={() => onOpenChange(false)}
            >
              ×
            </button>
          </header>
          <p className="umi-app__hint">
            An agent that runs in this page: its models run here, and nothing is sent anywhere but the APIs it
            calls{pageTools.length > 0 ? ` and this page's own functions (${pageTools.length})` : ''}.
          </p>
          <TaskPanel agent={agent} sessions={sessions} />
          <ConfirmationDialog agent={agent} />
          <TrajectoryView sessions={sessions} />
          <details className="umi-widget__more">
            <summary>Models</summary>
            <ModelPanel agent={agent} cache={cache} />
            <RemotePanel remote={remote} />
          </details>
          <details className="umi-widget__more">
            <summary>Calls that change data, API keys</summary>
            <ToolSettings agent={agent} settings={settings} />
          </details>
        </section>
      )}
    </div>
  );
}
