/** The metrics token the browser tests' server runs with (production serves metrics only with one). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
