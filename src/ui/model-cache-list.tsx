import { useEffect, useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { CacheState } from '../state/cache-store.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** The model files kept in this browser, their sizes, and buttons to delete them; re-read after each load. */
export function ModelCacheList({ cache, loading }: { cache: StoreApi<CacheState>; loading: boolean }) {
  const id = useId();
  const available = useStore(cache, (state) => state.available);
  const entries = useStore(cache, (state) => state.entries);
  const problem = useStore(cache, (state) => state.problem);
  useEffect(() => {
    if (!loading) void cache.getState().refresh();
  }, [cache, loading]);
  if (!available)
    return (
      <p className="umi-app__hint">This browser keeps no model cache: models download on every visit.</p>
    );
  const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  return (
    <div className="umi-app__cache">
      <h3 id={id} className="umi-app__role-name">
        Cached in this browser: {entries.length} {entries.length === 1 ? 'file' : 'files'},{' '}
        {(total / 1e6).toFixed(1)} MB
      </h3>
      {entries.length > 0 && (
        <ul className="umi-app__cache-list" aria-labelledby={id}>
          {entries.map((entry) => {
            const name = decodeURIComponent(new URL(entry.url).pathname.split('/').pop() ?? entry.url);
            return (
              <li key={entry.url} className="umi-app__row">
                <span>{name}</span>
                <span className="umi-app__hint">{(entry.bytes / 1e6).toFixed(1)} MB</span>
                <button
                  type="button"
                  className="umi-app__button umi-app__button--small"
                  aria-label={`Delete ${name} from the cache`}
                  onClick={() => void cache.getState().remove(entry.url)}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ProblemText text={problem} />
    </div>
  );
}
