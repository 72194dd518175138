import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Everything that starts a test cluster (root only): network namespaces and real sshd. */
const SSH_CLUSTER_TESTS = [
  'test/integration/cluster/**/*.test.ts',
  'test/integration/hub/sshClusters.test.ts',
  'test/integration/hub/fromClusterMap.test.ts',
  'test/integration/hub/agentDeploy.test.ts',
  'test/integration/hub/clusterNodes.test.ts',
  'test/integration/hub/passwordLogin.test.ts',
  'test/integration/hub/pamLogin.test.ts',
  'test/integration/hub/clusterProcs.test.ts',
  'test/integration/hub/configApply.test.ts',
  'test/integration/hub/mosixCluster.test.ts',
];

/**
 * Four projects: unit (pure code, milliseconds), integration (real processes, real /proc,
 * real sockets), cluster (the SSH hub against the netns test cluster, one file at a time) and
 * e2e (the built app in Debian's Chromium). `npm test` runs all four.
 */
export default defineConfig({
  root,
  test: {
    projects: [
      {
        plugins: [vue()],
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SSH_CLUSTER_TESTS,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tests on the netns test cluster measure what the issue promises (all nodes up within
        // 3 s of the add, a dead node shown within 5 s): one file at a time, so the figures are
        // the app's and not the sum of every other test file running beside them.
        test: {
          name: 'cluster',
          include: SSH_CLUSTER_TESTS,
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
