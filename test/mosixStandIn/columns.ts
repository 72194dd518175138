/** Text tables as the MOSIX tools print them: columns padded with spaces, the last one as it is. Pure. */

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return all.map((r) => `${line(r)}\n`).join('');
}

/** ps TIME: HH:MM:SS, with DD- in front past a day. */
export function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [days, h, m, sec] = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
  const hms = [h, m, sec].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}-${hms}` : hms;
}
