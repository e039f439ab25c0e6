/**
 * Process-wide state, in the one place every bundle sees.
 *
 * Next builds the instrumentation hook and each route into chunks of their own, and each chunk
 * holds its own copy of a module's top-level variables: a `let draining = false` set by the
 * SIGTERM handler (instrumentation) is never seen by the chat route. Anything that must exist once
 * per process (shutdown state, the platform, metrics, the model's circuit breaker) lives here,
 * on `globalThis` under a `Symbol.for` key, which every chunk (and a dev hot reload) resolves to
 * the same slot.
 */
const REGISTRY_KEY = Symbol.for("heartline.process-registry");

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

/** One named value per process. `create` runs on first use only, from whichever chunk comes first. */
export interface ProcessSlot<T> {
  /** The value, created on first use. */
  get(): T;
  /** The value if it was created, without creating it. */
  peek(): T | undefined;
  /** Replaces the value (tests, and closing the platform). `undefined` forgets it. */
  set(value: T | undefined): void;
}

export function processSlot<T>(name: string, create: () => T): ProcessSlot<T> {
  const key = `heartline.${name}`;
  return {
    get() {
      const slots = registry();
      if (!slots.has(key)) slots.set(key, create());
      return slots.get(key) as T;
    },
    peek() {
      return registry().get(key) as T | undefined;
    },
    set(value) {
      if (value === undefined) registry().delete(key);
      else registry().set(key, value);
    },
  };
}
