import { describe, expect, it } from "vitest";
import { idFromName, keyFromPath, kindFromPath, normaliseScriptPath, titleFromName } from "./paths";

const ok = (input: string) => {
  const checked = normaliseScriptPath(input);
  return checked.ok ? checked.path : `refused: ${checked.reason}`;
};

describe("normaliseScriptPath", () => {
  it("keeps ordinary paths and normalises separators and dot segments", () => {
    expect(ok("sessions/intake.yaml")).toBe("sessions/intake.yaml");
    expect(ok("  techniques/breathing.YML ")).toBe("techniques/breathing.YML");
    expect(ok("./sessions//a.yaml")).toBe("sessions/a.yaml");
    expect(ok("sessions\\windows.yaml")).toBe("sessions/windows.yaml");
    expect(ok("top.yaml")).toBe("top.yaml");
    expect(ok("会话/初次.yaml")).toBe("会话/初次.yaml");
  });

  it("refuses paths that leave the project or are not YAML files", () => {
    for (const bad of ["../x.yaml", "sessions/../../x.yaml", "sessions/..\\x.yaml", "/etc/x.yaml", "\\\\server\\share\\x.yaml", "C:/x.yaml", "c:x.yaml", "~/x.yaml"]) {
      expect(normaliseScriptPath(bad).ok, bad).toBe(false);
    }
    expect(ok("sessions/x.txt")).toMatch(/\.yaml or \.yml/);
    expect(ok("sessions/.yaml")).toMatch(/refused/);
    expect(ok("sessions/")).toMatch(/refused/);
    expect(ok("")).toMatch(/refused/);
    expect(ok(".git/config.yaml")).toMatch(/Hidden/);
    expect(ok("sessions/a\u0000b.yaml")).toMatch(/not allowed/);
    expect(ok("sessions/a:b.yaml")).toMatch(/not allowed/);
    expect(ok(`sessions/${"a".repeat(120)}.yaml`)).toMatch(/at most 100/);
    expect(ok(`${"abcdefghi/".repeat(25)}x.yaml`)).toMatch(/at most 200/);
    expect(ok("sessions/ spaced .yaml")).toMatch(/space/);
  });
});

describe("what a path suggests", () => {
  it("reads the kind from the innermost known folder, session otherwise", () => {
    expect(kindFromPath("sessions/a.yaml")).toBe("session");
    expect(kindFromPath("techniques/a.yaml")).toBe("technique");
    expect(kindFromPath("Safety/a.yaml")).toBe("safety");
    expect(kindFromPath("techniques/old/sessions/a.yaml")).toBe("session");
    expect(kindFromPath("misc/a.yaml")).toBe("session");
    expect(kindFromPath("a.yaml")).toBe("session");
  });

  it("makes ids from file names; the safety key is the name itself", () => {
    expect(keyFromPath("sessions/check-in.en.yaml", "session")).toBe("check_in_en");
    expect(keyFromPath("safety/crisis-protocol.yaml", "safety")).toBe("crisis-protocol");
    expect(idFromName("--")).toBe("untitled");
    expect(idFromName("Café olé")).toBe("Cafe_ole");
    expect(titleFromName("check-in.en")).toBe("Check in en");
  });
});
