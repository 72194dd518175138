/** The terminal's colours from the document's theme, so output reads alike in dark and light. */
import type { ITheme } from '@xterm/xterm';

export function terminalTheme(): ITheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const light = document.documentElement.dataset.theme === 'light';
  return {
    background: v('--panel', light ? '#ffffff' : '#111c33'),
    foreground: v('--text', light ? '#0f172a' : '#e2e8f0'),
    cursor: 'transparent',
    selectionBackground: light ? '#bae6fd' : '#0c4a6e',
    // ANSI colours dark enough to read on white in the light theme.
    ...(light
      ? { red: '#b91c1c', green: '#15803d', yellow: '#a16207', blue: '#1d4ed8', magenta: '#a21caf', cyan: '#0e7490' }
      : {}),
  };
}
