import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { messageOf } from '../messageOf';

/**
 * What a view reads again and again while it is open (sources with no events): read now and
 * every `everyMs`, from the end of the last read, so a slow node never stacks reads up. A read
 * for a key the view has moved away from is dropped; `refresh` reads at once, sharing a read under way.
 */
export function usePolledRead<T>(key: Ref<string>, read: (key: string) => Promise<T>, everyMs: number) {
  const value = shallowRef<T | null>(null);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading: Promise<void> | null = null;
  let stopped = false;

  function schedule(): void {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void refresh(), everyMs);
  }

  async function readOnce(k: string): Promise<void> {
    try {
      const v = await read(k);
      if (k !== key.value) return;
      value.value = v;
      error.value = null;
    } catch (err) {
      if (k === key.value) error.value = messageOf(err);
    }
  }

  function refresh(): Promise<void> {
    reading ??= readOnce(key.value).finally(() => {
      reading = null;
      schedule();
    });
    return reading;
  }

  watch(
    key,
    () => {
      value.value = null;
      error.value = null;
      void refresh();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { value, error, refresh };
}
