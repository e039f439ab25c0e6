import { afterEach, describe, expect, it } from "vitest";
import { drain, isDraining, resetLifecycle, runningTurns, trackTurn } from "./lifecycle";

afterEach(resetLifecycle);

describe("graceful shutdown", () => {
  it("waits for running turns before letting the process stop", async () => {
    let finish!: () => void;
    const turn = trackTurn(new Promise<void>((resolve) => (finish = resolve)));
    expect(runningTurns()).toBe(1);
    const drained = drain(5_000);
    expect(isDraining()).toBe(true);
    setTimeout(finish, 20);
    await turn;
    expect(await drained).toBe(0);
  });

  it("gives up after the timeout and says how many were still running", async () => {
    trackTurn(new Promise(() => {}));
    expect(await drain(30)).toBe(1);
  });
});
