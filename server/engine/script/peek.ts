/** Cheap look at a file's identity, for tools that need technique ids before validating. */
import { parseDocument } from "yaml";
import { MAX_SCRIPT_BYTES } from "./limits";

/** The technique id a technique file declares (`technique_id`, else `topic.topic_id`), if any. */
export function peekTechniqueId(yamlText: string): string | undefined {
  if (yamlText.length > MAX_SCRIPT_BYTES || !/^topic\s*:/m.test(yamlText)) return undefined;
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false });
    const explicit = doc.get("technique_id");
    if (typeof explicit === "string") return explicit;
    const topicId = doc.getIn(["topic", "topic_id"]);
    return typeof topicId === "string" ? topicId : undefined;
  } catch {
    return undefined;
  }
}
