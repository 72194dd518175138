import { computed, onBeforeUnmount, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import { barAt, type Slots } from './barLayout';
import { readTheme } from './barTheme';
import type { Bar, ChartModel } from './chartModel';
import { drawChart } from './drawBars';

export interface Hover {
  bar: Bar;
  /** Mouse position in the container, CSS pixels. */
  x: number;
  y: number;
  /** Past the middle: the tooltip opens to the left of the mouse, so it stays on screen. */
  flip: boolean;
}

interface Painted {
  slots: Slots;
  colors: string[];
}

/**
 * Keeps a canvas the width of its container at the screen's pixel density and paints the model
 * on it, at most once per animation frame, again when the model, the size or the theme changes.
 */
export function useBarChart(
  canvas: Ref<HTMLCanvasElement | null>,
  model: () => ChartModel,
  height: () => number,
): {
  hover: ComputedRef<Hover | null>;
  /** The segment colours as drawn, var(--…) resolved, for the legend's swatches. */
  colors: Ref<string[]>;
  move: (e: MouseEvent) => void;
  leave: () => void;
  barAtEvent: (e: MouseEvent) => Bar | undefined;
} {
  let slots: Slots | undefined;
  let frame = 0;
  let width = 0;
  const colors = ref<string[]>([]);
  const mouse = ref<{ index: number; x: number; y: number } | null>(null);

  const draw = (): void => {
    frame = 0;
    const done = canvas.value && width > 0 ? paint(canvas.value, model(), width, height()) : undefined;
    if (!done) return;
    slots = done.slots;
    if (done.colors.join() !== colors.value.join()) colors.value = done.colors;
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  observe(canvas, (w) => {
    width = w;
    schedule();
  });
  onBeforeUnmount(() => {
    if (frame) cancelAnimationFrame(frame);
  });
  watch([model, height], schedule);

  const indexAt = (e: MouseEvent): number => (slots ? barAt(slots, e.offsetX) : -1);
  const move = (e: MouseEvent): void => {
    const index = indexAt(e);
    mouse.value = index < 0 ? null : { index, x: e.offsetX, y: e.offsetY };
  };
  // Looked up in the current model, so a hover survives an update and never shows a stale bar.
  const hover = computed<Hover | null>(() => {
    const m = mouse.value;
    const bar = m ? model().bars[m.index] : undefined;
    return m && bar ? { bar, x: m.x, y: m.y, flip: m.x > width / 2 } : null;
  });
  return {
    hover,
    colors,
    move,
    leave: () => (mouse.value = null),
    barAtEvent: (e) => model().bars[indexAt(e)],
  };
}

/** Calls `resized` with the canvas container's width, and `resized` again when the theme changes. */
function observe(canvas: Ref<HTMLCanvasElement | null>, resized: (width: number) => void): void {
  let resize: ResizeObserver | undefined;
  let themeWatch: MutationObserver | undefined;
  let width = 0;
  onMounted(() => {
    const el = canvas.value;
    if (!el?.parentElement) return;
    resize = new ResizeObserver((entries) => {
      width = Math.floor(entries[0]?.contentRect.width ?? 0);
      resized(width);
    });
    resize.observe(el.parentElement);
    // The theme switch sets data-theme on <html>; the colours come from CSS, so read them again.
    themeWatch = new MutationObserver(() => resized(width));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  });
  onBeforeUnmount(() => {
    resize?.disconnect();
    themeWatch?.disconnect();
  });
}

/** One full paint at the current pixel density; the slots are kept for hit-testing. */
function paint(el: HTMLCanvasElement, model: ChartModel, width: number, height: number): Painted | undefined {
  const ctx = el.getContext('2d');
  if (!ctx) return undefined;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  // Setting the size clears the canvas even when unchanged, so only when it did change.
  if (el.width !== w) el.width = w;
  if (el.height !== h) el.height = h;
  const theme = readTheme(
    el,
    model.segments.map((s) => s.color),
  );
  const fontFamily = getComputedStyle(el).fontFamily;
  return { slots: drawChart(ctx, { model, width, height, dpr, theme, fontFamily }), colors: theme.segments };
}
