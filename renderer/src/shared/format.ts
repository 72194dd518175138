/** Display formatters: pure, so every odd value has a test row. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 -> "1.5 KiB"; binary units, as `free -h` prints them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  // Thresholds are where the printed figure would round up to 1024 or to 100.0, so a value
  // just under a unit reads "1.0 MiB", not "1024 KiB", and 99.96 KiB reads "100 KiB".
  while (value >= 1023.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 99.95 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Seconds since boot -> "3d 4h 12m", the way `uptime` reads. */
export function formatUptime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${s % 60}s`;
  return `${s % 60}s`;
}

/** Load averages with two decimals, as /proc/loadavg has them. */
export function formatLoad(load: number): string {
  return Number.isFinite(load) ? load.toFixed(2) : '—';
}

/** A fraction as a whole percentage, clamped to 0..100. */
export function percent(part: number, whole: number): number {
  if (!(whole > 0) || !Number.isFinite(part)) return 0;
  return Math.min(100, Math.max(0, Math.round((part / whole) * 100)));
}
