import { computed, type ComputedRef, shallowRef } from 'vue';

/**
 * Small reactive maps for per-item UI state (a message or a flag per node or prompt). Each
 * change replaces the collection, so a `shallowRef` is enough for Vue to see it.
 */

export interface KeyedMessages {
  get(key: string): string | undefined;
  /** `undefined` clears the key. */
  set(key: string, message: string | undefined): void;
}

export function keyedMessages(): KeyedMessages {
  const map = shallowRef(new Map<string, string>());
  return {
    get: (key) => map.value.get(key),
    set(key, message) {
      if (message === undefined && !map.value.has(key)) return;
      const next = new Map(map.value);
      if (message === undefined) next.delete(key);
      else next.set(key, message);
      map.value = next;
    },
  };
}

export interface KeyedFlags {
  has(key: string): boolean;
  set(key: string, on: boolean): void;
  size: ComputedRef<number>;
}

export function keyedFlags(): KeyedFlags {
  const keys = shallowRef(new Set<string>());
  return {
    has: (key) => keys.value.has(key),
    set(key, on) {
      if (keys.value.has(key) === on) return;
      const next = new Set(keys.value);
      if (on) next.add(key);
      else next.delete(key);
      keys.value = next;
    },
    size: computed(() => keys.value.size),
  };
}
