/** The stand-in's output read by the agent's own parsers: what the mosix engine will see on a stand-in node. */
import { describe, expect, it } from 'vitest';
import { clusterMapFromSetpe } from '../../../agent/src/engines/mosix/clusterMap';
import { statusVerdict } from '../../../agent/src/engines/mosix/detect';
import { parseMosctlStatus, parseMosps, parseMosq, parseSetpe } from '../../../agent/src/engines/mosix/parse';
import { MOSPS_ARGS } from '../../../agent/src/engines/mosix/processes';
import { parseMap } from '../../mosixStandIn/mapFile';
import { type MospsInput, mospsText, parseMospsArgs } from '../../mosixStandIn/mospsText';
import { mosqText } from '../../mosixStandIn/mosqText';
import { localStatusText, setpeText, statusText } from '../../mosixStandIn/statusText';
import { entry, MAP, procs, record, state } from './fixtures';

const FIGURES = {
  ...{ load: 1.234, cpus: 2, frozen: 1, procs: 3, memAvailableMb: 903, memTotalMb: 1010 },
  ...{ swapAvailableMb: 0, swapTotalMb: 0 },
};

describe('mosctl status and localstatus', () => {
  it('says MOSIX runs, as detect.ts reads it', () => {
    expect(statusVerdict(statusText(FIGURES))).toEqual({ running: true, status: 'Running Normally' });
  });

  it('parses without a problem into the figures it was given', () => {
    const { status, problems } = parseMosctlStatus(localStatusText(FIGURES));
    expect(problems).toEqual([]);
    expect(status).toMatchObject({
      ...{ status: 'Running Normally', runningNormally: true, load: 1.23, loadCpuEquivalent: 1.23, speed: 10000 },
      ...{ cpus: 2, frozen: 1, utilPercent: 100, available: true, mosixProcesses: 3, other: [] },
      accept: { yes: true, text: 'will welcome processes from here' },
      memory: { availableBytes: 903 * 2 ** 20, totalBytes: 1010 * 2 ** 20 },
      swap: { availableBytes: 0, totalBytes: 0 },
      gridGuests: { current: 0, max: 10 },
    });
    expect(status.daemons.map((d) => [d.name, d.up])).toEqual([
      ['Master Daemon', true],
      ['MOSIX Daemon', true],
      ['Queue Manager', true],
      ['Remote Daemon', true],
    ]);
    expect(parseMosctlStatus(statusText(FIGURES)).status.swap).toBeNull();
  });
});

describe('setpe -r and -R', () => {
  const map = parseMap('10.210.41.11 2\n10.210.41.20 1 po\n');
  const self = { address: '10.210.41.12', host: 'node2' };

  it('parses into this node and the ranges, flags kept', () => {
    const parsed = parseSetpe(setpeText(map, self, true));
    expect(parsed.problems).toEqual([]);
    expect(parsed.node).toEqual({ ip: '10.210.41.12', host: 'node2', features: [] });
    expect(parsed.cluster.map((r) => [r.first.raw, r.last.raw, r.proximate, r.outsider])).toEqual([
      ['10.210.41.11', '10.210.41.12', false, false],
      ['10.210.41.20', '10.210.41.20', true, true],
    ]);
    expect(parsed.rest).toEqual([]);
    expect(parseSetpe(setpeText(map, self, false)).rest).toBeNull();
  });

  it("numbers the nodes as the stand-in does, in the agent's cluster map", async () => {
    const agentMap = await clusterMapFromSetpe(setpeText(map, self, false), async () => undefined, 'setpe -r');
    expect(agentMap.nodes).toEqual(map.nodes.map((n) => ({ number: n.number, host: n.address })));
  });
});

/** Node 1's view: a testload away on node 2, one at home frozen, a queued job, and node 2's testload as a guest here. */
function cluster(): MospsInput {
  const s = state(
    [
      record({ pid: 100, where: 2, nmigs: 1, jobId: 7, guest: { pid: 40, start: 1 }, command: 'mosrun -J7 testload' }),
      record({ pid: 101, frz: 'M', cls: 2, dueMinutes: 90, command: 'mosrun -G2 -D1:30 testload' }),
      record({ pid: 102, uid: 1000, user: 'ann', cls: 'batch', testload: false, command: 'mosrun -E sort' }),
      record({ home: 2, pid: 100, where: 1, jobId: 3, guest: { pid: 103, start: 9 } }),
      record({ pid: 104, start: 1 }),
    ],
    [entry({ pid: 105, jobId: 7, command: 'mosrun -q -J7 testload' }), entry({ home: 2, pid: 105 })],
  );
  const table = procs({
    100: { start: 5000, stat: 'T', timeMs: 61_000 },
    101: { start: 5000, stat: 'T' },
    102: { start: 5000, uid: 1000, user: 'ann', stat: 'S', tty: 'pts/0' },
    103: { start: 9 },
    104: { start: 2 },
    105: { start: 6000, stat: 'S' },
  });
  return { state: s, map: MAP, self: 1, uid: 0, procs: table };
}

