import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HostKeyPrompt, HubEvents } from '../../../../electron/api';
import { HubRequestError } from '../../hub/hubRequestError';
import { keyedFlags, keyedMessages } from '../../shared/composables/keyedState';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { useHub } from '../../hub/useHub';
import { addPrompt, mergePending, removePrompt } from './promptQueue';

/** Remembered so a `hostkeys.pending` reply cannot bring back a prompt already resolved. */
const RESOLVED_MEMORY = 200;
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Host keys the hub asks the user about, and the answers. */
export const useHostKeysStore = defineStore('hostkeys', () => {
  const hub = useHub();
  const prompts = ref<HostKeyPrompt[]>([]);
  /** The user chose "Decide later"; a new prompt shows the dialog again. */
  const dismissed = ref(false);
  const loadError = ref<string | null>(null);
  /** Prompts with an answer on its way, and why an answer failed. */
  const busy = keyedFlags();
  const errors = keyedMessages();
  const resolved = new Set<string>();

  const visible = computed(() => prompts.value.length > 0 && !dismissed.value);

  function applyPrompt(prompt: HubEvents['hostkey.prompt']): void {
    if (resolved.has(prompt.promptId)) return;
    prompts.value = addPrompt(prompts.value, prompt);
    dismissed.value = false;
  }

  function applyResolved({ promptId }: HubEvents['hostkey.resolved']): void {
    resolved.add(promptId);
    if (resolved.size > RESOLVED_MEMORY) resolved.delete(resolved.values().next().value as string);
    prompts.value = removePrompt(prompts.value, promptId);
    errors.set(promptId, undefined);
  }

  async function load(): Promise<void> {
    try {
      // Read the queue only after the reply: events may have changed it meanwhile.
      const pending = await hub.call('hostkeys.pending', {});
      const before = prompts.value.length;
      prompts.value = mergePending(prompts.value, pending, resolved);
      if (prompts.value.length > before) dismissed.value = false;
      loadError.value = null;
    } catch (err) {
      loadError.value = messageOf(err);
    }
  }

  async function answer(promptId: string, accept: boolean): Promise<void> {
    busy.set(promptId, true);
    errors.set(promptId, undefined);
    try {
      await hub.call('hostkeys.answer', { promptId, accept });
      applyResolved({ promptId });
    } catch (err) {
      // The hub no longer asks this (answered in another window, or the node went away).
      if (err instanceof HubRequestError && err.code === 'not-found') applyResolved({ promptId });
      else errors.set(promptId, messageOf(err));
    } finally {
      busy.set(promptId, false);
    }
  }

  async function acceptAll(): Promise<void> {
    await Promise.all(prompts.value.map((p) => answer(p.promptId, true)));
  }

  const dismiss = (): void => void (dismissed.value = true);
  const reopen = (): void => void (dismissed.value = false);
  const isBusy = (promptId: string): boolean => busy.has(promptId);
  const errorOf = (promptId: string): string | undefined => errors.get(promptId);

  useHubEvent('hostkey.prompt', applyPrompt);
  useHubEvent('hostkey.resolved', applyResolved);

  return {
    ...{ prompts, visible, dismissed, loadError, anyBusy: computed(() => busy.size.value > 0) },
    ...{ load, answer, acceptAll, dismiss, reopen, isBusy, errorOf, applyPrompt, applyResolved },
  };
});
