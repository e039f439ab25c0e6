/**
 * What a new file holds when the author gives no content: the smallest valid script of the kind
 * its folder suggests, with ids made from the file name, so it compiles and can be tried at once.
 */
import type { ScriptKind } from "../../../db/generated/enums";
import { idFromName, kindFromPath, stemOf, titleFromName } from "./paths";

/** A YAML string scalar: plain when obviously a string to every YAML reader, else double-quoted (JSON). */
function scalar(text: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9_ ]*$/.test(text) && !/^(y|n|yes|no|true|false|on|off|null)$/i.test(text.trim());
  return plain ? text : JSON.stringify(text);
}

function sessionSkeleton(id: string, title: string): string {
  return `# A new session script. See docs/script-format.md for every field.
metadata:
  name: ${scalar(title)}
  language: en
  # What clients read on this conversation's card: say it in plain words (one per language: en, zh-CN).
  client_description: A short welcome, and what you would like to be called.

session:
  session_id: ${scalar(id)}
  session_name: ${scalar(title)}
  declare:
    - var: client_name
      type: text
      define: what the client would like to be called
  phases:
    - phase_id: opening
      phase_name: Opening
      phase_goal: the client feels welcome
      topics:
        - topic_id: welcome
          topic_goal: greet the client and learn their name
          actions:
            - action_type: ai_say
              action_id: welcome_message
              config:
                content: Hello, and welcome. This is not an emergency service.
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: What would you like me to call you?
                output:
                  - get: client_name
                    type: text
                    define: the name the client gives
                    extraction_method: direct
                max_rounds: 2
`;
}

function techniqueSkeleton(id: string, title: string): string {
  return `# A new technique: run from a session with \`action_type: use_skill\`, \`skill: ${id}\`.
metadata:
  name: ${scalar(title)}
  language: en

technique_id: ${scalar(id)}
name: ${scalar(title)}
output_variables: []

topic:
  topic_id: ${scalar(id)}
  topic_goal: what this technique helps the client with
  actions:
    - action_type: ai_say
      action_id: ${id}_intro
      config:
        content: Let's try something together.
`;
}

function safetySkeleton(title: string): string {
  return `# Safety triggers for every session of this project. Each trigger runs a technique
# (or a topic) when it fires, for example:
#
#   - trigger_id: crisis_keywords
#     on: keyword            # risk_high | risk_medium | keyword | condition
#     keywords: [suicide, kill myself]
#     run: { skill: crisis_support }
#     then: resume           # resume | end_session
#     cooldown_turns: 5
metadata:
  name: ${scalar(title)}

triggers: []
`;
}

/** The default content of a new file at `path`. */
export function skeletonFor(path: string, kind: ScriptKind = kindFromPath(path)): string {
  const stem = stemOf(path);
  const title = titleFromName(stem);
  switch (kind) {
    case "session":
      return sessionSkeleton(idFromName(stem), title);
    case "technique":
      return techniqueSkeleton(idFromName(stem), title);
    case "safety":
      return safetySkeleton(title);
  }
}
