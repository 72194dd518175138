import { defineStore } from 'pinia';
import { ref } from 'vue';
import { INITIAL_KEY_STATE, type MonitorAction, type MonitorKeyState, nextState } from './displayKeys';

/**
 * Which display every monitor on screen shows: one state for all clusters, so `>` to the next
 * cluster keeps the figure the admin was looking at, as mmon does.
 */
export const useMonitorStore = defineStore('monitor', () => {
  const state = ref<MonitorKeyState>(INITIAL_KEY_STATE);
  /** "Show as table": the figures as a visible table instead of only for screen readers. */
  const asTable = ref(false);

  /** Applies a key; the action it asks of the page (another cluster, help), or null for a key it does not use. */
  function press(key: string): { action?: MonitorAction } | null {
    const result = nextState(state.value, key);
    if (!result) return null;
    state.value = result.state;
    return result.action ? { action: result.action } : {};
  }

  return { state, asTable, press };
});
