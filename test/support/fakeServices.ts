import { noAnnotations } from '../../agent/src/engines/linux/annotations';
import type { AgentServices } from '../../agent/src/server/context';

/** Services for handler tests that need no jobs: nothing recorded, no cgroup freezer. */
export function fakeServices(overrides: Partial<AgentServices> = {}): AgentServices {
  return {
    user: { name: 'tester', uid: 1000, isRoot: false },
    jobFreezeMethod: 'sigstop',
    cgroups: null,
    annotations: noAnnotations,
    jobs: 'no job store in this test',
    userName: (uid) => String(uid),
    availableMemory: async () => 1024 ** 3,
    ...overrides,
  };
}
