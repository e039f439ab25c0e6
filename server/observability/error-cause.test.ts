import { describe, expect, it } from "vitest";
import { errorCause } from "./error-cause";

describe("errorCause", () => {
  it("keeps the class, code, schema names and the first line of the message, with every quoted part cut out", () => {
    const pgError = Object.assign(new Error('invalid input syntax for type integer: "I want to die"\nmore'), {
      code: "22P02",
      routine: "pg_strtoint32",
      constraint: "Message_pkey",
      detail: "Token \"I want to die\" is invalid.",
      where: "JSON data, line 1: [{\"text\":\"I want to die",
    });
    const cause = errorCause(pgError);
    expect(cause).toEqual({ name: "Error", code: "22P02", message: "invalid input syntax for type integer: …", routine: "pg_strtoint32", constraint: "Message_pkey" });
    expect(JSON.stringify(cause)).not.toContain("die");
  });

  it("follows causes a few levels down, and describes what is not an Error by its type only", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(errorCause(new Error("outer 'secret'", { cause: inner }))).toEqual({
      name: "Error",
      message: "outer …",
      cause: { name: "Error", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" },
    });
    expect(errorCause("I want to die")).toEqual({ name: "string" });
    expect(errorCause(null)).toEqual({ name: "null" });
  });
});
