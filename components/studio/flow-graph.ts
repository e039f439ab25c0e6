/**
 * The flow view's graph, built from the draft's outline: what runs in which order and when. Pure
 * (no layout, no React), so it is tested on its own.
 *
 * A session is a chain Start → phases → End; a phase holds a chain of topics, a topic a chain of
 * actions. A step's condition labels the edge into it (the step is skipped when it is false); the
 * first step of a phase or topic has no edge from a sibling, so it carries its condition itself.
 * `use_skill` actions and safety triggers point at the technique (or topic) they run.
 */

export interface FlowOutlineNode {
  kind: string;
  id: string;
  label: string;
  actionType?: string;
  line: number;
  column: number;
  condition?: string;
  skill?: string;
  runTopic?: string;
  on?: string;
  children: readonly FlowOutlineNode[];
}

type FlowNodeKind = "start" | "end" | "phase" | "technique" | "topic" | "action" | "skill" | "trigger";

export interface FlowGraphNode {
  id: string;
  kind: FlowNodeKind;
  /** The phase or topic this node sits in; null at the top. */
  parent: string | null;
  title: string;
  /** The script id, action type, or what sets a trigger off. */
  subtitle: string | null;
  /** What an action says, or what a trigger runs. */
  detail: string | null;
  actionType: string | null;
  /** A condition with no edge to carry it (the first step of a phase or topic, a trigger's condition). */
  condition: string | null;
  /** Where the editor goes when the node is chosen (1-based). */
  line: number;
  column: number;
}

type FlowEdgeKind = "next" | "skill" | "trigger";

interface FlowGraphEdge {
  id: string;
  source: string;
  target: string;
  kind: FlowEdgeKind;
  /** `if <condition>` on a conditional step, `use_skill` or `runs` on calls. */
  label: string | null;
  conditional: boolean;
}

export interface FlowGraph {
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
  counts: { phases: number; topics: number; actions: number; skillCalls: number; triggers: number };
}

const ACTION_TITLE: Record<string, string> = { ai_say: "say", ai_ask: "ask", ai_think: "think", use_skill: "use_skill", assess: "assess" };

function node(partial: Partial<FlowGraphNode> & Pick<FlowGraphNode, "id" | "kind" | "title" | "line" | "column">): FlowGraphNode {
  return { parent: null, subtitle: null, detail: null, actionType: null, condition: null, ...partial };
}

const ifLabel = (condition: string) => `if ${condition}`;

