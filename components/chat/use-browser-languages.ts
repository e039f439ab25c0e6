"use client";

import { useSyncExternalStore } from "react";

const NONE: readonly string[] = [];
let cached: readonly string[] | null = null;

function snapshot(): readonly string[] {
  // One array for the page's life, so React sees a stable value.
  cached ??= navigator.languages?.length ? [...navigator.languages] : [navigator.language];
  return cached;
}

/** The browser's language tags, best first ([] on the server). */
export function useBrowserLanguages(): readonly string[] {
  return useSyncExternalStore(
    () => () => {},
    snapshot,
    () => NONE,
  );
}
