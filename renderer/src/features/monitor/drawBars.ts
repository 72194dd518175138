/**
 * Canvas calls for the monitor's bar chart. The geometry comes from barLayout.ts; this file only
 * paints it, in CSS pixels on a context already scaled by devicePixelRatio.
 */
import {
  barLeft,
  labelIndices,
  LABEL_HEIGHT,
  plotBox,
  slotCentre,
  slotLayout,
  stack,
  yOf,
  yTicks,
  type Box,
  type Slots,
} from './barLayout';
import type { BarTheme } from './barTheme';
import type { Bar, ChartModel } from './chartModel';

export interface DrawInput {
  model: ChartModel;
  /** CSS pixels. */
  width: number;
  height: number;
  dpr: number;
  theme: BarTheme;
  fontFamily: string;
}

/** One bar's column, snapped to device pixels so thin bars stay crisp and equally wide. */
interface Column {
  x: number;
  w: number;
  plot: Box;
}

type Ctx = CanvasRenderingContext2D;

/** Paints the whole chart and returns the slots it used, for hit-testing the mouse. */
export function drawChart(ctx: Ctx, input: DrawInput): Slots {
  const { model, width, height, dpr, theme } = input;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const plot = plotBox(width, height);
  const slots = slotLayout(model.bars.length, plot);
  ctx.font = `11px ${input.fontFamily}`;
  drawAxis(ctx, model, plot, theme);
  const snap = (v: number): number => Math.round(v * dpr) / dpr;
  model.bars.forEach((bar, i) => {
    const x = snap(barLeft(slots, i));
    // At least one device pixel, so a bar never vanishes on a dense chart.
    const w = Math.max(1 / dpr, snap(barLeft(slots, i) + slots.barWidth) - x);
    drawBar(ctx, bar, { x, w, plot }, model, theme);
  });
  drawLabels(ctx, model.bars, slots, plot, theme);
  return slots;
}

function drawAxis(ctx: Ctx, model: ChartModel, plot: Box, theme: BarTheme): void {
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const value of yTicks(model.max)) {
    // Half-pixel offset puts a 1 px line on a pixel row instead of across two.
    const y = Math.round(yOf(value, model.max, plot)) + 0.5;
    ctx.strokeStyle = theme.border;
    ctx.beginPath();
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.left + plot.width, y);
    ctx.stroke();
    ctx.fillStyle = theme.muted;
    ctx.fillText(model.tick(value), plot.left - 5, y);
  }
  if (model.unit) {
    ctx.save();
    ctx.translate(8, plot.top + plot.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(model.unit, 0, 0);
    ctx.restore();
  }
}

function drawBar(ctx: Ctx, bar: Bar, col: Column, model: ChartModel, theme: BarTheme): void {
  switch (bar.kind) {
    case 'value':
      return drawValue(ctx, bar, col, model, theme);
    case 'caption':
      return drawCaption(ctx, bar.caption ?? '', col, theme);
    case 'na':
      return drawNa(ctx, col, theme);
    case 'waiting':
      return fillColumn(ctx, col, theme.muted, 0.1);
    case 'dead':
      return drawDead(ctx, col, theme);
  }
}

function drawValue(ctx: Ctx, bar: Bar, col: Column, model: ChartModel, theme: BarTheme): void {
  const { parts, clipped } = stack(bar.segments, model.max, col.plot);
  for (const part of parts) {
    ctx.fillStyle = theme.segments[part.index] ?? theme.text;
    ctx.fillRect(col.x, part.top, col.w, part.bottom - part.top);
  }
  if (clipped) {
    // Above the scale: a notch at the top says "more than this", not "exactly the maximum".
    const top = col.plot.top;
    ctx.fillStyle = theme.text;
    ctx.beginPath();
    ctx.moveTo(col.x, top + 4);
    ctx.lineTo(col.x + col.w / 2, top - 3);
    ctx.lineTo(col.x + col.w, top + 4);
    ctx.fill();
  }
}

function fillColumn(ctx: Ctx, col: Column, color: string, alpha: number): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  ctx.fillRect(col.x, col.plot.top, col.w, col.plot.height);
  ctx.restore();
}