/** The graph of a draft's outline; empty when there is nothing to draw. */
export function buildFlowGraph(outline: readonly FlowOutlineNode[]): FlowGraph {
  const nodes: FlowGraphNode[] = [];
  const edges: FlowGraphEdge[] = [];
  const counts = { phases: 0, topics: 0, actions: 0, skillCalls: 0, triggers: 0 };
  const topicIds = new Map<string, string>();
  const skillNodes = new Map<string, string>();

  const connect = (source: string, target: string, kind: FlowEdgeKind, label: string | null, conditional = false) => {
    edges.push({ id: `e${edges.length}:${source}->${target}`, source, target, kind, label, conditional });
  };

  /** Adds `steps` in order under `parent`, chained by edges; a step's condition goes on the edge into it. */
  const chain = <T extends FlowOutlineNode>(steps: readonly T[], add: (step: T, index: number, hasEdgeIn: boolean) => string, from: string | null) => {
    let previous = from;
    steps.forEach((step, index) => {
      const id = add(step, index, previous !== null);
      if (previous !== null) connect(previous, id, "next", step.condition ? ifLabel(step.condition) : null, Boolean(step.condition));
      previous = id;
    });
    return previous;
  };

  const skillNode = (skill: string, line: number, column: number): string => {
    let id = skillNodes.get(skill);
    if (!id) {
      id = `skill:${skill}`;
      skillNodes.set(skill, id);
      nodes.push(node({ id, kind: "skill", title: skill, subtitle: "technique", line, column }));
    }
    return id;
  };

  const addAction = (parent: string) => (action: FlowOutlineNode, index: number, hasEdgeIn: boolean) => {
    const id = `${parent}/action:${index}`;
    const type = action.actionType ?? "action";
    counts.actions++;
    nodes.push(
      node({
        id,
        kind: "action",
        parent,
        title: action.id || `(action ${index + 1})`,
        subtitle: ACTION_TITLE[type] ?? type,
        detail: action.label && action.label !== action.id ? action.label : null,
        actionType: type,
        condition: !hasEdgeIn && action.condition ? action.condition : null,
        line: action.line,
        column: action.column,
      }),
    );
    if (action.skill) {
      counts.skillCalls++;
      connect(id, skillNode(action.skill, action.line, action.column), "skill", "use_skill");
    }
    return id;
  };

  const addTopic = (parent: string) => (topic: FlowOutlineNode, index: number, hasEdgeIn: boolean) => {
    const id = `${parent}/topic:${index}`;
    counts.topics++;
    if (topic.id && !topicIds.has(topic.id)) topicIds.set(topic.id, id);
    nodes.push(
      node({
        id,
        kind: "topic",
        parent,
        title: topic.label || topic.id,
        subtitle: topic.id && topic.id !== topic.label ? topic.id : null,
        condition: !hasEdgeIn && topic.condition ? topic.condition : null,
        line: topic.line,
        column: topic.column,
      }),
    );
    chain(
      topic.children.filter((c) => c.kind === "action"),
      addAction(id),
      null,
    );
    return id;
  };

  for (const [rootIndex, root] of outline.entries()) {
    if (root.kind === "session") {
      const start = `start:${rootIndex}`;
      nodes.push(node({ id: start, kind: "start", title: "Start", subtitle: root.id || null, line: root.line, column: root.column }));
      const phases = root.children.filter((c) => c.kind === "phase");
      const last = chain(
        phases,
        (phase, index, hasEdgeIn) => {
          const id = `phase:${index}`;
          counts.phases++;
          nodes.push(
            node({
              id,
              kind: "phase",
              title: phase.label || phase.id,
              subtitle: phase.id && phase.id !== phase.label ? phase.id : null,
              condition: !hasEdgeIn && phase.condition ? phase.condition : null,
              line: phase.line,
              column: phase.column,
            }),
          );
          chain(
            phase.children.filter((c) => c.kind === "topic"),
            addTopic(id),
            null,
          );
          return id;
        },
        start,
      );
      const end = `end:${rootIndex}`;
      nodes.push(node({ id: end, kind: "end", title: "End", line: root.line, column: root.column }));
      if (last) connect(last, end, "next", null);
    } else if (root.kind === "technique") {
      const id = `technique:${rootIndex}`;
      nodes.push(node({ id, kind: "technique", title: root.label || root.id, subtitle: root.id && root.id !== root.label ? root.id : "technique", line: root.line, column: root.column }));
      chain(
        root.children.filter((c) => c.kind === "topic"),
        addTopic(id),
        null,
      );
    }
  }

  // Triggers last: a `run: {topic}` may name any topic of the script.
  for (const [index, trigger] of outline.filter((n) => n.kind === "trigger").entries()) {
    const id = `trigger:${index}`;
    counts.triggers++;
    const runs = trigger.skill ? `runs ${trigger.skill}` : trigger.runTopic ? `runs topic ${trigger.runTopic}` : null;
    nodes.push(
      node({
        id,
        kind: "trigger",
        title: trigger.id || `(trigger ${index + 1})`,
        subtitle: trigger.on ? `on ${trigger.on}` : "safety trigger",
        detail: runs,
        condition: trigger.condition ?? null,
        line: trigger.line,
        column: trigger.column,
      }),
    );
    if (trigger.skill) connect(id, skillNode(trigger.skill, trigger.line, trigger.column), "trigger", "runs");
    else if (trigger.runTopic && topicIds.has(trigger.runTopic)) connect(id, topicIds.get(trigger.runTopic)!, "trigger", "runs");
  }

  return { nodes, edges, counts };
}
