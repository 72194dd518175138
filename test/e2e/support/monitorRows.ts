/** The monitor's accessible table as a test reads it: one row per bar, the figures in their raw units. */
import type { Page } from 'playwright-core';

export interface MonitorRow {
  nodeId: string;
  name: string;
  kind: string;
  /** The bar's segments in the display's raw unit (bytes, bytes/s, load per CPU, days). */
  raw: number[];
  caption: string | null;
  text: string;
  state: string;
}

/** The rows of the monitor of `clusterId`, by node name (the host as typed until the agent first answers, then its hostname). */
export async function monitorRows(page: Page, clusterId: string): Promise<Map<string, MonitorRow>> {
  const rows = await page
    .locator(`[data-testid="monitor"][data-cluster-id="${clusterId}"] table tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        const raw = tr.getAttribute('data-raw');
        return {
          nodeId: tr.getAttribute('data-node-id') ?? '',
          name: cells[1] ?? '',
          kind: tr.getAttribute('data-kind') ?? '',
          raw: raw ? raw.split(' ').map(Number) : [],
          caption: tr.getAttribute('data-caption'),
          text: cells[2] ?? '',
          state: cells[3] ?? '',
        };
      }),
    );
  return new Map(rows.map((r) => [r.name, r]));
}

/** The display's title above the chart. */
export const monitorTitle = (page: Page, clusterId: string): Promise<string> =>
  page.locator(`[data-testid="monitor"][data-cluster-id="${clusterId}"] [data-testid="monitor-title"]`).innerText();
