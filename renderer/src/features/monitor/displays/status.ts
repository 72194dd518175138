/** `s`: CPU speed, status, version, uptime (MOSIX mmon's order). */
import { formatUptime, formatUptimeShort } from '../../../shared/format';
import type { MonitorNode } from '../nodeLabels';
import { BAR_1, engineOf, type Figures, linearScale, na, plural, type SubView, value } from './subView';

const CLOCK_NOT_MOSIX = "clock speed: the linux engine reports MHz, not MOSIX's standard-CPU units";

const speed: SubView = {
  title: 'CPU speed (clock MHz, not MOSIX speed units)',
  segments: [{ label: 'MHz per CPU', color: BAR_1 }],
  scale: linearScale('MHz', 1, 1000),
  figures: ({ sample: { speed: clock, cpuCount } }) => {
    if (clock.source === 'unknown' || !(clock.perCpuMhz > 0)) return na('the node does not report its CPU clock');
    const perCpu = Math.round(clock.perCpuMhz);
    const total = Math.round(clock.totalMhz);
    return value(
      [clock.perCpuMhz],
      `${perCpu} MHz per CPU, ${total} MHz over ${plural(cpuCount, 'CPU')} (${CLOCK_NOT_MOSIX})`,
    );
  },
};

/** Every up node is "up", sample or not; dead ones get their state word from the dead bar. */
const upCaption = (node: MonitorNode, now: number): Figures => ({
  kind: 'caption',
  caption: 'up',
  text: `Up, ${engineOf(node)} engine, connected for ${formatUptime(Math.max(0, now - node.node.since) / 1000)}.`,
});

const status: SubView = {
  segments: [],
  scale: linearScale('', 1, 1),
  figures: (node, { now }) => upCaption(node, now),
  unsampled: (node, { now }) => upCaption(node, now),
  deadCaption: true,
};

/** The agent's version; the hello has it before the first sample does. */
function versionCaption({ node, sample }: MonitorNode): Figures {
  const agent = sample?.agentVersion ?? node.hello?.agentVersion;
  const kernel = sample?.kernel ?? node.hello?.node.kernel;
  if (agent === undefined) return { kind: 'waiting' };
  return { kind: 'caption', caption: agent, text: `agent ${agent}, kernel ${kernel ?? 'unknown'}` };
}

const version: SubView = {
  title: 'Version (agent)',
  segments: [],
  scale: linearScale('', 1, 1),
  figures: versionCaption,
  unsampled: versionCaption,
};

const DAY_SEC = 86_400;

const uptime: SubView = {
  segments: [{ label: 'uptime', color: BAR_1 }],
  scale: linearScale('days', 1, 1),
  figures: ({ sample: { uptimeSec } }) =>
    value([uptimeSec / DAY_SEC], `booted ${formatUptime(uptimeSec)} ago`, formatUptimeShort(uptimeSec)),
};

export const STATUS_VIEWS: readonly SubView[] = [speed, status, version, uptime];
