/** How the queue's columns read on screen (mosq's own words where it has them). Pure. */
import type { QueueEntry } from '../../../../electron/api';

export const memText = (j: QueueEntry): string => (j.memMb === null ? '-' : String(j.memMb));
export const gridText = (j: QueueEntry): string => (j.grid ? 'YES' : 'NO');
export const priText = (j: QueueEntry): string => (j.running || j.priority === null ? 'RUN' : String(j.priority));
export const jobIdText = (j: QueueEntry): string => (j.jobId === null || j.jobId === 0 ? '-' : String(j.jobId));

/** How long it has been in the queue, as this agent saw it: "42 s", "7 min", "3 h 5 min", "2 d 4 h". */
export function waitedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** A priority typed by the admin: a whole number 0-1000 (lower starts first), or the reason it is not. */
export function parsePriority(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: 'a priority is a whole number from 0 (first) to 1000' };
  const value = Number(t);
  if (value > 1000) return { ok: false, error: 'at most 1000 (mosdesk keeps priorities within 0-1000)' };
  return { ok: true, value };
}