/** Diagonal lines across the column; `both` adds the other diagonal (a cross-hatch). */
function hatch(ctx: Ctx, col: Column, color: string, alpha: number, both: boolean): void {
  const { x, w, plot } = col;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, plot.top, w, plot.height);
  ctx.clip();
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const bottom = plot.top + plot.height;
  for (let y = plot.top - w; y < bottom + w; y += 6) {
    ctx.moveTo(x, y + w);
    ctx.lineTo(x + w, y);
    if (both) {
      ctx.moveTo(x, y);
      ctx.lineTo(x + w, y + w);
    }
  }
  ctx.stroke();
  ctx.restore();
}

function drawNa(ctx: Ctx, col: Column, theme: BarTheme): void {
  fillColumn(ctx, col, theme.muted, 0.08);
  if (col.w >= 5) hatch(ctx, col, theme.muted, 0.35, false);
  if (ctx.measureText('n/a').width + 4 <= col.w) {
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('n/a', col.x + col.w / 2, col.plot.top + col.plot.height - 3);
  } else if (col.w >= 10) {
    drawVerticalText(ctx, 'n/a', col, theme.muted);
  }
}

/**
 * Dead: a full-height red column with a solid red foot, cross-hatched and marked ✕ in the column
 * when there is room; on a dense chart the ✕ sits above the plot where it may be wider than the
 * bar, so a dead node among 200 is seen at a glance.
 */
function drawDead(ctx: Ctx, col: Column, theme: BarTheme): void {
  const { x, w, plot } = col;
  const bottom = plot.top + plot.height;
  const wide = w >= 8;
  fillColumn(ctx, col, theme.bad, wide ? 0.18 : 0.55);
  if (wide) hatch(ctx, col, theme.bad, 0.6, true);
  ctx.fillStyle = theme.bad;
  ctx.fillRect(x, bottom - 4, w, 4);
  const size = wide ? Math.min(w, 14) / 2 - 1 : 3;
  cross(ctx, x + w / 2, wide ? bottom - 8 - size : plot.top - size - 2, size, theme.bad);
  if (w >= 13) drawVerticalText(ctx, 'dead', { x, w, plot: { ...plot, height: plot.height - 26 } }, theme.bad);
}

function cross(ctx: Ctx, cx: number, cy: number, size: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx - size, cy - size);
  ctx.lineTo(cx + size, cy + size);
  ctx.moveTo(cx + size, cy - size);
  ctx.lineTo(cx - size, cy + size);
  ctx.stroke();
}

/** Too narrow for words, a short mark says there is a caption to hover for, not a zero. */
function drawCaption(ctx: Ctx, caption: string, col: Column, theme: BarTheme): void {
  if (drawVerticalText(ctx, caption, col, theme.text)) return;
  ctx.fillStyle = theme.muted;
  ctx.fillRect(col.x, col.plot.top + col.plot.height - 6, col.w, 6);
}

/** Text up the column from its bottom, as mmon writes words into a bar; left out if too narrow to read. */
function drawVerticalText(ctx: Ctx, text: string, col: Column, color: string): boolean {
  const size = Math.min(11, Math.floor(col.w) - 1);
  if (size < 6 || !text) return false;
  ctx.save();
  ctx.font = ctx.font.replace(/\d+px/, `${size}px`);
  ctx.translate(col.x + col.w / 2, col.plot.top + col.plot.height - 4);
  ctx.rotate(-Math.PI / 2);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, 0, col.plot.height - 8);
  ctx.restore();
  return true;
}

function drawLabels(ctx: Ctx, bars: Bar[], slots: Slots, plot: Box, theme: BarTheme): void {
  const labels = bars.map((b) => b.label);
  const shown = labelIndices(labels, slots.slot, (t) => ctx.measureText(t).width);
  const thinned = shown.length < bars.length;
  const bottom = plot.top + plot.height;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const i of shown) {
    const cx = slotCentre(slots, i);
    const bar = bars[i]!;
    ctx.fillStyle = bar.kind === 'dead' ? theme.bad : theme.muted;
    if (thinned) {
      // With labels thinned, a tick says which bar a label belongs to.
      ctx.fillRect(Math.round(cx) - 0.5, bottom, 1, 3);
    }
    const half = ctx.measureText(bar.label).width / 2;
    // The first and last labels stay inside the canvas rather than being cut at its edge.
    const x = Math.max(half, Math.min(cx, plot.left + plot.width + 6 - half));
    ctx.fillText(bar.label, x, bottom + (thinned ? 4 : 3), LABEL_HEIGHT * 4);
  }
}
