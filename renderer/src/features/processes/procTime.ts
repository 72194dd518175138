/** ps's time formats, for START, TIME and DUE. Pure, with the clock passed in. */

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** TIME: `[DD-]HH:MM:SS` of CPU time, as `ps -o time`. */
export function cpuTime(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const days = Math.floor(total / 86_400);
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}-${clock}` : clock;
}

/** START as ps prints it: `HH:MM` today, `Mon DD` this year, else the year. */
export function startTime(at: number, now: number): string {
  const then = new Date(at);
  const today = new Date(now);
  if (then.toDateString() === today.toDateString()) return `${pad(then.getHours())}:${pad(then.getMinutes())}`;
  if (then.getFullYear() === today.getFullYear()) return `${MONTHS[then.getMonth()]} ${pad(then.getDate())}`;
  return String(then.getFullYear());
}
