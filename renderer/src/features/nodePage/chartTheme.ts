/** Chart colours from the theme's CSS variables, so a chart on canvas follows dark and light themes. */

export interface ChartColours {
  text: string;
  muted: string;
  border: string;
  'bar-1': string;
  'bar-2': string;
}

/** Mid-tone colours that stay readable on a dark and on a light background, for a theme without them. */
export const FALLBACK_COLOURS: Readonly<ChartColours> = {
  text: '#94a3b8',
  muted: '#94a3b8',
  border: 'rgba(148, 163, 184, 0.25)',
  'bar-1': '#0ea5e9',
  'bar-2': '#f59e0b',
};

const NAMES = Object.keys(FALLBACK_COLOURS) as (keyof ChartColours)[];

/** Each colour as `read('--name')` gives it, or its fallback when that is empty. */
export function readColours(read: (cssName: string) => string): ChartColours {
  const out = { ...FALLBACK_COLOURS };
  for (const name of NAMES) {
    const value = read(`--${name}`).trim();
    if (value) out[name] = value;
  }
  return out;
}

/** The document's colours now. */
export function documentColours(): ChartColours {
  const style = getComputedStyle(document.documentElement);
  return readColours((name) => style.getPropertyValue(name));
}

/** Calls `cb` whenever the root element's `data-theme` changes; returns the function that stops it. */
export function onThemeChange(cb: () => void): () => void {
  const observer = new MutationObserver(cb);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
