/** The jobs view's keys, as `?` lists them. */
import type { KeyHelp } from '../../frame/viewKeys';

export const JOBS_KEYS: readonly KeyHelp[] = [
  { key: 'r', does: 'Run a job (the Run dialog)' },
  { key: '↑ ↓', does: 'Select the previous / next job, and show its output' },
  { key: 'p', does: 'Show the selected job in the process view' },
  { key: 'Del', does: 'Forget the selected ended job (asks first)' },
  { key: 'g', does: 'Read the jobs again' },
];
