/** A test cluster and the app in Chromium beside it, for one e2e file: started before its tests, removed after. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestCluster, type TestCluster, type TestClusterOptions } from '../../cluster/testCluster';
import { type AppInBrowser, openAppInBrowser } from '../../support/appInBrowser';

export interface AppOnCluster {
  cluster(): TestCluster;
  opened(): AppInBrowser;
  page(): Page;
}

export function useAppOnCluster(options: TestClusterOptions): AppOnCluster {
  let cluster: TestCluster | undefined;
  let opened: AppInBrowser | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster(options);
    opened = await openAppInBrowser({});
  }, 180_000);
  afterAll(async () => {
    if (process.env.DEBUG_HUB) console.log(opened?.app.stderr());
    await opened?.close();
    await cluster?.down();
  });
  const must = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return v;
  };
  return {
    cluster: () => must(cluster, 'the test cluster'),
    opened: () => must(opened, 'the app'),
    page: () => must(opened, 'the app').page,
  };
}
