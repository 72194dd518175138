/** What each capability lets the user do, in words, and whether this node has it. */
import type { Hello } from '../../../../electron/api';

type CapabilityName = keyof Hello['capabilities'];

/** In the order the screens come in; a Record, so a new capability fails the build until it is named. */
export const CAPABILITY_LABELS: Readonly<Record<CapabilityName, string>> = {
  monitor: 'Monitor figures',
  processes: 'Process table',
  freeze: 'Freeze and continue processes',
  signal: 'Send signals',
  run: 'Run jobs (mosrun)',
  migrate: 'Migrate processes',
  checkpoint: 'Checkpoint processes',
  queue: 'Job queue',
  grid: 'Grid (multi-cluster)',
};

export interface CapabilityRow {
  name: string;
  label: string;
  available: boolean;
  /** "available", or the agent's reason why not. */
  text: string;
}

/** Every capability the app knows, then any the agent has that the app does not know yet. */
export function capabilityRows(capabilities: Hello['capabilities']): CapabilityRow[] {
  const known = Object.keys(CAPABILITY_LABELS) as CapabilityName[];
  const extra = Object.keys(capabilities).filter((n) => !Object.hasOwn(CAPABILITY_LABELS, n));
  return [...known, ...extra].map((name) => {
    const value = (capabilities as Record<string, true | string | undefined>)[name];
    const label = (CAPABILITY_LABELS as Record<string, string | undefined>)[name] ?? name;
    if (value === true) return { name, label, available: true, text: 'available' };
    return { name, label, available: false, text: value || 'not reported by the agent' };
  });
}
