// Light and dark themes. By default the page follows the device (prefers-color-scheme, in
// styles.css); the personal menu can pin light or dark for this browser (localStorage), set as
// <html data-theme> before the first render so there is no flash of the other theme.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.js';

export type ThemeSetting = 'device' | 'light' | 'dark';
const KEY = 'vf-theme';

export function storedTheme(): ThemeSetting {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'device';
  } catch {
    return 'device';
  }
}

export function applyTheme(setting: ThemeSetting): void {
  const root = document.documentElement;
  if (setting === 'device') delete root.dataset.theme;
  else root.dataset.theme = setting;
}

function saveTheme(setting: ThemeSetting): void {
  try {
    if (setting === 'device') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, setting);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
  applyTheme(setting);
}

/** The theme choice in the personal menu: three buttons, the chosen one pressed. */
export function ThemeChoice() {
  const t = useT();
  const [setting, setSetting] = useState<ThemeSetting>(storedTheme);
  useEffect(() => saveTheme(setting), [setting]);
  const options: ThemeSetting[] = ['device', 'light', 'dark'];
  return (
    <div className="theme-choice" role="group" aria-label={t('theme.label')}>
      <span className="theme-choice__label" aria-hidden="true">
        {t('theme.label')}
      </span>
      {options.map((option) => (
        <button key={option} type="button" className="theme-choice__option" aria-pressed={setting === option} onClick={() => setSetting(option)}>
          {t(`theme.${option}`)}
        </button>
      ))}
    </div>
  );
}
