import { onBeforeUnmount, ref } from 'vue';

/** The time now, ticking every `everyMs` while the component lives (for "ran for" columns). */
export function useNow(everyMs: number) {
  const now = ref(Date.now());
  const clock = setInterval(() => (now.value = Date.now()), everyMs);
  onBeforeUnmount(() => clearInterval(clock));
  return now;
}
