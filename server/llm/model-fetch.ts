/**
 * The fetch the model provider calls. Next replaces `globalThis.fetch` with a wrapper for its data
 * cache and instrumentation, and keeps the fetch it wrapped as `_nextOriginalFetch`. Model calls are
 * never cached by Next (each carries an abort signal), so they go to the wrapped fetch directly and
 * skip Next's per-call work. Resolved on every call, as Next may patch after this module loads.
 *
 * Tracing keeps its HTTP span whichever wrapped first: when Next wrapped the instrumented fetch, the
 * fetch it kept is the instrumented one; when the instrumentation wrapped Next's wrapper, the global
 * has no `_nextOriginalFetch` and the whole chain runs. Outside Next (tests, scripts) this is
 * `globalThis.fetch` itself.
 */
type PatchedFetch = typeof fetch & { _nextOriginalFetch?: typeof fetch };

export const modelFetch: typeof fetch = (input, init) => {
  const current = globalThis.fetch as PatchedFetch;
  return (current._nextOriginalFetch ?? current)(input, init);
};
