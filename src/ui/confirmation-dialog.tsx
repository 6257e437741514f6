import { useEffect, useId, useRef } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../state/agent-state.ts';
import { useStore } from './use-store.ts';

/** Asks before a call that changes data; rendered in place (no portal) so a shadow root can host it. */
export function ConfirmationDialog({ agent }: { agent: StoreApi<AgentState> }) {
  const titleId = useId();
  const confirmation = useStore(agent, (state) => state.confirmation);
  const denyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmation !== undefined) denyRef.current?.focus();
  }, [confirmation]);
  if (confirmation === undefined) return null;
  const { request } = confirmation;
  return (
    <div
      className="umi-app__dialog"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') confirmation.answer(false);
      }}
    >
      <h2 id={titleId} className="umi-app__subtitle">
        Allow this call? It changes data.
      </h2>
      <p className="umi-app__call-line">
        <code>
          {request.method} {request.url}
        </code>
      </p>
      <pre className="umi-app__pre">{JSON.stringify(request.arguments, null, 2)}</pre>
      <div className="umi-app__actions">
        <button type="button" className="umi-app__button" onClick={() => confirmation.answer(true)}>
          Allow
        </button>
        <button
          type="button"
          ref={denyRef}
          className="umi-app__button"
          onClick={() => confirmation.answer(false)}
        >
          Deny
        </button>
        <p className="umi-app__hint">Esc denies.</p>
      </div>
    </div>
  );
}
