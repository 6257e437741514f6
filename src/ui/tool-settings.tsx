import { useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AgentState } from '../state/agent-state.ts';
import type { ConfirmPolicy } from '../state/settings-storage.ts';
import { type SecretSlot, type SettingsState, secretSlots } from '../state/settings-store.ts';
import { describeScheme } from '../tools/execute/secrets.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

const POLICY_LABELS: Readonly<Record<ConfirmPolicy, string>> = {
  ask: 'Ask me each time',
  allow: 'Send without asking',
  deny: 'Refuse them',
};

/** The confirmation policy for calls that change data, and the secrets the imported APIs need. */
export function ToolSettings({
  agent,
  settings,
}: {
  agent: StoreApi<AgentState>;
  settings: StoreApi<SettingsState>;
}) {
  const id = useId();
  const policy = useStore(settings, (state) => state.confirmPolicy);
  const setKeys = useStore(settings, (state) => state.secretKeys);
  const problem = useStore(settings, (state) => state.problem);
  const tools = useStore(agent, (state) => state.tools);
  const slots = secretSlots(tools, setKeys);
  return (
    <div className="umi-app__settings">
      <fieldset className="umi-app__fieldset">
        <legend className="umi-app__label">Calls that change data (POST, PUT, PATCH, DELETE)</legend>
        {(Object.keys(POLICY_LABELS) as ConfirmPolicy[]).map((option) => (
          <label key={option} className="umi-app__check">
            <input
              type="radio"
              name={`${id}-policy`}
              value={option}
              checked={policy === option}
              onChange={() => settings.getState().setConfirmPolicy(option)}
            />
            {POLICY_LABELS[option]}
          </label>
        ))}
      </fieldset>
      {slots.length > 0 && (
        <fieldset className="umi-app__fieldset">
          <legend className="umi-app__label">Secrets</legend>
          <p className="umi-app__hint">
            Kept in this browser only, sent only to the API's own servers, and masked in every trajectory.
          </p>
          <ul className="umi-app__secret-list">
            {slots.map((slot) => (
              <SecretRow key={`${slot.api}/${slot.scheme.id}`} slot={slot} settings={settings} />
            ))}
          </ul>
        </fieldset>
      )}
      <ProblemText text={problem} />
    </div>
  );
}

/** One secret: a masked input to set it, its status, and a button to forget it. */
function SecretRow({ slot, settings }: { slot: SecretSlot; settings: StoreApi<SettingsState> }) {
  const id = useId();
  const [value, setValue] = useState('');
  const name = `${slot.api}: ${slot.scheme.id} (${describeScheme(slot.scheme)})`;
  return (
    <li>
      <form
        className="umi-app__row"
        onSubmit={(event) => {
          event.preventDefault();
          void settings.getState().setSecret(slot.api, slot.scheme.id, value);
          setValue('');
        }}
      >
        <label className="umi-app__label" htmlFor={id}>
          {name}
        </label>
        <input
          id={id}
          className="umi-app__input"
          type="password"
          autoComplete="off"
          placeholder={slot.isSet ? 'saved; type to replace' : 'not set'}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="umi-app__button" disabled={value === ''}>
          Save
        </button>
        {slot.isSet && (
          <button
            type="button"
            className="umi-app__button"
            aria-label={`Forget ${name}`}
            onClick={() => void settings.getState().clearSecret(slot.api, slot.scheme.id)}
          >
            Forget
          </button>
        )}
      </form>
    </li>
  );
}
