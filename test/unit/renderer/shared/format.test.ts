import { describe, expect, it } from 'vitest';
import {
  formatBitRate,
  formatByteRate,
  formatBytes,
  formatLoad,
  formatUptime,
  formatUptimeShort,
  percent,
} from '../../../../renderer/src/shared/format';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

const bytes = [
  { name: 'zero', input: 0, want: '0 B' },
  { name: 'one byte', input: 1, want: '1 B' },
  { name: 'just under a KiB', input: 1023, want: '1023 B' },
  { name: 'exactly a KiB', input: KiB, want: '1.0 KiB' },
  { name: 'a KiB and a half', input: 1536, want: '1.5 KiB' },
  { name: 'ten KiB with one decimal', input: 10 * KiB, want: '10.0 KiB' },
  { name: 'just under 100 KiB', input: 99.9 * KiB, want: '99.9 KiB' },
  { name: 'a value that rounds up to 100 KiB, without a decimal', input: 99.96 * KiB, want: '100 KiB' },
  { name: '100 KiB without a decimal', input: 100 * KiB, want: '100 KiB' },
  { name: '1023 KiB', input: 1023 * KiB, want: '1023 KiB' },
  { name: 'one byte under a MiB, as 1.0 MiB (not 1024 KiB)', input: MiB - 1, want: '1.0 MiB' },
  { name: '1023.6 MiB, as 1.0 GiB (not 1024 MiB)', input: 1023.6 * MiB, want: '1.0 GiB' },
  { name: '1023.4 MiB, still in MiB', input: 1023.4 * MiB, want: '1023 MiB' },
  { name: "a 16 GB workstation's MemTotal", input: 16303196 * KiB, want: '15.5 GiB' },
  { name: 'eight GiB', input: 8 * GiB, want: '8.0 GiB' },
  { name: 'a 256 GiB node', input: 256 * GiB, want: '256 GiB' },
  { name: 'two TiB', input: 2 * TiB, want: '2.0 TiB' },
  { name: 'one PiB', input: PiB, want: '1.0 PiB' },
  { name: 'beyond the largest unit', input: 5000 * PiB, want: '5000 PiB' },
  { name: 'a negative value as a dash', input: -1, want: '—' },
  { name: 'NaN as a dash', input: Number.NaN, want: '—' },
  { name: 'Infinity as a dash', input: Number.POSITIVE_INFINITY, want: '—' },
];

describe('formatBytes', () => {
  it.each(bytes)('formats $name', ({ input, want }) => expect(formatBytes(input)).toBe(want));

  it('never prints 1024 or more of a unit below PiB', () => {
    for (let exp = 0; exp < 50; exp++) {
      for (const n of [2 ** exp - 1, 2 ** exp, 2 ** exp * 0.9999, 2 ** exp * 1.0001]) {
        const [figure, unit] = formatBytes(n).split(' ');
        if (unit !== 'PiB') expect(Number(figure), `${n} -> ${formatBytes(n)}`).toBeLessThan(1024);
      }
    }
  });
});

const uptimes = [
  { name: 'zero', input: 0, want: '0s' },
  { name: 'under a minute, fraction dropped', input: 59.9, want: '59s' },
  { name: 'one minute', input: 60, want: '1m 0s' },
  { name: 'just under an hour', input: 3599, want: '59m 59s' },
  { name: 'one hour', input: 3600, want: '1h 0m' },
  { name: 'an hour and a minute', input: 3661, want: '1h 1m' },
  { name: 'just under a day', input: 86_399, want: '23h 59m' },
  { name: 'one day', input: 86_400, want: '1d 0h 0m' },
  { name: 'a real /proc/uptime figure', input: 350735.47, want: '4d 1h 25m' },
  { name: 'over a year', input: 400 * 86_400 + 7200 + 180, want: '400d 2h 3m' },
  { name: 'a negative value as a dash', input: -5, want: '—' },
  { name: 'NaN as a dash', input: Number.NaN, want: '—' },
  { name: 'Infinity as a dash', input: Number.POSITIVE_INFINITY, want: '—' },
];

describe('formatUptime', () => {
  it.each(uptimes)('formats $name', ({ input, want }) => expect(formatUptime(input)).toBe(want));
});

