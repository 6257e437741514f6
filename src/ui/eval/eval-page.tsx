import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../../state/agent-state.ts';
import type { EvalState } from '../../state/eval-store.ts';
import { EvalResults } from './eval-results.tsx';
import { EvalSetup } from './eval-setup.tsx';
import './eval.css';

/** The evaluation page's main column: the test set and settings, progress, and the results. */
export function EvalPage({
  evaluation,
  agent,
}: {
  evaluation: StoreApi<EvalState>;
  agent: StoreApi<AgentState>;
}) {
  useEffect(() => {
    void evaluation.getState().loadCatalog();
  }, [evaluation]);
  return (
    <>
      <EvalSetup evaluation={evaluation} agent={agent} />
      <EvalResults evaluation={evaluation} />
    </>
  );
}
