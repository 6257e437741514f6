import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Theme } from '../state/settings-storage.ts';
import type { SettingsState } from '../state/settings-store.ts';
import { useStore } from './use-store.ts';

const THEME_LABELS: Readonly<Record<Theme, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Chooses the colour theme (kept across reloads). */
export function ThemePicker({ settings }: { settings: StoreApi<SettingsState> }) {
  const id = useId();
  const theme = useStore(settings, (state) => state.theme);
  return (
    <div className="umi-app__theme">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        className="umi-app__select"
        value={theme}
        onChange={(event) => settings.getState().setTheme(event.target.value as Theme)}
      >
        {(Object.keys(THEME_LABELS) as Theme[]).map((option) => (
          <option key={option} value={option}>
            {THEME_LABELS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
