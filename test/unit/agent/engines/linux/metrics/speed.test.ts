import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSpeedReader } from '../../../../../../agent/src/engines/linux/metrics/speed';

const CPUINFO = 'processor\t: 0\ncpu MHz\t\t: 2793.438\n\nprocessor\t: 1\ncpu MHz\t\t: 2793.438\n';

/** A fake /sys/devices/system/cpu and /proc/cpuinfo in a temporary directory. */
let root: string;
let paths: { sysCpuDir: string; cpuinfo: string };

function setFreq(cpu: number, text: string): void {
  mkdirSync(join(paths.sysCpuDir, `cpu${cpu}`, 'cpufreq'), { recursive: true });
  writeFileSync(join(paths.sysCpuDir, `cpu${cpu}`, 'cpufreq', 'scaling_cur_freq'), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mosdesk-speed-'));
  paths = { sysCpuDir: join(root, 'cpu'), cpuinfo: join(root, 'cpuinfo') };
  mkdirSync(paths.sysCpuDir);
  writeFileSync(paths.cpuinfo, CPUINFO);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('createSpeedReader', () => {
  it('reads cpufreq of the online CPUs when the node has it', async () => {
    setFreq(0, '3400000\n');
    setFreq(1, '800000\n');
    setFreq(2, '9999999\n'); // offline: not asked
    expect(await createSpeedReader(paths)([0, 1])).toEqual({ perCpuMhz: 3400, totalMhz: 4200, source: 'cpufreq' });
  });

  it('falls back to /proc/cpuinfo without cpufreq, and stops looking for it', async () => {
    const read = createSpeedReader(paths);
    expect(await read([0, 1])).toEqual({ perCpuMhz: 2793.438, totalMhz: 5586.876, source: 'cpuinfo' });
    setFreq(0, '3400000\n');
    setFreq(1, '3400000\n');
    expect((await read([0, 1])).source).toBe('cpuinfo');
    expect((await createSpeedReader(paths)([0, 1])).source).toBe('cpufreq');
  });

  it('uses /proc/cpuinfo for one tick when a driver cannot tell, then tries cpufreq again', async () => {
    setFreq(0, '<unknown>\n');
    setFreq(1, '2000000\n');
    const read = createSpeedReader(paths);
    expect((await read([0, 1])).source).toBe('cpuinfo');
    setFreq(0, '2000000\n');
    expect(await read([0, 1])).toEqual({ perCpuMhz: 2000, totalMhz: 4000, source: 'cpufreq' });
  });

  it('says unknown when neither source has a clock', async () => {
    writeFileSync(paths.cpuinfo, 'processor\t: 0\nBogoMIPS\t: 108.00\n');
    expect(await createSpeedReader(paths)([0])).toEqual({ perCpuMhz: 0, totalMhz: 0, source: 'unknown' });
  });
});
