/** Moves an item of a list one place up (-1) or down (+1), in place; nothing at the ends. */
export function moveItem<T>(list: T[], index: number, by: -1 | 1): void {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item as T);
}
