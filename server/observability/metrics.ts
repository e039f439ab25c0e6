/**
 * Prometheus metrics (prom-client), one registry per process. Labels carry routes, models, levels
 * and outcomes only — never ids or anything a client wrote.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { LlmUsage } from "../engine/llm/port";
import { processSlot } from "../process-registry";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5, 10, 30];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "heartline_process_" });
  return {
    registry,
    httpRequests: new Counter({ name: "heartline_http_requests_total", help: "HTTP requests by route, method and status.", labelNames: ["route", "method", "status"], registers: [registry] }),
    httpDuration: new Histogram({ name: "heartline_http_request_duration_seconds", help: "HTTP request latency.", labelNames: ["route", "method"], buckets: LATENCY_BUCKETS, registers: [registry] }),
    turns: new Counter({ name: "heartline_turns_total", help: "Client turns by outcome (ok, replayed, or the error code).", labelNames: ["outcome"], registers: [registry] }),
    turnDuration: new Histogram({ name: "heartline_turn_duration_seconds", help: "Time to run and store a turn.", buckets: LATENCY_BUCKETS, registers: [registry] }),
    timeToFirstToken: new Histogram({ name: "heartline_time_to_first_token_seconds", help: "Time from a client message to the first streamed text.", buckets: LATENCY_BUCKETS, registers: [registry] }),
    llmCalls: new Counter({ name: "heartline_llm_calls_total", help: "Model calls by model, purpose and outcome.", labelNames: ["model", "purpose", "outcome"], registers: [registry] }),
    llmTokens: new Counter({ name: "heartline_llm_tokens_total", help: "Model tokens by model and kind.", labelNames: ["model", "kind"], registers: [registry] }),
    llmDuration: new Histogram({ name: "heartline_llm_call_duration_seconds", help: "Model call latency (retries included).", labelNames: ["model"], buckets: LATENCY_BUCKETS, registers: [registry] }),
    safetyEvents: new Counter({ name: "heartline_safety_events_total", help: "Safety detections by level.", labelNames: ["level"], registers: [registry] }),
    cacheErrors: new Counter({ name: "heartline_cache_errors_total", help: "Cache operations that failed.", labelNames: ["operation"], registers: [registry] }),
    activeSessions: new Gauge({ name: "heartline_active_sessions", help: "Sessions active in the last 30 minutes.", registers: [registry] }),
    dbPool: new Gauge({ name: "heartline_db_pool_connections", help: "Database pool connections by state (waiting: queries waiting for a connection).", labelNames: ["state"], registers: [registry] }),
    ready: new Gauge({ name: "heartline_ready", help: "1 when this instance is ready to serve (database answers, migrations applied, not shutting down), else 0.", registers: [registry] }),
    llmCircuit: new Gauge({ name: "heartline_llm_circuit_state", help: "The model's circuit breaker: 1 for its current state (closed, open, half_open), 0 for the others.", labelNames: ["state"], registers: [registry] }),
    unreviewedSafetyEvents: new Gauge({ name: "heartline_safety_unreviewed_events", help: "Safety events of high or imminent risk no counsellor has reviewed yet, by level.", labelNames: ["level"], registers: [registry] }),
    oldestUnreviewedSafetyEvent: new Gauge({ name: "heartline_safety_oldest_unreviewed_seconds", help: "Age of the oldest unreviewed safety event of high or imminent risk, by level (0 when none waits).", labelNames: ["level"], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per process, whichever chunk records first. */
const metricsSlot = processSlot("metrics", createMetrics);

export function getMetrics(): Metrics {
  return metricsSlot.get();
}

export function recordLlmUsage(usage: LlmUsage, metrics: Metrics = getMetrics()): void {
  const purpose = usage.purpose.split(":")[0] ?? usage.purpose;
  metrics.llmCalls.inc({ model: usage.model, purpose, outcome: usage.error ?? "ok" });
  metrics.llmDuration.observe({ model: usage.model }, usage.latencyMs / 1000);
  if (usage.promptTokens) metrics.llmTokens.inc({ model: usage.model, kind: "prompt" }, usage.promptTokens);
  if (usage.completionTokens) metrics.llmTokens.inc({ model: usage.model, kind: "completion" }, usage.completionTokens);
}
