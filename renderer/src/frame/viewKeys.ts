import { onBeforeUnmount, onMounted, shallowRef } from 'vue';

/** One key of a view, as the `?` help lists it. */
export interface KeyHelp {
  key: string;
  does: string;
}

/** What a view did with a key: used it, left it, or asked for the key list (mmon's `h`). */
export type KeyOutcome = 'used' | 'unused' | 'help';

/** The keys a view answers, and its handler. */
export interface ViewKeys {
  view: string;
  keys: readonly KeyHelp[];
  handle: (key: string) => KeyOutcome;
}

/** Keys every view has. */
export const FRAME_KEYS: readonly KeyHelp[] = [
  { key: '?', does: 'Show or hide this list of keys' },
  { key: 'Esc', does: 'Close this list' },
];

/** The views on screen that take keys, innermost last; the last one gets keys first. */
const active = shallowRef<readonly ViewKeys[]>([]);

export const activeViewKeys = active;

/** Registers a view's keys while it is mounted. */
export function useViewKeys(keys: ViewKeys): void {
  onMounted(() => (active.value = [...active.value, keys]));
  onBeforeUnmount(() => (active.value = active.value.filter((k) => k !== keys)));
}

/** Whether a key press belongs to a text field or a dialog rather than to the view. */
export function keyIsForView(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return false;
    if (target.closest('dialog[open]')) return false;
  }
  return document.querySelector('dialog[open]') === null;
}

/** Hands a key to the innermost of these views that takes it. */
export function dispatchKey(views: readonly ViewKeys[], key: string): KeyOutcome {
  for (let i = views.length - 1; i >= 0; i--) {
    const outcome = views[i]!.handle(key);
    if (outcome !== 'unused') return outcome;
  }
  return 'unused';
}

export const dispatchViewKey = (key: string): KeyOutcome => dispatchKey(active.value, key);
