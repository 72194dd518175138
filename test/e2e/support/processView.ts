/** What the e2e tests of the process view share: its rows and cells, the tasks drawer, and a drag onto a node. */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ARTIFACTS } from '../../support/appInBrowser';

export interface ProcessViewPage {
  shot(name: string): Promise<Buffer>;
  /** The row of `pid` on test node k. */
  rowOf(k: number, pid: number): Locator;
  cell(row: Locator, column: string): Promise<string>;
  taskRows(): Locator;
  openDrawer(): Promise<void>;
  /** Drags the row onto node k's tile; what the tile said while the row was over it. */
  dragOnto(row: Locator, k: number, screenshot?: string): Promise<{ verdict: string | null; text: string }>;
}

/** `nodeIds`: test node number -> the app's node id, filled once the cluster is added. */
export function processViewPage(page: () => Page, nodeIds: ReadonlyMap<number, string>): ProcessViewPage {
  const shot = (name: string) => page().screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  return {
    shot,
    rowOf: (k, pid) =>
      page().locator(`[data-testid="process-table"] [role="row"][data-node-id="${nodeIds.get(k)}"][data-pid="${pid}"]`),
    cell: (row, column) => row.locator(`[data-column="${column}"]`).innerText(),
    taskRows: () => page().locator('[data-testid="task"]'),
    openDrawer: async () => {
      if ((await page().getByTestId('tasks-list').count()) === 0) await page().getByTestId('tasks-line').click();
    },
    dragOnto: async (row, k, screenshot) => {
      const p = page();
      const tile = p.locator(`[data-testid="node-tile"][data-node-id="${nodeIds.get(k)}"]`);
      await row.hover();
      await p.mouse.down();
      const from = (await row.boundingBox())!;
      await p.mouse.move(from.x + 40, from.y + 30, { steps: 3 }); // the drag starts here
      const box = (await tile.boundingBox())!;
      await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      await expect.poll(() => tile.getAttribute('data-verdict')).not.toBeNull();
      const seen = { verdict: await tile.getAttribute('data-verdict'), text: await tile.innerText() };
      if (screenshot) await shot(screenshot);
      await p.mouse.up();
      return seen;
    },
  };
}
