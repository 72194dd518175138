import { describe, expect, it } from 'vitest';
import { cpuSpeedOf, parseCpuInfoMhz, parseScalingCurFreq } from '../../../../agent/src/parsers/cpuSpeed';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/** This project's test machine: two vCPUs of a KVM guest (abridged between the lines kept). */
const KVM = `processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Processor @ 2.80GHz
cpu MHz\t\t: 2793.438
cache size\t: 49152 KB

processor\t: 1
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Processor @ 2.80GHz
cpu MHz\t\t: 2793.438
cache size\t: 49152 KB
`;

/** A laptop whose cores run at different clocks right now. */
const TURBO = `processor\t: 0
cpu MHz\t\t: 3400.012
processor\t: 1
cpu MHz\t\t: 800.000
processor\t: 2
cpu MHz\t\t: 1200.500
`;

/** POWER9 prints "clock" with a unit. */
const POWER9 = `processor\t: 0
cpu\t\t: POWER9, altivec supported
clock\t\t: 2300.000000MHz
revision\t: 2.2 (pvr 004e 1202)

processor\t: 1
cpu\t\t: POWER9, altivec supported
clock\t\t: 3800.000000MHz
`;

/** Raspberry Pi 4: no clock in /proc/cpuinfo at all. */
const ARM_PI = `processor\t: 0
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU part\t: 0xd08
Model\t\t: Raspberry Pi 4 Model B Rev 1.4
`;

const mhz = [
  { name: 'a KVM guest', input: KVM, want: [2793.438, 2793.438] },
  { name: 'cores at different clocks', input: TURBO, want: [3400.012, 800, 1200.5] },
  { name: 'POWER9 "clock" lines', input: POWER9, want: [2300, 3800] },
  { name: 'ARM without a clock', input: ARM_PI, want: [] },
  { name: 'an empty file', input: '', want: [] },
];

describe('parseCpuInfoMhz', () => {
  it.each(mhz)('reads $name', ({ input, want }) => expect(parseCpuInfoMhz(input)).toEqual(want));
});

describe('parseScalingCurFreq', () => {
  it.each([
    { name: 'an intel_pstate core', input: '2793438\n', want: 2793.438 },
    { name: 'an idle acpi-cpufreq core', input: '800000\n', want: 800 },
  ])('reads $name', ({ input, want }) => expect(parseScalingCurFreq(input)).toBe(want));
  it.each([
    { name: 'a driver that cannot tell', input: '<unknown>\n' },
    { name: 'an empty file', input: '' },
    { name: 'a fraction', input: '2793.4\n' },
  ])('rejects $name', ({ input }) => expect(() => parseScalingCurFreq(input)).toThrow(ParseError));
});

describe('cpuSpeedOf', () => {
  it.each([
    {
      name: 'two equal vCPUs',
      mhz: [2793.438, 2793.438],
      source: 'cpuinfo' as const,
      want: { perCpuMhz: 2793.438, totalMhz: 5586.876, source: 'cpuinfo' },
    },
    {
      name: 'the fastest core and the sum',
      mhz: [3400.012, 800, 1200.5],
      source: 'cpufreq' as const,
      want: { perCpuMhz: 3400.012, totalMhz: 5400.512, source: 'cpufreq' },
    },
    { name: 'no clocks', mhz: [], source: 'cpuinfo' as const, want: { perCpuMhz: 0, totalMhz: 0, source: 'unknown' } },
  ])('gives $name', ({ mhz: list, source, want }) => expect(cpuSpeedOf(list, source)).toEqual(want));
});
