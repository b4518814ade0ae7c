/** Light or dark: the system's preference unless the reader picked one with the toggle (remembered). */
const KEY = 'wiretrace-theme';

function systemDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The theme in effect. */
export function isDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === 'dark' : systemDark();
}

function storedTheme(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: follow the system
  }
}

/** Applies the remembered choice and wires the header's toggle button. */
export function wireTheme(): void {
  const stored = storedTheme();
  if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
  const button = document.getElementById('theme-toggle');
  if (!button) return;
  const label = () => {
    button.textContent = isDark() ? '☀ Light' : '☾ Dark';
    button.setAttribute('aria-pressed', String(isDark()));
  };
  label();
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
    label();
    window.dispatchEvent(new Event('themechange'));
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', label);
}
