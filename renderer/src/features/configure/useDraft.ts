import { computed, type ComputedRef } from 'vue';
import type { MosixConfig } from '../../../../agent/src/mosixConfig';
import { useConfigureStore } from './configureStore';
import type { ConfigDraft } from './configDraft';

/** The draft the wizard's steps edit in place; a step is only shown once the draft exists. */
export function useDraft(): { draft: ComputedRef<ConfigDraft>; config: ComputedRef<MosixConfig> } {
  const store = useConfigureStore();
  const draft = computed(() => {
    if (!store.draft) throw new Error('The configure wizard shows a step before its draft exists.');
    return store.draft;
  });
  return { draft, config: computed(() => draft.value.config) };
}
