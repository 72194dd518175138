import { describe, expect, it } from 'vitest';
import {
  parseMosctlStatus,
  parseMosps,
  parseMosq,
  parseSetpe,
  type LineProblem,
} from '../../../../../../agent/src/engines/mosix/parse';

/** A small seeded generator, so a failure names an input that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const MOSPS = `PID   WHERE    FROM  CLASS FRZ NMIGS TTY   CMD
24078 cmos-18  here  local  -   1    pts/1 mosrun -b testload
30145 queue    here  N/A   N/A N/A   pts/1 mosqueue -b testload
30253 10.0.0.3 mos3  3     E    7    ?     /sbin/remote`;
const MOSQ = `PID    USER  MEM(MB)  GRID  PRI  FROM     COMMAND
21666  lior  -        NO    RUN  here     mosrun -b testload
21155  lior  500      YES   20   cmos-17  mosrun testload`;
const STATUS = `Status: Running Normally
Load: 0.29 (equivalent to about 0.29 CPU processes)
Memory: Available 903MB/1010MB
Daemons:
MOSIX Daemon : Up
Guest processes from grid: 0/10`;
const SETPE = `This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)
Nodes in this cluster:
mos1.cs.huji.ac.il - mos38.cs.huji.ac.il
Nodes from the rest of the multi-cluster:
mos51.cs.huji.ac.il - mos66.cs.huji.ac.il: pri=45,proximate,outsider`;

const JUNK = ['', ' ', '\t', '-', 'N/A', ':', '=====', '\u00e9', '999999999999999999', '(', 'RUN', 'here', '\r'];

/** One line of the text damaged: a field dropped, doubled or replaced, or the line cut. */
function damage(text: string, next: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  const words = (lines[at] as string).split(' ');
  const w = Math.floor(next() * words.length);
  const junk = JUNK[Math.floor(next() * JUNK.length)] as string;
  const how = Math.floor(next() * 4);
  if (how === 0) words.splice(w, 1);
  else if (how === 1) words.splice(w, 0, words[w] as string);
  else if (how === 2) words[w] = junk;
  else words.length = w;
  lines[at] = words.join(' ');
  return lines.join(next() < 0.2 ? '\r\n' : '\n');
}

/** Line numbers of the non-blank lines. */
function nonBlank(text: string): number[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((t, i) => (t.trim() === '' ? 0 : i + 1))
    .filter(Boolean);
}

/** The lines a parser gave back, as a row or a problem (a line may be both: a row where a header should be). */
const accounted = (rows: { line: number }[], problems: LineProblem[]) =>
  [...new Set([...rows.map((r) => r.line), ...problems.map((p) => p.line)])].sort((a, b) => a - b);

/** Every non-blank line but the header it read comes back. */
const unread = (text: string, headerRead: boolean) => nonBlank(text).slice(headerRead ? 1 : 0);

describe('damaged output', () => {
  const inputs = Array.from({ length: 300 }, (_, seed) => ({ seed, next: random(seed + 1) }));

  it.each(inputs)('mosps accounts for every line (seed $seed)', ({ next }) => {
    const text = damage(damage(MOSPS, next), next);
    const got = parseMosps(text);
    expect(accounted(got.rows, got.problems)).toEqual(unread(text, got.columns.length > 0));
  });

  it.each(inputs)('mosq accounts for every line (seed $seed)', ({ next }) => {
    const text = damage(damage(MOSQ, next), next);
    const got = parseMosq(text, { jobIds: false });
    expect(accounted(got.rows, got.problems)).toEqual(unread(text, /^\s*PID\b/i.test(text.trimStart())));
  });

  it.each(inputs)('mosctl status and setpe never throw (seed $seed)', ({ next }) => {
    const status = parseMosctlStatus(damage(damage(STATUS, next), next));
    expect(status.problems.every((p) => p.line >= 1 && p.reason.length > 0)).toBe(true);
    const setpe = parseSetpe(damage(damage(SETPE, next), next));
    expect(setpe.problems.every((p) => p.line >= 1 && p.reason.length > 0)).toBe(true);
  });
});
