import { type Component, createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { sinceText, stateText } from '../../../../../renderer/src/features/monitor/barText';
import type { Bar, ChartModel } from '../../../../../renderer/src/features/monitor/chartModel';

function bar(nodeId: string, over: Partial<Bar> = {}): Bar {
  return {
    nodeId,
    label: nodeId.replace('n', ''),
    name: nodeId,
    kind: 'value',
    segments: [1],
    text: 'load 1.00',
    ...over,
  };
}

function model(bars: Bar[]): ChartModel {
  return {
    title: 'Load + frozen',
    cycle: ['Load', 'Load + frozen', 'Frozen'],
    current: 1,
    unit: '',
    max: 4,
    tick: String,
    segments: [{ label: 'load', color: 'var(--bar-1)' }],
    bars,
  };
}

// 2024-03-05 14:02:11 local time.
const SINCE = new Date(2024, 2, 5, 14, 2, 11).getTime();

// tsc -p test has no types for .vue files (vue-tsc checks the component itself); a path it
// cannot follow keeps it from looking, and Vite compiles the file as it would for the app.
const BAR_TABLE = '../../../../../renderer/src/features/monitor/BarTable.vue';
const { default: BarTable } = (await import(/* @vite-ignore */ BAR_TABLE)) as { default: Component };

/** Server-rendered, without the scoped-style attributes that would clutter every match. */
async function render(m: ChartModel, visible?: boolean): Promise<string> {
  const html = await renderToString(createSSRApp({ render: () => h(BarTable, { model: m, visible }) }));
  return html.replace(/ data-v-[0-9a-f]+/g, '');
}

describe('BarTable', () => {
  const bars = [
    bar('n1'),
    bar('n2', { kind: 'dead', segments: [], text: 'unreachable', reason: 'ssh: connection refused', since: SINCE }),
    bar('n3', { kind: 'na', segments: [], text: 'no MOSIX here', reason: 'plain Linux has no frozen count' }),
    bar('n4', { name: '<b>n4</b>' }),
  ];

  it('has the title as caption and a row per node with its id', async () => {
    const html = await render(model(bars));
    expect(html).toContain('<caption>Load + frozen</caption>');
    expect([...html.matchAll(/data-node-id="([^"]+)"/g)].map((m) => m[1])).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(html).toMatch(/<th scope="col">Node<\/th>.*Name.*Figures.*State/s);
  });

  it('gives each node a button and the figures in words', async () => {
    const html = await render(model(bars));
    expect(html).toMatch(/<button type="button" class="link"[^>]*>n1<\/button>/);
    expect(html).toContain('<td>load 1.00</td>');
  });

  it('says why and since when a node is dead', async () => {
    const html = await render(model(bars));
    expect(html).toContain(`dead: ssh: connection refused, ${sinceText(SINCE)}`);
    expect(html).toContain('n/a: plain Linux has no frozen count');
  });

  it('renders node names as text, never as HTML', async () => {
    expect(await render(model(bars))).toContain('&lt;b&gt;n4&lt;/b&gt;');
  });

  it('is visually hidden unless asked to show', async () => {
    expect(await render(model(bars))).toMatch(/<table class="bar-table visually-hidden"/);
    expect(await render(model(bars), true)).toMatch(/<table class="bar-table"/);
  });
});

describe('stateText and sinceText', () => {
  it.each<[string, Bar, string]>([
    ['up', bar('n1'), 'up'],
    ['caption', bar('n1', { kind: 'caption', caption: '6.1.0' }), 'up'],
    ['waiting', bar('n1', { kind: 'waiting' }), 'waiting for a first sample'],
    ['na without a reason', bar('n1', { kind: 'na' }), 'n/a'],
    ['dead without a reason', bar('n1', { kind: 'dead', since: SINCE }), `dead, ${sinceText(SINCE, SINCE)}`],
  ])('%s', (_name, b, text) => {
    expect(stateText(b, SINCE)).toBe(text);
  });

  it('gives only the time today and the date too on another day', () => {
    expect(sinceText(SINCE, SINCE + 60_000)).toBe(`since ${new Date(SINCE).toLocaleTimeString()}`);
    expect(sinceText(SINCE, SINCE + 2 * 86_400_000)).toBe(`since ${new Date(SINCE).toLocaleString()}`);
  });
});
