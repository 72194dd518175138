/**
 * Which rows of a fixed-height table are in the DOM: those in view and a few either side. With
 * every row the same height this is arithmetic, so nothing is measured and nothing is kept per
 * row (a virtualizer's per-row measurements were rebuilt for all 20,000 rows on every batch).
 */
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export interface RowRange {
  /** First row drawn, and one past the last. */
  first: number;
  end: number;
}

/** Pure: the rows to draw for this scroll position and viewport height. */
export function rowRange(
  scrollTop: number,
  viewport: number,
  count: number,
  rowPx: number,
  overscan: number,
): RowRange {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowPx)) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowPx) + overscan);
  return { first, end: Math.max(first, end) };
}

/**
 * Pure: which row each of `capacity` slots shows (-1: none). A row keeps its slot while it stays
 * in the window, and a row scrolled in takes the slot of one scrolled out, so scrolling rewrites
 * a few rows' text instead of building and removing their elements (`capacity` >= end - first).
 */
export function slotRows(first: number, end: number, capacity: number): number[] {
  const out = new Array<number>(capacity);
  for (let s = 0; s < capacity; s++) {
    const i = first + ((((s - first) % capacity) + capacity) % capacity);
    out[s] = i < end ? i : -1;
  }
  return out;
}

/** The most rows a viewport of `viewport` px can need drawn, whatever the scroll position. */
export function slotCapacity(viewport: number, rowPx: number, overscan: number): number {
  return Math.max(1, Math.ceil(viewport / rowPx) + 1 + 2 * overscan);
}

/** The scroll position that brings row `index` fully into view, moving as little as it can. */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowPx: number): number {
  const top = index * rowPx;
  if (top < scrollTop) return top;
  if (top + rowPx > scrollTop + viewport) return Math.max(0, top + rowPx - viewport);
  return scrollTop;
}

/** The rows to draw in `scroller` as it scrolls and resizes; `first`/`end` change only when a row comes or goes. */
export function useRowWindow(scroller: Ref<HTMLElement | null>, count: () => number, rowPx: number, overscan: number) {
  const top = ref(0);
  const height = ref(0);
  const range = computed(() => rowRange(top.value, height.value, count(), rowPx, overscan));
  const first = computed(() => range.value.first);
  const end = computed(() => range.value.end);
  const slots = computed(() =>
    slotRows(range.value.first, range.value.end, slotCapacity(height.value, rowPx, overscan)),
  );
  const onScroll = () => (top.value = scroller.value?.scrollTop ?? 0);
  const measure = () => (height.value = scroller.value?.clientHeight ?? 0);
  // Without ResizeObserver (jsdom in the unit tests), the window's resizes are the next best signal.
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
  onMounted(() => {
    const el = scroller.value;
    if (!el) return;
    el.addEventListener('scroll', onScroll, { passive: true });
    if (resized) resized.observe(el);
    else window.addEventListener('resize', measure);
    measure();
  });
  onBeforeUnmount(() => {
    scroller.value?.removeEventListener('scroll', onScroll);
    resized?.disconnect();
    window.removeEventListener('resize', measure);
  });
  function reveal(index: number): void {
    const el = scroller.value;
    if (el) el.scrollTop = scrollToShow(index, el.scrollTop, el.clientHeight, rowPx);
  }
  return { first, end, slots, reveal };
}
