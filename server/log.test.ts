import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("logger", () => {
  it("never writes message text, variable values or secrets", () => {
    const { lines, stream } = capture();
    const log = createLogger("debug", stream);
    log.info({ sessionId: "s1", text: "I feel hopeless", message: { text: "private words" } }, "turn done");
    log.debug({ variable: { name: "mood", value: "very low" }, AUTH_SECRET: "shh" }, "variable set");
    const output = lines.join("");
    expect(output).toContain("s1");
    expect(output).toContain("turn done");
    expect(output).not.toContain("hopeless");
    expect(output).not.toContain("private words");
    expect(output).not.toContain("very low");
    expect(output).not.toContain("shh");
  });

  it("respects the level", () => {
    const { lines, stream } = capture();
    const log = createLogger("warn", stream);
    log.info("hidden");
    log.warn("shown");
    expect(lines.join("")).not.toContain("hidden");
    expect(lines.join("")).toContain("shown");
  });
});
