/**
 * Where the flow view draws each node, computed by ELK's layered layout: the session's phases left
 * to right, inside each phase its topics top to bottom, inside each topic its actions. Technique
 * and trigger nodes sit in the layer after (or before) what they are linked to. The ELK instance
 * is passed in, so the view loads the engine lazily and tests run it directly.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { FlowGraph, FlowGraphNode } from "./flow-graph";

export interface PlacedFlowNode extends FlowGraphNode {
  /** Position relative to the parent (the top-left corner of the whole picture at the top). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowLayout {
  nodes: PlacedFlowNode[];
  width: number;
  height: number;
}

/** Sizes in pixels; the view's CSS draws the nodes to these. */
export const FLOW_SIZE = {
  actionWidth: 240,
  leafWidth: 220,
  terminalWidth: 96,
  terminalHeight: 40,
  titleRow: 24,
  textRow: 18,
  padding: 8,
  groupSide: 14,
  /** Width of one character of an edge label (12px system font), for the space ELK keeps for it. */
  labelChar: 6.4,
} as const;

const GROUPS = new Set(["phase", "technique", "topic"]);

/** The height a node's text needs: title, then subtitle, detail and condition rows when present. */
function textHeight(node: FlowGraphNode, withSubtitleRow: boolean): number {
  const rows = (withSubtitleRow && node.subtitle ? 1 : 0) + (node.detail ? 1 : 0) + (node.condition ? 1 : 0);
  return FLOW_SIZE.padding * 2 + FLOW_SIZE.titleRow + rows * FLOW_SIZE.textRow;
}

/** A leaf's fixed size (groups get theirs from ELK). */
function leafSize(node: FlowGraphNode): { width: number; height: number } {
  if (node.kind === "start" || node.kind === "end") return { width: FLOW_SIZE.terminalWidth, height: FLOW_SIZE.terminalHeight };
  // An action shows its type beside its id, so it has no subtitle row.
  if (node.kind === "action") return { width: FLOW_SIZE.actionWidth, height: textHeight(node, false) };
  return { width: FLOW_SIZE.leafWidth, height: textHeight(node, true) };
}

/** The space a group keeps above its children for its own title, subtitle and condition. */
function groupHeader(node: FlowGraphNode): number {
  return textHeight(node, true);
}

function label(text: string | null) {
  return text ? [{ text, width: Math.ceil(text.length * FLOW_SIZE.labelChar) + 12, height: FLOW_SIZE.textRow }] : undefined;
}

/** The top-level ancestor of a node (the node itself at the top). */
function rootOf(byId: Map<string, FlowGraphNode>, id: string): string {
  let current = byId.get(id);
  while (current?.parent) current = byId.get(current.parent);
  return current?.id ?? id;
}

export async function layoutFlowGraph(graph: FlowGraph, elk: Pick<ELK, "layout">): Promise<FlowLayout> {
  if (!graph.nodes.length) return { nodes: [], width: 0, height: 0 };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "36",
      "elk.layered.spacing.nodeNodeBetweenLayers": "56",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.padding": "[top=16,left=16,bottom=16,right=16]",
    },
    children: [],
    edges: [],
  };
  for (const node of graph.nodes) {
    const group = GROUPS.has(node.kind);
    const elkNode: ElkNode = group
      ? {
          id: node.id,
          layoutOptions: {
            "elk.algorithm": "layered",
            "elk.direction": "DOWN",
            "elk.spacing.nodeNode": "20",
            "elk.layered.spacing.nodeNodeBetweenLayers": "28",
            "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
            "elk.padding": `[top=${groupHeader(node) + 4},left=${FLOW_SIZE.groupSide},bottom=${FLOW_SIZE.groupSide},right=${FLOW_SIZE.groupSide}]`,
            // A topic without actions still shows its title.
            "elk.nodeSize.constraints": "MINIMUM_SIZE",
            "elk.nodeSize.minimum": `(${FLOW_SIZE.leafWidth + 2 * FLOW_SIZE.groupSide}, ${groupHeader(node) + FLOW_SIZE.groupSide})`,
          },
          children: [],
          edges: [],
        }
      : { id: node.id, ...leafSize(node) };
    elkNodes.set(node.id, elkNode);
    const parent = node.parent ? elkNodes.get(node.parent) : root;
    parent!.children!.push(elkNode);
  }

  // ELK lays out each group on its own, so it gets the edges between siblings; an edge that leaves
  // its group (a technique call, a trigger running a topic) is given to ELK between the top-level
  // nodes it joins, which puts a technique after the phase that calls it.
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source)!;
    const target = byId.get(edge.target)!;
    let container: ElkNode = root;
    let from = edge.source;
    let to = edge.target;
    if (source.parent === target.parent) {
      container = source.parent ? elkNodes.get(source.parent)! : root;
    } else {
      from = rootOf(byId, edge.source);
      to = rootOf(byId, edge.target);
      if (from === to) continue;
    }
    const key = `${from}->${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [from], targets: [to], ...(from === edge.source && to === edge.target ? { labels: label(edge.label) } : {}) };
    container.edges!.push(elkEdge);
  }

  const laid = await elk.layout(root);
  const placed: PlacedFlowNode[] = [];
  const walk = (children: readonly ElkNode[] | undefined) => {
    for (const child of children ?? []) {
      const node = byId.get(child.id);
      if (node) placed.push({ ...node, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child.children);
    }
  };
  walk(laid.children);
  return { nodes: placed, width: laid.width ?? 0, height: laid.height ?? 0 };
}
