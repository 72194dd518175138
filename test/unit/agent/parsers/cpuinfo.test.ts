import { describe, expect, it } from 'vitest';
import { parseCpuIds, parseCpuList, parseCpuModel } from '../../../../agent/src/parsers/cpuinfo';
import { ParseError } from '../../../../agent/src/parsers/parseError';

/** Two vCPUs of a KVM guest on a Xeon (x86_64). */
const X86 = `processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 106
model name\t: Intel(R) Xeon(R) Processor @ 2.80GHz
stepping\t: 6
cpu MHz\t\t: 2793.438
cache size\t: 49152 KB
cpu cores\t: 2
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep

processor\t: 1
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 106
model name\t: Intel(R) Xeon(R) Processor @ 2.80GHz
stepping\t: 6
cpu MHz\t\t: 2793.438
`;

/** An old Xeon that pads its brand string with runs of spaces. */
const X86_PADDED = `processor\t: 0
model name\t:       Intel(R) Xeon(R) CPU           E5430  @ 2.66GHz
cpu MHz\t\t: 2660.000
`;

/** Raspberry Pi 4 on a 64-bit kernel: no "model name"; Hardware comes before Model. */
const ARM_PI = `processor\t: 0
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x0
CPU part\t: 0xd08
CPU revision\t: 3

Hardware\t: BCM2835
Revision\t: c03114
Serial\t\t: 10000000abcdef01
Model\t\t: Raspberry Pi 4 Model B Rev 1.4
`;

/** An i.MX6 board on an old 32-bit ARM kernel: "Processor", then only Hardware names it. */
const ARM_IMX6 = `Processor\t: ARMv7 Processor rev 10 (v7l)
processor\t: 0
BogoMIPS\t: 996.14
Features\t: swp half thumb fastmult vfp edsp neon vfpv3 tls
CPU implementer\t: 0x41
CPU part\t: 0xc09

Hardware\t: Freescale i.MX 6Quad/DualLite (Device Tree)
Revision\t: 0000
`;

/** An IBM POWER9 LPAR. */
const PPC64 = `processor\t: 0
cpu\t\t: POWER9 (architected), altivec supported
clock\t\t: 2750.000000MHz
revision\t: 2.2 (pvr 004e 1202)

timebase\t: 512000000
platform\t: pSeries
model\t\t: IBM,9009-42A
machine\t\t: CHRP IBM,9009-42A
`;

/** A MIPS router. */
const MIPS = `system type\t\t: Atheros AR9344 rev 2
machine\t\t\t: TP-LINK TL-WDR3600
processor\t\t: 0
cpu model\t\t: MIPS 74Kc V5.0
BogoMIPS\t\t: 278.93
`;

/** An arm64 server (Graviton-like): no line names the CPU at all. */
const ARM64_SERVER = `processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1
`;

/** A hypervisor that leaves the brand string empty: the next line must not be taken for it. */
const X86_EMPTY_MODEL = `processor\t: 0
vendor_id\t: GenuineIntel
model name\t:
stepping\t: 4
cpu MHz\t\t: 2400.000
`;

/** Same, with trailing blanks after the colon (spelled out so an editor cannot strip them). */
const X86_BLANK_MODEL = 'processor\t: 0\nmodel name\t: \t  \nstepping\t: 4\n';

const models = [
  { name: 'x86 with "model name"', input: X86, want: 'Intel(R) Xeon(R) Processor @ 2.80GHz' },
  { name: 'x86 brand string with padding collapsed', input: X86_PADDED, want: 'Intel(R) Xeon(R) CPU E5430 @ 2.66GHz' },
  { name: 'ARM "Model" preferred over "Hardware"', input: ARM_PI, want: 'Raspberry Pi 4 Model B Rev 1.4' },
  { name: 'ARM with only "Hardware"', input: ARM_IMX6, want: 'Freescale i.MX 6Quad/DualLite (Device Tree)' },
  { name: 'POWER "cpu" line', input: PPC64, want: 'POWER9 (architected), altivec supported' },
  { name: 'MIPS "cpu model" line', input: MIPS, want: 'MIPS 74Kc V5.0' },
  { name: 'arm64 server naming no model as unknown', input: ARM64_SERVER, want: 'unknown' },
  { name: 'empty file as unknown', input: '', want: 'unknown' },
  { name: 'empty "model name" without running into the next line', input: X86_EMPTY_MODEL, want: 'unknown' },
  { name: 'blank "model name" as unknown', input: X86_BLANK_MODEL, want: 'unknown' },
  {
    name: 'empty "model name" falling back to "Hardware"',
    input: 'model name\t:\nHardware\t: Allwinner sun8i\n',
    want: 'Allwinner sun8i',
  },
];

describe('parseCpuModel', () => {
  it.each(models)('reads $name', ({ input, want }) => expect(parseCpuModel(input)).toBe(want));
});

const ok = [
  { name: 'single CPU', input: '0\n', want: 1 },
  { name: 'contiguous range', input: '0-3\n', want: 4 },
  { name: 'ranges and singles mixed', input: '0-3,6,8-9\n', want: 7 },
  { name: 'every other CPU (SMT off)', input: '0,2,4,6\n', want: 4 },
  { name: 'range of one', input: '5-5\n', want: 1 },
  { name: 'big node', input: '0-255\n', want: 256 },
  { name: 'read without the trailing newline', input: '0-1', want: 2 },
];

const bad = [
  { name: 'empty file', input: '' },
  { name: 'only a newline', input: '\n' },
  { name: 'reversed range 3-1', input: '3-1\n' },
  { name: 'reversed range after a good one', input: '0-3,9-8\n' },
  { name: 'trailing comma', input: '0-3,\n' },
  { name: 'spaces inside', input: '0 - 3\n' },
  { name: 'negative CPU', input: '-1\n' },
  { name: 'three-part range', input: '0-3-5\n' },
  { name: 'words', input: 'all\n' },
];

describe('parseCpuList', () => {
  it.each(ok)('parses $name', ({ input, want }) => expect(parseCpuList(input)).toBe(want));
  it.each(bad)('rejects $name', ({ input }) => expect(() => parseCpuList(input)).toThrow(ParseError));
});

describe('parseCpuIds', () => {
  it.each([
    { name: 'this machine ("0-1")', input: '0-1\n', want: [0, 1] },
    { name: 'a single CPU', input: '0\n', want: [0] },
    { name: 'CPUs taken offline', input: '0-2,5,7-8\n', want: [0, 1, 2, 5, 7, 8] },
  ])('lists $name', ({ input, want }) => expect(parseCpuIds(input)).toEqual(want));
  it.each([
    { name: 'an empty file', input: '' },
    { name: 'a reversed range', input: '3-1\n' },
  ])('rejects $name', ({ input }) => expect(() => parseCpuIds(input)).toThrow(ParseError));
});
