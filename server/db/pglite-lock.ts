/**
 * PGlite is single-process: two processes that open one folder each see their own copy, and what
 * one writes the other never reads (an admin created by the CLI while `npm run dev` runs "exists"
 * only for the CLI). So whoever opens the folder (the app, a CLI command) first takes a lock file
 * naming its process; another live process is refused with a message that says what to do. A lock
 * left by a process that is gone is taken over; within one process the folder may be opened again
 * (dev hot reload, tests), and the lock goes with the last close.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processSlot } from "../process-registry";

export const APP_LOCK_FILE = "heartline-app.lock";

export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by another Heartline process (pid ${pid}), such as \`npm run dev\` or \`npm start\`. ` +
        "Stop it first (PGlite is single-process), or use DATABASE_URL for a database several processes can share.",
    );
    this.name = "DatabaseInUseError";
  }
}

/** How many times this process has the folder open, by lock file. */
const opened = processSlot("pglite-lock.opened", () => new Map<string, number>());

function holder(file: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return pid;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

/** Takes the folder for this process; returns the release. Throws DatabaseInUseError when another live process has it. */
export function lockPgliteDir(dir: string): () => void {
  const file = path.join(dir, APP_LOCK_FILE);
  const counts = opened.get();
  for (let attempt = 0; attempt < 3; attempt++) {
    const count = counts.get(file) ?? 0;
    if (count > 0 && holder(file) === process.pid) {
      counts.set(file, count + 1);
      return release(file);
    }
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      counts.set(file, 1);
      return release(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = holder(file);
    if (pid !== undefined && pid !== process.pid) throw new DatabaseInUseError(dir, pid);
    try {
      unlinkSync(file); // left by a process that is gone (or by this one, closed without releasing)
    } catch {
      // another process took it over meanwhile: look again
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}.`);
}

function release(file: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const counts = opened.get();
    const left = (counts.get(file) ?? 1) - 1;
    if (left > 0) {
      counts.set(file, left);
      return;
    }
    counts.delete(file);
    if (holder(file) === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
}
