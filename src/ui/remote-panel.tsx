import { type FormEvent, useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ServerKind } from '../engines/openai/openai-engine.ts';
import { REMOTE_ROLES, type RemoteProfile, type RemoteState } from '../state/remote-store.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

const SERVERS: Record<ServerKind, string> = {
  'llama.cpp': "llama.cpp's server or umi serve (grammars as `grammar`)",
  vllm: 'vLLM (grammars as `guided_grammar`)',
  generic: 'Other (no grammars: the caller writes freely)',
};

const PROFILES: Record<RemoteProfile, string> = {
  'alpha-umi': "α-UMi's prompts (the α-UMi weights, umi serve)",
  chat: 'Chat models (system prompts, JSON replies)',
};

/** A labelled select over a record of values and their labels. */
function Choice<Value extends string>(props: {
  id: string;
  label: string;
  options: Record<Value, string>;
  value: Value;
  disabled: boolean;
  onChange(value: Value): void;
}) {
  return (
    <div className="umi-app__row">
      <label className="umi-app__label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        className="umi-app__select"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value as Value)}
      >
        {(Object.entries(props.options) as [Value, string][]).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Role models on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, umi serve): where, which, connect. */
export function RemotePanel({ remote }: { remote: StoreApi<RemoteState> }) {
  const id = useId();
  const state = useStore(remote, (current) => current);
  const [apiKey, setApiKey] = useState('');
  const [serverKeys, setServerKeys] = useState<Record<string, string>>({});
  const busy = state.status === 'connecting';
  const connected = state.status === 'connected';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = apiKey;
    const keys = serverKeys;
    setApiKey('');
    setServerKeys({});
    void remote.getState().connect(key === '' ? undefined : key, keys);
  };
  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        Remote server (OpenAI-compatible)
      </h2>
      <p className="umi-app__hint">
        Role models on an inference server instead of this page: the α-UMi 7B roles on vLLM, or{' '}
        <code>npm run --silent umi -- serve</code> for the embedded ones. A role on a server of its own: write
        its model as <code>name@url</code> (it gets a key field of its own). README, “Remote engines”.
      </p>
      <form onSubmit={submit} aria-label="Remote server">
        <div className="umi-app__row">
          <label className="umi-app__label" htmlFor={`${id}-url`}>
            Base URL
          </label>
          <input
            id={`${id}-url`}
            className="umi-app__input"
            value={state.baseUrl}
            disabled={busy || connected}
            onChange={(event) => remote.getState().setBaseUrl(event.target.value)}
          />
        </div>
        {REMOTE_ROLES.map((role) => (
          <div key={role} className="umi-app__row">
            <label className="umi-app__label" htmlFor={`${id}-${role}`}>
              {role} model
            </label>
            <input
              id={`${id}-${role}`}
              className="umi-app__input"
              value={state.models[role]}
              disabled={busy || connected}
              onChange={(event) => remote.getState().setModel(role, event.target.value)}
            />
          </div>
        ))}
        <Choice
          id={`${id}-server`}
          label="Server"
          options={SERVERS}
          value={state.server}
          disabled={busy || connected}
          onChange={(value) => remote.getState().setServer(value)}
        />
        <Choice
          id={`${id}-profile`}
          label="Prompts"
          options={PROFILES}
          value={state.profile}
          disabled={busy || connected}
          onChange={(value) => remote.getState().setProfile(value)}
        />
        <div className="umi-app__row">
          <label className="umi-app__label" htmlFor={`${id}-key`}>
            API key {state.keySet ? '(one is stored for this URL)' : '(optional)'}
          </label>
          <input
            id={`${id}-key`}
            className="umi-app__input"
            type="password"
            autoComplete="off"
            value={apiKey}
            disabled={busy || connected}
            onChange={(event) => setApiKey(event.target.value)}
          />
        </div>
        {state.otherServers.map(({ url, keySet }, index) => (
          <div key={url} className="umi-app__row">
            <label className="umi-app__label" htmlFor={`${id}-key-${index}`}>
              API key for {url} {keySet ? '(one is stored for this URL)' : '(optional)'}
            </label>
            <input
              id={`${id}-key-${index}`}
              className="umi-app__input"
              type="password"
              autoComplete="off"
              value={serverKeys[url] ?? ''}
              disabled={busy || connected}
              onChange={(event) => setServerKeys({ ...serverKeys, [url]: event.target.value })}
            />
          </div>
        ))}
        <div className="umi-app__actions">
          {connected ? (
            <button
              type="button"
              className="umi-app__button"
              onClick={() => void remote.getState().disconnect()}
            >
              Disconnect
            </button>
          ) : (
            <button type="submit" className="umi-app__button" disabled={busy}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          )}
        </div>
      </form>
      <p className="umi-app__status" role="status">
        {connected
          ? `Runs use ${state.models.planner}, ${state.models.caller} and ${state.models.summarizer}${Object.values(state.models).every((model) => !model.includes('@')) ? ` at ${state.baseUrl}` : ''}.`
          : busy
            ? `Connecting to ${state.baseUrl}…`
            : 'Not connected: runs use the models loaded in this page.'}
      </p>
      {state.problem !== '' && <ProblemText text={state.problem} />}
    </section>
  );
}
