import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drain, isDraining, openResponses, resetLifecycle, runningTurns, trackTurn, watchHttpResponses } from "./lifecycle";

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
    expect(await drained).toEqual({ turns: 0, responses: 0 });
  });

  it("gives up after the timeout and says how many were still running", async () => {
    trackTurn(new Promise(() => {}));
    expect(await drain(30)).toEqual({ turns: 1, responses: 0 });
  });

  it("keeps its state where every bundle of the build sees it, not in this module's copy", async () => {
    // Next bundles the instrumentation hook (which handles SIGTERM) and each route into separate
    // chunks, each with its own copy of this module: the state must be process-wide.
    const registry = (globalThis as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for("heartline.process-registry")];
    const shared = registry?.get("heartline.lifecycle") as { draining: boolean; turns: Set<unknown> } | undefined;
    expect(shared).toBeDefined();
    trackTurn(new Promise(() => {}));
    expect(shared?.turns.size).toBe(1);
    void drain(10);
    expect(shared?.draining).toBe(true);
  });

  it("waits for responses still being sent", async () => {
    watchHttpResponses();
    let release!: () => void;
    const server = http.createServer((_req, res) => {
      res.write("first part");
      release = () => res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(openResponses()).toBe(1);
      const drained = drain(5_000);
      setTimeout(() => release(), 30);
      expect(await response.text()).toBe("first part");
      expect(await drained).toEqual({ turns: 0, responses: 0 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
