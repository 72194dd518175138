/** The chart's colours, read from CSS custom properties so both themes draw right. */
export interface BarTheme {
  text: string;
  muted: string;
  border: string;
  bad: string;
  /** One per model segment, `var(--…)` resolved. */
  segments: string[];
}

/** Used when a segment's var(--…) is not defined (yet) in the stylesheet. */
const FALLBACK_SEGMENTS = ['#38bdf8', '#f59e0b', '#a78bfa', '#22c55e', '#f472b6'];

const VAR = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/;

/** `var(--x)` or `var(--x, fallback)` through `lookup`; any other colour as it is. */
export function resolveColor(color: string, lookup: (name: string) => string, fallback: string): string {
  const m = VAR.exec(color.trim());
  if (!m) return color.trim() || fallback;
  const value = lookup(m[1]!).trim();
  if (value) return value;
  return m[2] ? resolveColor(m[2], lookup, fallback) : fallback;
}

export function readTheme(el: Element, segmentColors: string[]): BarTheme {
  const style = getComputedStyle(el);
  const lookup = (name: string): string => style.getPropertyValue(name);
  const get = (name: string, fallback: string): string => resolveColor(`var(${name})`, lookup, fallback);
  return {
    text: get('--text', '#e2e8f0'),
    muted: get('--muted', '#94a3b8'),
    border: get('--border', '#1e293b'),
    bad: get('--bad', '#ef4444'),
    segments: segmentColors.map((c, i) => resolveColor(c, lookup, FALLBACK_SEGMENTS[i % FALLBACK_SEGMENTS.length]!)),
  };
}
