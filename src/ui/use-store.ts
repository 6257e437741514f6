import { useStore as useZustandStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

/** The one way React components read a store: a selector over a vanilla zustand store. */
export function useStore<State, Selected>(
  store: StoreApi<State>,
  selector: (state: State) => Selected,
): Selected {
  return useZustandStore(store, selector);
}
