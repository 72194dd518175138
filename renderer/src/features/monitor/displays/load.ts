/** `l` (load per CPU, load + frozen, frozen) and `u` (utilisation). */
import { formatLoad } from '../../../shared/format';
import {
  BAR_1,
  BAR_2,
  fixedScale,
  linearScale,
  na,
  NEEDS_SECOND_SAMPLE,
  plural,
  type SampledNode,
  type SubView,
  value,
} from './subView';

const loadText = ({ sample }: SampledNode): string =>
  `load ${formatLoad(sample.load.one)} (${formatLoad(sample.loadPerCpu)} per CPU, ${plural(sample.cpuCount, 'CPU')})`;

/** mmon divides frozen processes by the node's CPUs so they stack on the load per CPU. */
const frozenPerCpu = ({ sample }: SampledNode): number => sample.processes.frozen / Math.max(1, sample.cpuCount);

// Load is relative to the node's size, as mon shows it: 1 means every CPU busy.
const loadPerCpu: SubView = {
  segments: [{ label: 'load per CPU', color: BAR_1 }],
  scale: linearScale('', 1, 1),
  figures: (node) => value([node.sample.loadPerCpu], loadText(node)),
};

const loadAndFrozen: SubView = {
  segments: [
    { label: 'load per CPU', color: BAR_1 },
    { label: 'frozen per CPU', color: BAR_2 },
  ],
  scale: linearScale('', 1, 1),
  figures: (node) =>
    value(
      [node.sample.loadPerCpu, frozenPerCpu(node)],
      `${loadText(node)}, frozen ${node.sample.processes.frozen} (${formatLoad(frozenPerCpu(node))} per CPU)`,
    ),
};

// Alone, frozen processes are counted, not divided: a count is what an admin acts on.
const frozen: SubView = {
  segments: [{ label: 'frozen', color: BAR_2 }],
  scale: linearScale('processes', 1, 1),
  figures: ({ sample }) =>
    value([sample.processes.frozen], `${plural(sample.processes.frozen, 'frozen process', 'frozen processes')}`),
};

export const LOAD_VIEWS: readonly SubView[] = [loadPerCpu, loadAndFrozen, frozen];

const utilisation: SubView = {
  title: 'Utilisation (CPU busy)',
  segments: [{ label: 'busy', color: BAR_1 }],
  scale: fixedScale('%', 100),
  figures: ({ sample }) => {
    const busy = sample.rates.cpuUtilPercent;
    if (busy === null) return na(NEEDS_SECOND_SAMPLE);
    return value([busy], `${busy.toFixed(1)}% busy over ${plural(sample.cpuCount, 'CPU')}`);
  },
};

export const UTIL_VIEWS: readonly SubView[] = [utilisation];
