import { type KeyOutcome, useViewKeys } from '../../frame/viewKeys';
import { MONITOR_KEYS } from './displayKeys';
import { useMonitorStore } from './monitorStore';

/** mmon's keys for a monitor page; `step` moves to the previous (-1) or next (+1) cluster, where the page has one. */
export function useMonitorKeys(step?: (by: -1 | 1) => void): void {
  const monitor = useMonitorStore();
  useViewKeys({
    view: 'Monitor',
    keys: step ? MONITOR_KEYS : MONITOR_KEYS.filter((k) => k.key !== '<' && k.key !== '>'),
    handle: (key): KeyOutcome => {
      const result = monitor.press(key);
      if (!result) return 'unused';
      if (result.action === 'help') return 'help';
      if (result.action === 'prevCluster' || result.action === 'nextCluster') {
        if (!step) return 'unused';
        step(result.action === 'prevCluster' ? -1 : 1);
      }
      return 'used';
    },
  });
}