describe('mosps', () => {
  it("is read by the agent's parser, as the engine runs it (-A -I -n -P -D)", () => {
    const parsed = parseMosps(mospsText(cluster(), parseMospsArgs([...MOSPS_ARGS])));
    expect(parsed.problems).toEqual([]);
    const rows = parsed.rows.map((r) => [
      r.pid,
      r.where?.raw,
      r.from?.raw,
      r.class,
      r.frz,
      r.due,
      r.nmigs,
      r.origPid,
      r.jobId,
      r.stat,
      r.command,
    ]);
    expect(rows).toEqual([
      [100, '10.210.41.12', 'here', 'local', '-', null, 1, null, 7, 'T', 'mosrun -J7 testload'],
      [101, 'here', 'here', 2, 'M', 90, 0, null, 0, 'T', 'mosrun -G2 -D1:30 testload'],
      [102, 'here', 'here', 'batch', '-', null, 0, null, 0, 'S', 'mosrun -E sort'],
      [103, 'here', '10.210.41.12', 'local', 'N/A', null, null, 100, 3, 'R', '/sbin/remote'],
      [105, 'queue', 'here', 'N/A', 'N/A', null, null, null, 7, 'S', 'mosqueue -q -J7 testload'],
    ]);
    expect(parsed.rows[0]?.timeMs).toBe(61_000);
    expect(parsed.rows[2]?.tty).toBe('pts/0');
  });

  const views: [string[], number[]][] = [
    [[], [100, 101, 103, 105]],
    [
      ['-A', '-J7'],
      [100, 105],
    ],
    [['-AL'], [100, 101, 102, 105]],
    [['-AO'], [100]],
    [['-AV'], [103]],
  ];
  for (const [argv, want] of views)
    it(`mosps ${argv.join(' ')} lists ${want.join(', ')}`, () => {
      expect(parseMosps(mospsText(cluster(), parseMospsArgs(argv))).rows.map((r) => r.pid)).toEqual(want);
    });

  it('names nodes by number, address, host name or its first part', () => {
    const where = (flag: string) =>
      parseMosps(mospsText(cluster(), parseMospsArgs(['-A', flag].filter(Boolean)))).rows[0]?.where?.raw;
    expect(['', '-I', '-h', '-M'].map(where)).toEqual(['2', '10.210.41.12', 'node2.cluster', 'node2']);
  });

  it('refuses options it does not know', () => {
    expect(() => parseMospsArgs(['-Z'])).toThrow(/unknown option -Z/);
    expect(() => parseMospsArgs(['-AJ'])).toThrow(/-J needs a Job ID/);
    expect(() => parseMospsArgs(['x'])).toThrow(/options only/);
  });
});

describe('mosq listall', () => {
  const s = state(
    [],
    [
      entry({ pid: 10, state: 'running', jobId: 1 }),
      entry({ pid: 11, home: 2, memMb: 1000, grid: true, seq: 2, jobId: 2 }),
      entry({ pid: 12, priority: 20, seq: 3, start: 1 }),
      entry({ pid: 13, priority: 60, seq: 4 }),
    ],
  );
  const input = { queue: s.queue, map: MAP, self: 1, alive: (e: { pid: number }) => e.pid !== 12 };

  for (const jobIds of [true, false])
    it(`is read by the agent's parser${jobIds ? ' with -j' : ''}, in queue order, ended jobs left out`, () => {
      const parsed = parseMosq(mosqText(input, 'listall', jobIds), { jobIds });
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows.map((r) => [r.pid, r.memMb, r.grid, r.running, r.priority, r.jobId, r.from.raw])).toEqual([
        [10, null, false, true, null, jobIds ? 1 : null, 'here'],
        [11, 1000, true, false, 50, jobIds ? 2 : null, '10.210.41.12'],
        [13, null, false, false, 60, jobIds ? 0 : null, 'here'],
      ]);
    });

  it('lists the waiting jobs only for list', () => {
    expect(parseMosq(mosqText(input, 'list', false), { jobIds: false }).rows.map((r) => r.pid)).toEqual([11, 13]);
  });
});
