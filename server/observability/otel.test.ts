import { describe, expect, it } from "vitest";
import { otlpEndpoint } from "./otel";

describe("otlpEndpoint", () => {
  it("is null when no endpoint is set, so tracing stays off", () => {
    expect(otlpEndpoint({})).toBeNull();
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBeNull();
  });

  it("takes the traces endpoint first, then the general one", () => {
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe("http://collector:4318");
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/v1/traces" })).toBe("https://traces.example/v1/traces");
  });

  it("refuses a value that is not an http(s) URL, naming the variable", () => {
    expect(() => otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/);
    expect(() => otlpEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "grpc://collector:4317" })).toThrow(/^OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/);
  });
});
