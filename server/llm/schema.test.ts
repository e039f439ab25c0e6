import { describe, expect, it } from "vitest";
import { z } from "zod";
import { READING_KEYS, type FieldSpec } from "../engine/llm/port";
import { extractSchema, fieldsSchema, interpretSchema, judgeSchema, presentFields, presentReading } from "./schema";

type JsonSchema = Record<string, unknown>;

/**
 * The property's schema as { nullable, value }: zod writes a nullable primitive as
 * `type: [t, "null"]` and anything else as `anyOf: [schema, { type: "null" }]`.
 */
function propertySchema(field: FieldSpec) {
  const json = z.toJSONSchema(fieldsSchema([field])) as { properties: Record<string, JsonSchema>; required?: string[] };
  const property = json.properties[field.name] ?? {};
  const { description, anyOf, type, ...rest } = property;
  let value: unknown;
  let nullable = false;
  if (Array.isArray(anyOf)) {
    nullable = anyOf.some((branch) => (branch as JsonSchema).type === "null");
    value = anyOf.find((branch) => (branch as JsonSchema).type !== "null");
  } else if (Array.isArray(type)) {
    nullable = type.includes("null");
    value = { ...rest, type: type.find((t) => t !== "null") };
  }
  return { value, nullable, description, required: json.required ?? [] };
}

describe("fieldsSchema", () => {
  it.each<[FieldSpec["type"], unknown]>([
    ["text", { type: "string" }],
    ["number", { type: "number" }],
    ["boolean", { type: "boolean" }],
    ["list", { type: "array", items: { type: "string" } }],
    ["object", { type: "object", properties: {}, additionalProperties: {} }],
  ])("turns a %s field into a nullable JSON Schema type that may be left out", (type, expected) => {
    const { value, nullable, required } = propertySchema({ name: "f", type });
    expect(value).toEqual(expected);
    expect(nullable).toBe(true);
    expect(required).not.toContain("f");
  });

  it("turns string enum values into a string enum", () => {
    expect(propertySchema({ name: "mood", type: "enum", values: ["low", "ok", "good"] })).toMatchObject({
      value: { type: "string", enum: ["low", "ok", "good"] },
      nullable: true,
    });
  });

  it("turns non-string enum values into a literal set, dropping null (null is always allowed)", () => {
    expect(propertySchema({ name: "answer", type: "enum", values: [1, 2, true, null] })).toMatchObject({ value: { enum: [1, 2, true] }, nullable: true });
    const schema = fieldsSchema([{ name: "answer", type: "enum", values: [1, 2, true, null] }]);
    expect(schema.safeParse({ answer: 2 }).success).toBe(true);
    expect(schema.safeParse({ answer: 3 }).success).toBe(false);
    expect(schema.safeParse({ answer: null }).success).toBe(true);
  });

  it("falls back to free text for an enum without values", () => {
    expect(propertySchema({ name: "e", type: "enum" })).toMatchObject({ value: { type: "string" }, nullable: true });
  });

  it("puts the field's description on the property", () => {
    expect(propertySchema({ name: "age", type: "number", description: "The client's age in years" }).description).toBe("The client's age in years");
  });

  it("validates values by type and accepts missing fields", () => {
    const schema = fieldsSchema([
      { name: "name", type: "text" },
      { name: "age", type: "number" },
      { name: "tags", type: "list" },
      { name: "extra", type: "object" },
    ]);
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ name: "Ann", age: 30, tags: ["a"], extra: { nested: [1, { x: null }] } }).success).toBe(true);
    expect(schema.safeParse({ name: 5 }).success).toBe(false);
    expect(schema.safeParse({ age: "thirty" }).success).toBe(false);
    expect(schema.safeParse({ tags: [1] }).success).toBe(false);
    expect(schema.safeParse({ extra: [1] }).success).toBe(false);
  });
});

describe("presentFields", () => {
  const fields: FieldSpec[] = [
    { name: "a", type: "text" },
    { name: "b", type: "boolean" },
    { name: "c", type: "number" },
    { name: "d", type: "text" },
    { name: "e", type: "object" },
  ];

  it("keeps present values (false and 0 included) and leaves out absent and null ones", () => {
    expect(presentFields({ a: null, b: false, c: 0, e: { k: [1] }, unrelated: "x" }, fields)).toEqual({ b: false, c: 0, e: { k: [1] } });
  });
});

describe("judge and interpret schemas", () => {
  it("judge requires every key (so OpenAI's strict mode accepts it)", () => {
    const json = z.toJSONSchema(judgeSchema) as { required: string[] };
    expect(json.required.sort()).toEqual(["done", "hasQuestions", "understanding"]);
    expect(judgeSchema.safeParse({ done: true }).success).toBe(false);
  });

  it("interpret allows only the given scores or null", () => {
    const schema = interpretSchema([0, 1, 2, 3]);
    expect(schema.safeParse({ score: 2 }).success).toBe(true);
    expect(schema.safeParse({ score: null }).success).toBe(true);
    expect(schema.safeParse({ score: 4 }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(z.toJSONSchema(schema)).toMatchObject({ properties: { score: { anyOf: [{ enum: [0, 1, 2, 3] }, { type: "null" }] } } });
  });
});

describe("fieldsSchema with Chinese variable names", () => {
  it("uses the names as the structured output's property names and reads them back", () => {
    const fields: FieldSpec[] = [
      { name: "用户称呼", type: "text", description: "来访者希望的称呼" },
      { name: "年龄", type: "number" },
    ];
    const schema = fieldsSchema(fields);
    const json = z.toJSONSchema(schema) as { properties: Record<string, JsonSchema>; required?: string[] };
    expect(Object.keys(json.properties)).toEqual(["用户称呼", "年龄"]);
    expect(json.properties["用户称呼"]).toMatchObject({ description: "来访者希望的称呼" });
    expect(schema.parse({ 用户称呼: "小林", 年龄: 25 })).toEqual({ 用户称呼: "小林", 年龄: 25 });
  });
});

describe("extractSchema's reading of the reply", () => {
  const fields: FieldSpec[] = [{ name: "mood_score", type: "number" }];
  const schema = extractSchema(fields, { kind: "rating", question: "From 0 to 10, how has your week been?" });

  it("asks for the intent, topic and corrected part beside the fields", () => {
    const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, JsonSchema> };
    expect(Object.keys(json.properties)).toEqual(["mood_score", "reply_intent", "reply_topic", "reply_corrects"]);
    expect(JSON.stringify(json.properties.reply_intent)).toContain('"skip"');
  });

  it("reads the model's reading under the engine's keys", () => {
    const output = schema.parse({ mood_score: null, reply_intent: "question", reply_topic: "who_reads" });
    expect(presentReading(output, fields)).toEqual({ [READING_KEYS.intent]: "question", [READING_KEYS.topic]: "who_reads" });
  });

  it("never fails a turn over the reading: left out or unknown, it is absent and the engine reads by rule", () => {
    for (const output of [{ mood_score: 6 }, { mood_score: 6, reply_intent: null }, { mood_score: 6, reply_intent: "refuse", reply_topic: "privacy", reply_corrects: "mood" }]) {
      const parsed = schema.safeParse(output);
      expect(parsed.success, JSON.stringify(output)).toBe(true);
      expect(presentReading(parsed.data!, fields)).toEqual({});
      expect(presentFields(parsed.data!, fields)).toEqual({ mood_score: 6 });
    }
  });
});