const loads = [
  { name: 'an idle node', input: 0, want: '0.00' },
  { name: 'one decimal padded to two', input: 0.2, want: '0.20' },
  { name: 'a busy node', input: 12.5, want: '12.50' },
  { name: 'a heavily loaded node', input: 312.47, want: '312.47' },
  { name: 'more decimals rounded', input: 1.236, want: '1.24' },
  { name: 'NaN as a dash', input: Number.NaN, want: '—' },
  { name: 'Infinity as a dash', input: Number.POSITIVE_INFINITY, want: '—' },
];

describe('formatLoad', () => {
  it.each(loads)('formats $name', ({ input, want }) => expect(formatLoad(input)).toBe(want));
});

const percents = [
  { name: 'a quarter', part: 50, whole: 200, want: 25 },
  { name: 'a third, rounded down', part: 1, whole: 3, want: 33 },
  { name: 'two thirds, rounded up', part: 2, whole: 3, want: 67 },
  { name: 'nothing', part: 0, whole: 100, want: 0 },
  { name: 'everything', part: 100, whole: 100, want: 100 },
  { name: 'memory in use on a real node', part: (16303196 - 10238576) * KiB, whole: 16303196 * KiB, want: 37 },
  { name: 'more than the whole, clamped to 100', part: 150, whole: 100, want: 100 },
  { name: 'a negative part, clamped to 0', part: -5, whole: 100, want: 0 },
  { name: 'a zero whole as 0', part: 1, whole: 0, want: 0 },
  { name: 'a negative whole as 0', part: 1, whole: -1, want: 0 },
  { name: 'a NaN whole as 0', part: 1, whole: Number.NaN, want: 0 },
  { name: 'a NaN part as 0', part: Number.NaN, whole: 100, want: 0 },
  { name: 'an infinite part as 0', part: Number.POSITIVE_INFINITY, whole: 100, want: 0 },
];

describe('percent', () => {
  it.each(percents)('gives $want for $name', ({ part, whole, want }) => expect(percent(part, whole)).toBe(want));
});

const byteRates = [
  { name: 'zero', input: 0, want: '0 B/s' },
  { name: 'a KiB and a half', input: 1536, want: '1.5 KiB/s' },
  { name: 'a disk streaming', input: 150 * MiB, want: '150 MiB/s' },
  { name: 'a negative value as a dash', input: -1, want: '—' },
  { name: 'NaN as a dash', input: Number.NaN, want: '—' },
];

describe('formatByteRate', () => {
  it.each(byteRates)('formats $name', ({ input, want }) => expect(formatByteRate(input)).toBe(want));
});

const bitRates = [
  { name: 'zero', input: 0, want: '0 bit/s' },
  { name: 'one byte a second', input: 1, want: '8 bit/s' },
  { name: 'just under a kbit, as 1.0 kbit/s', input: 124.99, want: '1.0 kbit/s' },
  { name: 'a megabit', input: 125_000, want: '1.0 Mbit/s' },
  { name: 'ten megabits', input: 1_250_000, want: '10.0 Mbit/s' },
  { name: 'a value that rounds up to 100 Mbit/s', input: 12_499_999, want: '100 Mbit/s' },
  { name: 'a saturated gigabit link', input: 125_000_000, want: '1.0 Gbit/s' },
  { name: 'beyond the largest unit', input: 125e12, want: '1000 Tbit/s' },
  { name: 'a negative value as a dash', input: -1, want: '—' },
  { name: 'Infinity as a dash', input: Number.POSITIVE_INFINITY, want: '—' },
];

describe('formatBitRate', () => {
  it.each(bitRates)('formats $name', ({ input, want }) => expect(formatBitRate(input)).toBe(want));
});

const shortUptimes = [
  { name: 'zero', input: 0, want: '0 s' },
  { name: 'under a minute', input: 45.7, want: '45 s' },
  { name: 'minutes, seconds dropped', input: 12 * 60 + 30, want: '12 m' },
  { name: 'hours and minutes', input: 4 * 3600 + 12 * 60 + 5, want: '4 h 12 m' },
  { name: 'days and hours, minutes dropped', input: 3 * 86_400 + 4 * 3600 + 59 * 60, want: '3 d 4 h' },
  { name: 'exactly a day', input: 86_400, want: '1 d 0 h' },
  { name: 'a negative value as a dash', input: -1, want: '—' },
  { name: 'NaN as a dash', input: Number.NaN, want: '—' },
];

describe('formatUptimeShort', () => {
  it.each(shortUptimes)('formats $name', ({ input, want }) => expect(formatUptimeShort(input)).toBe(want));
});
