/** Finding script nodes by id (positions in the state are ids, so a state survives any server). */
import type { CompiledAction, CompiledPhase, CompiledSessionScript, CompiledTopic } from "../script";

export interface LocatedTopic {
  phase: CompiledPhase;
  topic: CompiledTopic;
}

export function findPhase(script: CompiledSessionScript, phaseId: string): CompiledPhase | undefined {
  return script.session.phases.find((p) => p.phase_id === phaseId);
}

export function findTopicInSession(script: CompiledSessionScript, topicId: string): LocatedTopic | undefined {
  for (const phase of script.session.phases) {
    const topic = phase.topics.find((t) => t.topic_id === topicId);
    if (topic) return { phase, topic };
  }
  return undefined;
}

export function findAction(topic: CompiledTopic, actionId: string): CompiledAction | undefined {
  return topic.actions.find((a) => a.action_id === actionId);
}

/** The item after `current` (by id) in `items`, or the first when `current` is null. */
export function nextAfter<T>(items: readonly T[], idOf: (item: T) => string, current: string | null): T[] {
  if (current === null) return [...items];
  const index = items.findIndex((item) => idOf(item) === current);
  return index < 0 ? [] : items.slice(index + 1);
}
