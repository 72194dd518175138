import { ref, type Ref } from 'vue';

/** The window's two themes; the choice is remembered on this workstation. */
export type Theme = 'dark' | 'light';

const STORAGE_KEY = 'mosdesk.theme';

/** The remembered theme, else the system's preference, else dark (the first one mosdesk had). */
export function initialTheme(stored: string | null, prefersLight: boolean): Theme {
  if (stored === 'dark' || stored === 'light') return stored;
  return prefersLight ? 'light' : 'dark';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage refused (private mode): the theme just is not remembered
  }
}

const theme: Ref<Theme> = ref('dark');

/** Puts the theme on <html data-theme>, where styles.css and the canvas charts read it. */
function apply(next: Theme): void {
  theme.value = next;
  document.documentElement.dataset.theme = next;
}

export function startTheme(): void {
  const prefersLight = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
  apply(initialTheme(readStored(), prefersLight));
}

export function useTheme(): { theme: Ref<Theme>; toggle: () => void } {
  const toggle = (): void => {
    apply(theme.value === 'dark' ? 'light' : 'dark');
    try {
      localStorage.setItem(STORAGE_KEY, theme.value);
    } catch {
      // not remembered; the window still switches
    }
  };
  return { theme, toggle };
}
