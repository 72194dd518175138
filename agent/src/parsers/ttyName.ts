/**
 * Names the controlling terminal from tty_nr (field 7 of /proc/<pid>/stat) the way `ps` does,
 * without looking in /dev: that would cost a lookup per process, and the common names follow
 * from the device numbers (Documentation/admin-guide/devices.txt). Devices we do not know are
 * shown as "major:minor" rather than guessed; 0 means no terminal (ps prints "?").
 */
export function ttyName(ttyNr: number): string | null {
  if (ttyNr === 0) return null;
  // new_encode_dev: minor's low 8 bits, then 12 bits of major, then the rest of minor.
  const major = (ttyNr >>> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >>> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  const named = NAMED[major];
  if (named && minor >= named.first) return `${named.prefix}${minor - named.first}`;
  if (major === 5 && minor === 1) return 'console';
  return `${major}:${minor}`;
}

/** Serial lines common on cluster nodes (USB adapters, ARM boards), by major number. */
const NAMED: Record<number, { prefix: string; first: number }> = {
  166: { prefix: 'ttyACM', first: 0 },
  188: { prefix: 'ttyUSB', first: 0 },
  204: { prefix: 'ttyAMA', first: 64 },
};
