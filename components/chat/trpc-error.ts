/** The tRPC error code of a failed query or mutation ("NOT_FOUND", …), if it has one. */
export function trpcErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === "string" ? code : undefined;
}
