/**
 * Starts OpenTelemetry tracing for this process: Next's own spans (requests, route handlers),
 * Heartline's (routes, tRPC procedures, a chat turn's steps, plain SQL), Prisma's queries, fetch
 * (the model provider's HTTP calls) and the AI SDK's model operations. Exported by OTLP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); without one, tracing stays off.
 */
import { registerOTel, type Configuration } from "@vercel/otel";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { registerTelemetry } from "ai";
import { openTelemetryIntegration } from "./ai-telemetry";
import { markTracingOn, tracingOn } from "./tracing";

const ENDPOINT_VARIABLES = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"] as const;

/** The configured OTLP endpoint, or null when none is set; a value that is not an http(s) URL is refused, naming the variable. */
export function otlpEndpoint(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  for (const name of ENDPOINT_VARIABLES) {
    const value = env[name]?.trim();
    if (!value) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new Error(`${name} must be an http(s) URL such as http://otel-collector:4318; got "${value}".`);
    }
    return value;
  }
  return null;
}

/**
 * Registers the tracer provider once per process. `spanProcessors` replaces the OTLP export
 * (tests pass an in-memory exporter); without it an OTLP endpoint must be configured.
 */
export function startTracing(options: Pick<Configuration, "spanProcessors"> = {}): boolean {
  if (tracingOn()) return true;
  if (!options.spanProcessors && !otlpEndpoint()) return false;
  registerOTel({
    serviceName: process.env.OTEL_SERVICE_NAME?.trim() || "heartline",
    instrumentations: ["fetch", new PrismaInstrumentation()],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  registerTelemetry(openTelemetryIntegration());
  markTracingOn();
  return true;
}
