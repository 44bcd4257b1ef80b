/*
 * `Array.prototype.flat` and `flatMap` as plain loops. Rules flatten short lists on every visit, and on Node 20 the
 * built-ins cost ~6× a loop for them (measured: ~370 ns against ~60 ns for two lists of one item).
 */

/** `lists.flat()`. */
export function flat<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/** `list.flatMap(each)`: an array that `each` returns is spread, anything else added as it is. */
export function flatMap<T, U>(list: readonly T[], each: (item: T) => U | readonly U[]): U[] {
  const out: U[] = [];
  for (const item of list) {
    const mapped = each(item);
    if (Array.isArray(mapped)) for (const value of mapped as readonly U[]) out.push(value);
    else out.push(mapped as U);
  }
  return out;
}
