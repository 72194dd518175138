/** Node metrics for the linux engine: the mmon figures and the mosctl status fields. */
export { createMetricsSampler, DEFAULT_DISKS, type MetricsSampler } from './sampler';
export { buildNodeStatus } from './status';
