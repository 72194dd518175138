/** Pure updates of the window's task list from replies and `task.changed` events. */
import type { TaskAction, TaskRecord } from '../../../../electron/api/tasks';

/** Newest first; at most `keep` (the hub's record is longer, the drawer shows the recent ones). */
export function withTask(tasks: readonly TaskRecord[], task: TaskRecord, keep = 500): TaskRecord[] {
  const rest = tasks.filter((t) => t.id !== task.id);
  return [task, ...rest].sort((a, b) => b.createdAt - a.createdAt).slice(0, keep);
}

export const isActive = (t: TaskRecord): boolean => t.state === 'queued' || t.state === 'running';
/** A task that went wrong and that the admin has not seen yet: it keeps the drawer's line red. */
export const needsLook = (t: TaskRecord): boolean => !isActive(t) && t.state !== 'done' && !t.seen;

/** The drawer's one line: "2 running · 1 failed, not seen" or the last outcome. */
export function drawerLine(tasks: readonly TaskRecord[]): string {
  const running = tasks.filter(isActive).length;
  const wrong = tasks.filter(needsLook).length;
  const parts = [];
  if (running) parts.push(`${running} running`);
  if (wrong) parts.push(`${wrong} not done, not seen`);
  if (parts.length) return parts.join(' · ');
  const last = tasks[0];
  return last ? `Last: ${actionText(last)} — ${last.state}` : 'No tasks yet: actions on processes show here.';
}

/** What a task on processes does, as the start of its line. */
function verbOf(a: TaskAction): string {
  switch (a.kind) {
    case 'signal':
      return `SIG${a.signal} to`;
    case 'checkpoint':
      return a.then === 'continue' ? 'checkpoint' : `checkpoint and ${a.then}`;
    case 'home':
      return 'send home';
    case 'queue':
      return `queue: ${a.op === 'cngpri' ? `priority ${a.priority ?? '?'} for` : a.op === 'run' ? 'run now' : a.op}`;
    default:
      return a.kind;
  }
}

/** "freeze 4711 on node2", "SIGKILL to Job ID 7 of alice on node3". */
export function actionText(t: TaskRecord): string {
  const a = t.action;
  if (a.kind === 'configure') {
    const files = 'files' in t.target ? t.target.files.length : 0;
    return `${a.rollbackOf ? 'roll back' : 'apply'} /etc/mosix (${files} file${files === 1 ? '' : 's'}) on ${t.nodeName}`;
  }
  const verb = verbOf(a);
  const target =
    'pid' in t.target
      ? String(t.target.pid)
      : 'jobId' in t.target
        ? `Job ID ${t.target.jobId}${t.target.user ? ` of ${t.target.user}` : ''}`
        : '';
  const to = a.kind === 'migrate' ? ` to ${a.to}` : '';
  return `${verb} ${target} on ${t.nodeName}${to}`;
}
