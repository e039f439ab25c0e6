/**
 * Reading the normalised tree for the semantic checks. They run even when the schema found
 * errors, so nothing here trusts a value's type: a value of the wrong type is skipped, and the
 * schema's report is the one that names it.
 */
import { isObject, type Obj } from "./normalise";
import { childPath } from "./source-map";

/** A path, or how to build it: most checks pass, so most paths are never needed. */
export type LazyPath = string | (() => string);

export const resolvePath = (path: LazyPath): string => (typeof path === "string" ? path : path());

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The mapping items of `parent[key]` with their paths (other items are the schema's business). */
export function itemsOf(parent: Obj, key: string, path: string): [Obj, string][] {
  const list = parent[key];
  if (!Array.isArray(list)) return [];
  const listPath = childPath(path, key);
  const items: [Obj, string][] = [];
  for (let index = 0; index < list.length; index++) {
    const item: unknown = list[index];
    if (isObject(item)) items.push([item, `${listPath}[${index}]`]);
  }
  return items;
}
