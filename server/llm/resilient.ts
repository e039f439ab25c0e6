/**
 * Keeps conversations going when the model is not: a circuit breaker stops calling a model that
 * keeps failing (so clients do not wait for timeouts), and while the model is unavailable each
 * call falls back to template mode — the script's own words and rule-based extraction — for that
 * step. A message already half streamed cannot be swapped, so that case still fails cleanly.
 */
import { LlmError, type LlmPort } from "../engine/llm/port";
import { templateLlm } from "../engine/llm/template";

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  openMs: number;
  now?: () => number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, openMs: 30_000 };

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;

  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** True when a call may go to the model (closed, or open long enough for a trial). */
  allows(): boolean {
    return this.openedAt === null || this.now - this.openedAt >= this.options.openMs;
  }

  get state(): "closed" | "open" | "half-open" {
    if (this.openedAt === null) return "closed";
    return this.allows() ? "half-open" : "open";
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = null;
  }

  failed(): void {
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold || this.openedAt !== null) this.openedAt = this.now;
  }
}

function unavailable(purpose: string): LlmError {
  return new LlmError("The model is not available right now", purpose, true);
}

/**
 * Wraps a model port. With `fallback: true` a failed or refused call is answered in template mode;
 * with `fallback: false` it fails at once while the circuit is open.
 */
export function resilientLlm(model: LlmPort, breaker: CircuitBreaker, options: { fallback: boolean }): LlmPort {
  async function call<T>(purpose: string, viaModel: () => Promise<T>, viaTemplate: () => Promise<T>): Promise<T> {
    if (!breaker.allows()) {
      if (options.fallback) return viaTemplate();
      throw unavailable(purpose);
    }
    try {
      const result = await viaModel();
      breaker.succeeded();
      return result;
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      breaker.failed();
      if (options.fallback && error.retryable) return viaTemplate();
      throw error;
    }
  }

  return {
    mode: model.mode,
    model: model.model,
    async *compose(request) {
      if (!breaker.allows()) {
        if (!options.fallback) throw unavailable("compose");
        yield* templateLlm.compose(request);
        return;
      }
      let streamed = false;
      try {
        for await (const delta of model.compose(request)) {
          streamed = true;
          yield delta;
        }
        breaker.succeeded();
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        breaker.failed();
        if (streamed || !options.fallback || !error.retryable) throw error;
        yield* templateLlm.compose(request);
      }
    },
    extract: (request) => call("extract", () => model.extract(request), () => templateLlm.extract(request)),
    judge: (request) => call("judge", () => model.judge(request), () => templateLlm.judge(request)),
    think: (request) => call("think", () => model.think(request), () => templateLlm.think(request)),
    interpret: (request) => call("interpret", () => model.interpret(request), () => templateLlm.interpret(request)),
    summarise: (request) => call("summarise", () => model.summarise(request), () => templateLlm.summarise(request)),
    ...(model.classifyRisk
      ? {
          // The lexicon always runs; without the classifier the level is the lexicon's alone.
          classifyRisk: (request) =>
            call("classify_risk", () => model.classifyRisk!(request), async () => ({ level: "none", category: "none", rationale: "model unavailable" })),
        }
      : {}),
  };
}
