/**
 * What a tRPC caller is told when something fails, through the route handler Next runs: inputs
 * out of a column's range are refused with a 400 before any query; a failure nobody planned for
 * answers 500 with a plain sentence, never the database's text (which quotes stored data), and is
 * logged once with its cause, never with the call's input.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueClientToken } from "@/server/auth/identity";
import { getLogger } from "@/server/log";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { setUpTestDatabase } from "../support/set-up-test-database";

const testDb = setUpTestDatabase({ routes: true });

afterEach(() => vi.restoreAllMocks());

const clientCookie = () => `hl_client=${encodeURIComponent(issueClientToken("c_errors", testDb.platform.env.AUTH_SECRET))}`;

function query(procedure: string, input: unknown): Promise<Response> {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  return GET(new Request(`http://127.0.0.1/api/trpc/${procedure}?input=${encoded}`, { headers: { cookie: clientCookie() } }), undefined);
}

type ErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number; stack?: string } } } };

describe("tRPC failures", () => {
  it("refuses an integer beyond a Postgres integer with a 400 naming the field", async () => {
    const response = await query("session.messages", { sessionId: "s_none", afterSeq: 2_147_483_648 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.json.message).toMatch(/^afterSeq: /);
    expect(JSON.stringify(body)).not.toMatch(/int4|out of range|Prisma|postgres/i);
  });

  it("answers an unplanned failure with a plain 500 and logs its cause once, without the input or the quoted data", async () => {
    const secret = "words a client wrote 5f2a";
    vi.spyOn(testDb.db.sql, "query").mockRejectedValue(
      Object.assign(new Error(`invalid input syntax for type integer: "${secret}"`), { name: "DatabaseError", code: "22P02", detail: secret, table: "Message" }),
    );
    const error = vi.spyOn(getLogger(), "error");
    const response = await query("session.scripts", { note: secret });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/invalid input syntax|22P02|DatabaseError/);
    expect(((JSON.parse(text) as ErrorBody).error.json.message)).toBe("Something went wrong on our side. Please try again.");

    const logged = error.mock.calls.filter(([, message]) => message === "tRPC call failed");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[0]).toMatchObject({ procedure: "session.scripts", type: "query", cause: { name: "DatabaseError", code: "22P02", table: "Message" } });
    expect(JSON.stringify(error.mock.calls)).not.toContain(secret);
  });

  it("keeps the message of a refusal the caller can act on", async () => {
    const response = await POST(
      new Request("http://127.0.0.1/api/trpc/session.start", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: clientCookie() },
        body: JSON.stringify({ json: { scriptId: "no-such-script" } }),
      }),
      undefined,
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.json.message).toMatch(/does not exist/);
  });
});
