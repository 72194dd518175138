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

/** Bytes per second in binary units: 1536 -> "1.5 KiB/s", as disk rates read. */
export function formatByteRate(bytesPerSec: number): string {
  const bytes = formatBytes(bytesPerSec);
  return bytes === '—' ? bytes : `${bytes}/s`;
}

const BIT_RATE_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];

/** Bytes per second as decimal bits per second: 125000 -> "1.0 Mbit/s", as link speeds read. */
export function formatBitRate(bytesPerSec: number): string {
  if (!Number.isFinite(bytesPerSec) || bytesPerSec < 0) return '—';
  let value = bytesPerSec * 8;
  let unit = 0;
  // As in formatBytes: step up where the printed figure would round to 1000.
  while (value >= 999.5 && unit < BIT_RATE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 99.95 ? 0 : 1;
  return `${value.toFixed(digits)} ${BIT_RATE_UNITS[unit]}`;
}

/** Seconds -> the two largest units, spaced for a caption under a bar: "3 d 4 h", "4 h 12 m", "12 m", "45 s". */
export function formatUptimeShort(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} m`;
  if (minutes > 0) return `${minutes} m`;
  return `${s} s`;
}
