/** The tRPC error code of a failed call ("CONFLICT", "NOT_FOUND", …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === "string" ? code : undefined;
}

/** A sentence to show for a failed call: input problems as one line, else the server's message. */
export function errorMessage(error: unknown, fallback = "Something went wrong. Please try again."): string {
  if (!error) return fallback;
  const data = (error as { data?: { zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null } }).data;
  const zod = data?.zodError;
  if (zod) {
    const first = [...(zod.formErrors ?? []), ...Object.values(zod.fieldErrors ?? {}).flatMap((list) => list ?? [])][0];
    if (first) return first;
  }
  if (error instanceof Error && error.message) {
    // fetch failures say "Failed to fetch": say what it means.
    if (/failed to fetch|networkerror|load failed/i.test(error.message)) return "The server could not be reached. Check the connection and try again.";
    return error.message;
  }
  return fallback;
}
