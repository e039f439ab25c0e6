import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ScriptFileInputSchema } from "./json-schema";
import { scriptJsonSchema } from "./index";

const FIXTURES = join(__dirname, "../../../tests/fixtures/scripts");

type JsonObject = Record<string, unknown>;

/** Every sub-schema that declares `properties[name]`. */
function propertiesNamed(schema: unknown, name: string, found: JsonObject[] = []): JsonObject[] {
  if (Array.isArray(schema)) schema.forEach((item) => propertiesNamed(item, name, found));
  else if (schema && typeof schema === "object") {
    const object = schema as JsonObject;
    const properties = object.properties as JsonObject | undefined;
    if (properties && name in properties) found.push(properties[name] as JsonObject);
    Object.values(object).forEach((value) => propertiesNamed(value, name, found));
  }
  return found;
}

describe("scriptJsonSchema", () => {
  const schema = scriptJsonSchema() as JsonObject;

  it("is a draft 2020-12 schema offering the three kinds of script file", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect((schema.anyOf as JsonObject[]).map((s) => s.title)).toEqual(["Session script", "Technique (skill)", "Safety and monitor rules"]);
  });

  it("carries descriptions and examples for hover docs", () => {
    const content = propertiesNamed(schema, "content").find((s) => Array.isArray(s.examples));
    expect(content?.description).toMatch(/placeholders/);
    const sessionId = propertiesNamed(schema, "session_id")[0];
    expect(sessionId).toMatchObject({ pattern: "^[A-Za-z0-9_]+$", examples: ["cbt_first_assessment"] });
    expect(propertiesNamed(schema, "instrument")[0]).toMatchObject({ enum: ["phq9", "gad7", "phq2", "gad2"] });
  });

  it("describes aliases as deprecated fields that name their canonical field", () => {
    for (const alias of ["content_template", "question_template", "think_goal", "skill_id", "output_variables", "extract_to"]) {
      const found = propertiesNamed(schema, alias);
      expect(found.length, alias).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ deprecated: true, description: expect.stringMatching(/Older name for `\w+`|Belongs inside `config`/) });
    }
  });

  it("flags unknown fields (additionalProperties: false) on actions", () => {
    const action = propertiesNamed(schema, "action_type")[0];
    expect(action).toBeDefined();
    const variants = [...JSON.stringify(schema).matchAll(/"action_type":\{"type":"string","const":"(\w+)"/g)].map((m) => m[1]);
    expect(new Set(variants)).toEqual(new Set(["ai_say", "ai_ask", "ai_think", "use_skill", "assess"]));
    expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
  });

  it("is generated from an input schema that accepts every fixture as written, aliases included", () => {
    for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith(".yaml"))) {
      const result = ScriptFileInputSchema.safeParse(parse(readFileSync(join(FIXTURES, file), "utf8")));
      expect(result.success, `${file}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it("returns a fresh copy each time", () => {
    const first = scriptJsonSchema() as JsonObject;
    first.title = "changed";
    expect((scriptJsonSchema() as JsonObject).title).toBe("Heartline counselling script");
  });
});
