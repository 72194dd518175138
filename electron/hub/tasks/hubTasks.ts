import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { TaskRecord } from '../../api';
import type { HubLog } from '../log';
import type { NoticeBoard } from '../notices';
import { TaskRecordStore } from './taskRecord';
import { TaskRunner, type TaskRunnerOptions } from './taskRunner';

/** The workstation's login; a user with no passwd entry (some containers) falls back to $USER. */
export function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export interface HubTasksOptions {
  /** Where tasks.json lives; without it, the record lasts as long as the hub. */
  userDataDir: string | undefined;
  log: HubLog;
  notices: NoticeBoard;
  onChange(task: TaskRecord): void;
  perCluster?: TaskRunnerOptions['perCluster'];
  timing?: TaskRunnerOptions['timing'];
}

/** The hub's task runner and its record; `loaded` settles once the kept record is read. */
export function createHubTasks(opts: HubTasksOptions): { runner: TaskRunner; loaded: Promise<void> } {
  const record = new TaskRecordStore(
    opts.userDataDir === undefined
      ? undefined
      : {
          path: join(opts.userDataDir, 'tasks.json'),
          warn: (message, err) => opts.log.warn(message, err),
          notice: (text) => void opts.notices.raise('warning', text),
        },
  );
  const runner = new TaskRunner({
    onChange: opts.onChange,
    record,
    localUser: localUser(),
    log: opts.log,
    ...(opts.perCluster !== undefined && { perCluster: opts.perCluster }),
    ...(opts.timing && { timing: opts.timing }),
  });
  return { runner, loaded: record.load() };
}
