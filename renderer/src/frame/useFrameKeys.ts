import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { dispatchViewKey, keyIsForView } from './viewKeys';

/** The window's key handler: `?` opens the key list, every other key goes to the views on screen. */
export function useFrameKeys(helpOpen: Ref<boolean>): void {
  const onKey = (event: KeyboardEvent): void => {
    if (!keyIsForView(event)) return;
    const outcome = event.key === '?' ? 'help' : dispatchViewKey(event.key);
    if (outcome === 'unused') return;
    if (outcome === 'help') helpOpen.value = true;
    event.preventDefault();
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
