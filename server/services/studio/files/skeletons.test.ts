import { describe, expect, it } from "vitest";
import { compileScript } from "../../../engine/script";
import { skeletonFor } from "./skeletons";

describe("new file skeletons", () => {
  it.each([
    ["sessions/first-visit.yaml", "session", "first_visit"],
    ["techniques/box breathing.yml", "technique", "box_breathing"],
    ["safety/crisis.yaml", "safety", "crisis"],
    ["notes/other.yaml", "session", "other"],
    ["sessions/2024.yaml", "session", "2024"],
    ["techniques/yes.yaml", "technique", "yes"],
  ] as const)("%s compiles without errors or warnings as a %s", (path, kind, key) => {
    const result = compileScript(skeletonFor(path), { knownTechniques: [], fileName: path, forClients: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && { kind: result.script.kind, key: result.script.key }).toEqual({ kind, key });
  });

  it("quotes names that YAML would misread", () => {
    const yaml = skeletonFor("sessions/yes: no #1.yaml");
    expect(yaml).toContain('name: "Yes: no #1"');
  });
});
