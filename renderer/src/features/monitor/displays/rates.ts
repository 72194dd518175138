/**
 * `i` (disk read, write, both) and `o` (network in, out, both, NFS RPC). Disks in bytes/s, as
 * mmon's MB/s; network in bits/s, as mmon's Mbps. A rate is null on a stream's first sample.
 */
import type { MetricsSample } from '../../../../../electron/api';
import { formatBitRate, formatByteRate } from '../../../shared/format';
import {
  BAR_1,
  BAR_2,
  BIT_RATES,
  BYTE_RATES,
  type Figures,
  ladderScale,
  linearScale,
  na,
  NEEDS_SECOND_SAMPLE,
  type SubView,
  type UnitLadder,
  value,
} from './subView';

type Rate = Exclude<keyof MetricsSample['rates'], 'cpuUtilPercent' | 'nfsRpcPerSec'>;

interface Flow {
  rate: Rate;
  /** "read", "in": the word before the figure. */
  word: string;
  color: string;
}

const READ: Flow = { rate: 'readBytesPerSec', word: 'read', color: BAR_1 };
const WRITE: Flow = { rate: 'writeBytesPerSec', word: 'write', color: BAR_2 };
const IN: Flow = { rate: 'netInBytesPerSec', word: 'in', color: BAR_1 };
const OUT: Flow = { rate: 'netOutBytesPerSec', word: 'out', color: BAR_2 };

const bitsAndBytes = (bytesPerSec: number): string => `${formatBitRate(bytesPerSec)} (${formatByteRate(bytesPerSec)})`;

/** One view of one or more flows stacked; "total" views stack two and say the sum. */
function flowView(flows: Flow[], ladder: UnitLadder, format: (bytesPerSec: number) => string): SubView {
  return {
    segments: flows.map(({ word, color }) => ({ label: word, color })),
    scale: ladderScale(ladder),
    figures: ({ sample }): Figures => {
      const rates = flows.map(({ rate }) => sample.rates[rate]);
      if (rates.some((rate) => rate === null)) return na(NEEDS_SECOND_SAMPLE);
      const known = rates.map((rate) => rate ?? 0);
      const parts = flows.map(({ word }, index) => `${word} ${format(known[index] ?? 0)}`).join(' + ');
      const sum = known.reduce((a, b) => a + b, 0);
      return value(known, flows.length > 1 ? `${parts} = ${format(sum)}` : parts);
    },
  };
}

export const IO_VIEWS: readonly SubView[] = [
  flowView([READ], BYTE_RATES, formatByteRate),
  flowView([WRITE], BYTE_RATES, formatByteRate),
  flowView([READ, WRITE], BYTE_RATES, formatByteRate),
];

const nfsRpc: SubView = {
  segments: [{ label: 'RPC calls', color: BAR_1 }],
  scale: linearScale('calls/s', 1, 1),
  figures: ({ sample }) => {
    if (!sample.hasNfs) return na('this node has no NFS client');
    const calls = sample.rates.nfsRpcPerSec;
    if (calls === null) return na(NEEDS_SECOND_SAMPLE);
    return value([calls], `${calls.toFixed(1)} NFS RPC calls/s`);
  },
};

export const NETWORK_VIEWS: readonly SubView[] = [
  flowView([IN], BIT_RATES, bitsAndBytes),
  flowView([OUT], BIT_RATES, bitsAndBytes),
  flowView([IN, OUT], BIT_RATES, bitsAndBytes),
  nfsRpc,
];
