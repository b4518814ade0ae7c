/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument
 * and throws a RangeError once an input-sized array outgrows the call stack.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

