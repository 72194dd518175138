/** A fake cluster of config agents and a ConfigService on a journal in a temp dir, for the apply's unit tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigApply, NodeChanges, TaskRecord } from '../../electron/api';
import { ApplyJournal } from '../../electron/hub/config/applyJournal';
import { ConfigService } from '../../electron/hub/config/configService';
import { silentLog } from '../../electron/hub/log';
import { FakeConfigCluster, FakeConfigNode, sha } from './fakeConfigNodes';

export const OLD = { 'mosix.map': '10.0.0.1 3\n' };
export const NEW = '10.0.0.1 4\n';
const dirs: string[] = [];

export function fixture(count = 3, files: Record<string, string> = OLD) {
  const dir = mkdtempSync(join(tmpdir(), 'mosdesk-cfg-'));
  dirs.push(dir);
  const cluster = new FakeConfigCluster(
    'lab',
    Array.from({ length: count }, (_, k) => new FakeConfigNode(`n${k + 1}`, files)),
  );
  return { dir, cluster, ...serviceOn(cluster, dir) };
}

export function serviceOn(cluster: FakeConfigCluster, dir: string) {
  const journal = new ApplyJournal({ path: join(dir, 'config-applies.json'), warn: () => undefined });
  const tasks: TaskRecord[] = [];
  const events: ConfigApply[] = [];
  const notices: string[] = [];
  const service = new ConfigService({
    nodes: cluster,
    journal,
    showTask: (t) => tasks.push(t),
    emit: (a) => events.push(a),
    localUser: 'admin',
    log: silentLog,
    notice: (t) => notices.push(t),
    fanout: 2,
  });
  return { journal, service, tasks, events, notices };
}

/** Each node: mosix.map to `text`, with the base the node has now. */
export function changeMap(cluster: FakeConfigCluster, text: string | null = NEW): NodeChanges[] {
  return cluster.nodes.map((n) => {
    const now = n.files.get('mosix.map');
    return { nodeId: n.id, changes: [{ name: 'mosix.map', text, base: now === undefined ? null : sha(now) }] };
  });
}

export const mapOf = (n: FakeConfigNode) => n.files.get('mosix.map');
export const journalOnDisk = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'config-applies.json'), 'utf8')) as { applies: ConfigApply[] };

export function removeFixtures(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
