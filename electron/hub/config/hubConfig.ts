import { join } from 'node:path';
import type { ConfigApply, TaskRecord } from '../../api';
import type { Cluster } from '../clusters/cluster';
import type { HubLog } from '../log';
import { ApplyJournal } from './applyJournal';
import { ConfigService } from './configService';
import { sessionConfigNodes } from './sessionConfigNodes';

export interface HubConfigOptions {
  clusters: ReadonlyMap<string, Cluster>;
  /** Where config-applies.json lives; without it, the journal lasts as long as the hub. */
  userDataDir: string | undefined;
  log: HubLog;
  localUser: string;
  showTask(task: TaskRecord): void;
  emit(apply: ConfigApply): void;
  notice(text: string): void;
}

/** The hub's /etc/mosix service over its live clusters, with its journal in the user-data folder. */
export function createHubConfig(opts: HubConfigOptions): ConfigService {
  const journal = new ApplyJournal(
    opts.userDataDir === undefined
      ? undefined
      : { path: join(opts.userDataDir, 'config-applies.json'), warn: (m, err) => opts.log.warn(m, err) },
  );
  return new ConfigService({
    nodes: sessionConfigNodes(opts.clusters),
    journal,
    showTask: opts.showTask,
    emit: opts.emit,
    localUser: opts.localUser,
    log: opts.log,
    notice: opts.notice,
  });
}
