import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ToolTesterState } from '../state/tool-tester-store.ts';
import type { ToolResult } from '../tools/tool.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** Longest body text shown inline; the rest is summarized so megabyte bodies stay responsive. */
const SHOWN_BODY_CHARACTERS = 20_000;

/** Import an OpenAPI document and call one of its operations by hand, seeing exactly what the agent would. */
export function ApiTester({ store }: { store: StoreApi<ToolTesterState> }) {
  const id = useId();
  const state = useStore(store, (s) => s);
  const selectedTool = state.tools.find((tool) => tool.name === state.selected);

  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="umi-app__subtitle">
        Try an API
      </h2>
      <form
        className="umi-app__row"
        onSubmit={(event) => {
          event.preventDefault();
          void state.load();
        }}
      >
        <label className="umi-app__label" htmlFor={`${id}-spec`}>
          OpenAPI document URL
        </label>
        <input
          id={`${id}-spec`}
          className="umi-app__input"
          value={state.specUrl}
          onChange={(event) => state.setSpecUrl(event.target.value)}
        />
        <button type="submit" className="umi-app__button" disabled={state.loading}>
          {state.loading ? 'Loading…' : 'Load'}
        </button>
      </form>

      {state.problems.length > 0 && (
        <ul className="umi-app__problems" aria-label="Problems in the document">
          {state.problems.map((problem) => (
            <li key={`${problem.location}:${problem.message}`}>
              {problem.severity}: {problem.message} <code>{problem.location}</code>
            </li>
          ))}
        </ul>
      )}

      {state.tools.length > 0 && (
        <form
          className="umi-app__call"
          onSubmit={(event) => {
            event.preventDefault();
            void state.call();
          }}
        >
          <label className="umi-app__label" htmlFor={`${id}-operation`}>
            Operation of {state.api}
          </label>
          <select
            id={`${id}-operation`}
            className="umi-app__input"
            value={state.selected}
            onChange={(event) => state.select(event.target.value)}
          >
            {state.tools.map((tool) => (
              <option key={tool.name} value={tool.name}>
                {tool.http ? `${tool.http.method} ${tool.http.path}` : tool.name} — {tool.name}
              </option>
            ))}
          </select>
          {selectedTool && <p className="umi-app__hint">{selectedTool.description}</p>}
          <label className="umi-app__label" htmlFor={`${id}-arguments`}>
            Arguments (JSON)
          </label>
          <textarea
            id={`${id}-arguments`}
            className="umi-app__input"
            rows={3}
            value={state.argumentsText}
            onChange={(event) => state.setArgumentsText(event.target.value)}
          />
          {selectedTool?.mutating === true && (
            <label className="umi-app__check">
              <input
                type="checkbox"
                checked={state.allowChanges}
                onChange={(event) => state.setAllowChanges(event.target.checked)}
              />
              Allow this call to change data
            </label>
          )}
          <button type="submit" className="umi-app__button" disabled={state.calling}>
            {state.calling ? 'Calling…' : 'Call'}
          </button>
        </form>
      )}

      <ProblemText text={state.inputError} />
      {state.result && <CallResult result={state.result} />}
    </section>
  );
}

/** The outcome of one call: status and body, or the failure explained. */
function CallResult({ result }: { result: ToolResult }) {
  const body = result.ok
    ? typeof result.body === 'string'
      ? result.body
      : JSON.stringify(result.body, null, 2)
    : result.responseText;
  const shown =
    body.length > SHOWN_BODY_CHARACTERS
      ? `${body.slice(0, SHOWN_BODY_CHARACTERS)}\n… (${body.length} characters in all)`
      : body;
  return (
    <section className="umi-app__result" aria-label="Call result">
      {result.request && (
        <p className="umi-app__hint">
          {result.request.method} {result.request.url}
          {result.status !== undefined && ` → HTTP ${result.status}`} in {Math.round(result.durationMs)} ms
        </p>
      )}
      {!result.ok && <ProblemText text={result.error} />}
      {shown !== '' && <pre className="umi-app__body">{shown}</pre>}
    </section>
  );
}
