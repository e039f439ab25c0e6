import { afterEach, describe, expect, it, vi } from "vitest";
import { modelFetch } from "./model-fetch";

const nodeFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = nodeFetch;
});

const ok = () => Promise.resolve(new Response("ok"));

describe("modelFetch", () => {
  it("calls the fetch Next wrapped, not Next's wrapper, when Next has patched fetch", async () => {
    const wrapped = vi.fn(ok);
    const nextWrapper = Object.assign(vi.fn(ok), { _nextOriginalFetch: wrapped });
    globalThis.fetch = nextWrapper;
    const init = { method: "POST", body: "{}" };
    expect(await (await modelFetch("http://model.test/v1/chat/completions", init)).text()).toBe("ok");
    expect(wrapped).toHaveBeenCalledWith("http://model.test/v1/chat/completions", init);
    expect(nextWrapper).not.toHaveBeenCalled();
  });

  it("calls the global fetch of the moment otherwise (so an instrumented fetch keeps its HTTP span)", async () => {
    const instrumented = vi.fn(ok);
    globalThis.fetch = instrumented;
    await modelFetch("http://model.test/v1/models");
    expect(instrumented).toHaveBeenCalledOnce();
  });
});
