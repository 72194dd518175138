import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HubNotice } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The hub's notices (a damaged saved file, say): shown until dismissed in any window. */
export const useNoticesStore = defineStore('notices', () => {
  const hub = useHub();
  const notices = ref<HubNotice[]>([]);
  const error = ref<string | null>(null);
  /** Bumped by every `notices.changed`: a list reply older than an event is dropped. */
  let changes = 0;

  function apply(list: HubNotice[]): void {
    changes++;
    notices.value = list;
    error.value = null;
  }

  async function load(): Promise<void> {
    const before = changes;
    try {
      const list = await hub.call('notices.list', {});
      if (changes === before) notices.value = list;
      error.value = null;
    } catch (err) {
      error.value = messageOf(err);
    }
  }

  async function dismiss(noticeId: string): Promise<void> {
    try {
      await hub.call('notices.dismiss', { noticeId });
      notices.value = notices.value.filter((n) => n.noticeId !== noticeId);
      error.value = null;
    } catch (err) {
      error.value = `Could not dismiss the notice: ${messageOf(err)}`;
    }
  }

  useHubEvent('notices.changed', ({ notices: list }) => apply(list));

  return { notices, error, load, dismiss };
});
