import type { Engine } from '../../agent/src/engines/engine';
import { noAnnotations } from '../../agent/src/engines/linux/annotations';
import { linuxEngineOf } from '../../agent/src/engines/linux/engine';
import type { LinuxServices } from '../../agent/src/engines/linux/services';

/** A linux engine for handler tests that need no jobs: nothing recorded, no cgroup freezer. */
export function fakeEngine(overrides: Partial<LinuxServices> = {}): Engine {
  const services: LinuxServices = {
    user: { name: 'tester', uid: 1000, isRoot: false },
    jobFreezeMethod: 'sigstop',
    cgroups: null,
    annotations: noAnnotations,
    jobs: 'no job store in this test',
    userName: (uid) => String(uid),
    availableMemory: async () => 1024 ** 3,
    ...overrides,
  };
  const log = { info: () => undefined, error: () => undefined };
  return linuxEngineOf(services, log, { reason: 'a test' });
}
