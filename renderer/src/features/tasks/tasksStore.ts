import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HubEvents, TaskRecord, TaskRequest } from '../../../../electron/api';
import { useHubEvent } from '../../shared/composables/useHubEvent';
import { messageOf } from '../../shared/messageOf';
import { useHub } from '../../hub/useHub';
import { drawerLine, isActive, needsLook, withTask } from './taskList';

/** Every action the admin started, as the hub runs and records them. */
export const useTasksStore = defineStore('tasks', () => {
  const hub = useHub();
  const tasks = ref<TaskRecord[]>([]);
  const loadError = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      const { tasks: listed } = await hub.call('tasks.list', { limit: 200 });
      // Events may have come first: they are newer than the list.
      tasks.value = listed.reduce((all, t) => (all.some((x) => x.id === t.id) ? all : withTask(all, t)), tasks.value);
      loadError.value = null;
    } catch (err) {
      loadError.value = messageOf(err);
    }
  }

  /** Starts tasks; a refusal (unknown node, bad request) reaches the caller as HubRequestError. */
  async function start(clusterId: string, items: TaskRequest[]): Promise<TaskRecord[]> {
    const { tasks: started } = await hub.call('tasks.start', { clusterId, items });
    for (const t of started) tasks.value = withTask(tasks.value, tasks.value.find((x) => x.id === t.id) ?? t);
    return started;
  }

  async function markSeen(ids: string[]): Promise<void> {
    if (ids.length > 0) await hub.call('tasks.seen', { taskIds: ids }).catch(() => undefined);
  }

  const applyChanged = ({ task }: HubEvents['task.changed']) => (tasks.value = withTask(tasks.value, task));
  useHubEvent('task.changed', applyChanged);

  const active = computed(() => tasks.value.filter(isActive));
  const unseen = computed(() => tasks.value.filter(needsLook));
  const line = computed(() => drawerLine(tasks.value));
  return { tasks, loadError, active, unseen, line, load, start, markSeen, applyChanged };
});
