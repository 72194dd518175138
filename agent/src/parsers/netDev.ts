import { excerpt, ParseError } from './parseError';

export interface NetCounters {
  name: string;
  /** Bytes received and sent since the interface appeared. */
  rxBytes: number;
  txBytes: number;
}

/**
 * Parses /proc/net/dev: two header lines, then "  eth0: rxBytes rxPackets ... (8 receive
 * columns) txBytes ...". Old kernels glue a big first number to the colon ("eth0:1200667089"),
 * so the name is split off at the colon, which interface names cannot contain.
 */
export function parseNetDev(text: string): NetCounters[] {
  const lines = text.split('\n');
  if (!/\|/.test(lines[0] ?? '') || !/\|/.test(lines[1] ?? '')) {
    throw new ParseError('/proc/net/dev', `no header in ${excerpt(text)}`);
  }
  const interfaces: NetCounters[] = [];
  for (const line of lines.slice(2)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (colon < 0 || name === '' || f.length < 16 || !f.every((n) => /^\d+$/.test(n))) {
      throw new ParseError('/proc/net/dev', `unexpected line ${excerpt(line)}`);
    }
    interfaces.push({ name, rxBytes: Number(f[0]), txBytes: Number(f[8]) });
  }
  return interfaces;
}
