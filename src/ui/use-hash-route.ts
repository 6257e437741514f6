import { useSyncExternalStore } from 'react';

/** The app's pages, by the URL's hash: `#/eval` is the evaluation page, anything else the agent. */
export type AppPage = 'agent' | 'eval';

function currentPage(): AppPage {
  return globalThis.location?.hash === '#/eval' ? 'eval' : 'agent';
}

function subscribe(onChange: () => void): () => void {
  globalThis.addEventListener('hashchange', onChange);
  return () => globalThis.removeEventListener('hashchange', onChange);
}

/** The page the URL's hash names, following back and forward. */
export function useHashRoute(): AppPage {
  return useSyncExternalStore(subscribe, currentPage, () => 'agent');
}
