import { type ChangeEvent, useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { renderDoc } from '../agent/alpha-umi-prompts.ts';
import type { AgentState } from '../state/agent-state.ts';
import type { SettingsState } from '../state/settings-store.ts';
import { ToolSettings } from './tool-settings.tsx';
import { useStore } from './use-store.ts';

/** Rough characters per token of the embedded models' tokenizer (measured 3.5 bytes/token on the demo docs). */
const CHARACTERS_PER_TOKEN = 3.5;

/** The tools the models are offered: import an OpenAPI document (URL, file, paste), switch operations on or off, policy and secrets. */
export function ToolManager({
  agent,
  settings,
}: {
  agent: StoreApi<AgentState>;
  settings: StoreApi<SettingsState>;
}) {
  const id = useId();
  const [url, setUrl] = useState('/demo-api/openapi.json');
  const [pasted, setPasted] = useState('');
  const tools = useStore(agent, (state) => state.tools);
  const disabled = useStore(agent, (state) => state.disabled);
  const source = useStore(agent, (state) => state.toolsSource);
  const problems = useStore(agent, (state) => state.toolProblems);
  const contextLength = useStore(agent, (state) => state.manifest?.models[0]?.context);
  const enabled = tools.filter((tool) => !disabled.includes(tool.name));
  const docTokens = Math.round(renderDoc(enabled.map((tool) => tool.doc)).length / CHARACTERS_PER_TOKEN);
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) await agent.getState().importTools({ text: await file.text() }, file.name);
  };
  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        Tools
      </h2>
      <form
        className="umi-app__row"
        onSubmit={(event) => {
          event.preventDefault();
          void agent.getState().importTools({ url: new URL(url, location.href).href });
        }}
      >
        <label className="umi-app__label" htmlFor={`${id}-url`}>
          OpenAPI document to use
        </label>
        <input
          id={`${id}-url`}
          className="umi-app__input"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="umi-app__button">
          Import from URL
        </button>
      </form>
      <label className="umi-app__label">
        Or a file
        <input type="file" accept=".json,.yaml,.yml" onChange={(event) => void importFile(event)} />
      </label>
      <label className="umi-app__label" htmlFor={`${id}-paste`}>
        Or paste a document
      </label>
      <textarea
        id={`${id}-paste`}
        className="umi-app__input"
        rows={2}
        value={pasted}
        onChange={(event) => setPasted(event.target.value)}
      />
      <button
        type="button"
        className="umi-app__button"
        disabled={pasted.trim() === ''}
        onClick={() => void agent.getState().importTools({ text: pasted })}
      >
        Import pasted
      </button>
      {source !== '' && (
        <p className="umi-app__hint">
          {tools.length} operations from {source}; {enabled.length} offered to the models. Their docs take
          about {docTokens} tokens
          {contextLength === undefined ? '' : ` of the models' ${contextLength}-token context`}.
        </p>
      )}
      {problems.length > 0 && (
        <ul className="umi-app__problems" aria-label="Import problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <ul className="umi-app__tool-list" aria-label="Operations">
        {tools.map((tool) => (
          <li key={tool.name}>
            <label className="umi-app__check">
              <input
                type="checkbox"
                checked={!disabled.includes(tool.name)}
                onChange={(event) => agent.getState().setToolEnabled(tool.name, event.target.checked)}
              />
              <code>{tool.name}</code>
              {tool.mutating && <span className="umi-app__tag">asks first</span>}
              <span className="umi-app__hint"> {tool.description}</span>
            </label>
          </li>
        ))}
      </ul>
      <ToolSettings agent={agent} settings={settings} />
    </section>
  );
}
