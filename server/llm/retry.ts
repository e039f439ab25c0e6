import { backOff } from "exponential-backoff";
import { CodedLlmError } from "./errors";

export interface RetryPolicy {
  /** Retries after the first attempt (0 = one attempt only). */
  maxRetries: number;
  /** The first backoff step; each later step doubles, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the retries run out.
 * The AI SDK's own retries are switched off (its backoff has no jitter and a fixed 2 s start),
 * so every attempt here is one HTTP request. Full jitter spreads out clients that failed together.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  let attempts = 0;
  try {
    return await backOff(
      () => {
        attempts++;
        return attempt();
      },
      {
        numOfAttempts: policy.maxRetries + 1,
        startingDelay: policy.baseDelayMs,
        timeMultiple: 2,
        maxDelay: policy.maxDelayMs,
        jitter: "full",
        delayFirstAttempt: false,
        retry: (error: unknown) => error instanceof CodedLlmError && error.retryable,
      },
    );
  } catch (error) {
    if (error instanceof CodedLlmError && attempts > 1) {
      throw new CodedLlmError(`${error.message} (tried ${attempts} times)`, error.purpose, error.retryable, error.code, { cause: error.cause });
    }
    throw error;
  }
}
