"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, MarkerType, MiniMap, Position, ReactFlow, type Edge, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";
import ELK from "elkjs/lib/elk.bundled.js";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { buildFlowGraph, type FlowGraph, type FlowGraphNode, type FlowOutlineNode } from "./flow-graph";
import { layoutFlowGraph, type FlowLayout } from "./flow-layout";

type FlowNode = Node<{ graph: FlowGraphNode }, "flow">;

const JumpContext = createContext<(line: number, column: number) => void>(() => undefined);
const GROUPS = new Set(["phase", "technique", "topic"]);
const KIND_WORD: Record<string, string> = {
  phase: "Phase",
  technique: "Technique",
  topic: "Topic",
  action: "Action",
  skill: "Technique called",
  trigger: "Safety trigger",
};

let elk: InstanceType<typeof ELK> | null = null;

function FlowNodeView({ data }: NodeProps<FlowNode>) {
  const jump = useContext(JumpContext);
  const node = data.graph;
  const group = GROUPS.has(node.kind);
  return (
    <div className={`flow-node flow-${node.kind}${group ? " flow-group" : ""}`} data-kind={node.kind} data-line={node.line}>
      <Handle type="target" position={Position.Top} id="top" isConnectable={false} />
      <Handle type="target" position={Position.Left} id="left" isConnectable={false} />
      {/* The visible text is the button's name (what a speech-input user says), with the kind before it and the line after. */}
      <button type="button" className="flow-node-button" onClick={() => jump(node.line, node.column)} title={`Go to line ${node.line}`}>
        <span className="flow-node-title">
          {node.kind === "start" || node.kind === "end" ? null : <span className="visually-hidden">{KIND_WORD[node.kind] ?? node.kind} </span>}
          {node.kind === "action" ? <span className={`flow-pill pill-${node.actionType ?? "action"}`}>{node.subtitle}</span> : null}
          <span className="flow-node-name">{node.title}</span>
        </span>
        {node.subtitle && node.kind !== "action" ? <span className="flow-node-sub">{node.subtitle}</span> : null}
        {node.detail ? <span className="flow-node-detail">{node.detail}</span> : null}
        {node.condition ? <span className="flow-node-condition">if {node.condition}</span> : null}
        <span className="visually-hidden">, line {node.line}</span>
      </button>
      <Handle type="source" position={Position.Bottom} id="bottom" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="right" isConnectable={false} />
    </div>
  );
}

const nodeTypes: NodeTypes = { flow: FlowNodeView };

function toReactFlow(graph: FlowGraph, layout: FlowLayout): { nodes: FlowNode[]; edges: Edge[] } {
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodes: FlowNode[] = layout.nodes.map((n) => ({
    id: n.id,
    type: "flow",
    position: { x: n.x, y: n.y },
    width: n.width,
    height: n.height,
    ...(n.parent ? { parentId: n.parent } : {}),
    data: { graph: n },
    draggable: false,
    selectable: false,
    connectable: false,
  }));
  const edges: Edge[] = graph.edges
    .filter((e) => placed.has(e.source) && placed.has(e.target))
    .map((e) => {
      // Steps inside a phase or topic follow each other downwards; everything else runs left to right.
      const vertical = e.kind === "next" && placed.get(e.source)!.parent !== null;
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: vertical ? "bottom" : "right",
        targetHandle: vertical ? "top" : "left",
        type: vertical ? "straight" : e.kind === "next" ? "smoothstep" : "default",
        label: e.label ?? undefined,
        className: `flow-edge flow-edge-${e.kind}${e.conditional ? " flow-edge-conditional" : ""}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
        focusable: false,
        selectable: false,
      };
    });
  return { nodes, edges };
}

function summary(counts: FlowGraph["counts"]): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    counts.phases ? part(counts.phases, "phase", "phases") : null,
    part(counts.topics, "topic", "topics"),
    part(counts.actions, "action", "actions"),
    counts.skillCalls ? part(counts.skillCalls, "technique call", "technique calls") : null,
    counts.triggers ? part(counts.triggers, "safety trigger", "safety triggers") : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

interface FlowViewProps {
  outline: readonly FlowOutlineNode[];
  onJump(line: number, column: number): void;
}

/**
 * The whole script as a graph (React Flow, laid out by ELK): phases, topics and actions in the
 * order they run, conditions on the edges, technique calls and safety triggers with what they run.
 * Drag to pan, scroll or the buttons to zoom; every node is a button that moves the editor to its line.
 */
export function FlowView({ outline, onJump }: FlowViewProps) {
  const graph = useMemo(() => buildFlowGraph(outline), [outline]);
  const [laid, setLaid] = useState<{ graph: FlowGraph; layout: FlowLayout } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    elk ??= new ELK();
    layoutFlowGraph(graph, elk).then(
      (layout) => {
        if (!current) return;
        setLaid({ graph, layout });
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [graph]);

  const flow = useMemo(() => (laid ? toReactFlow(laid.graph, laid.layout) : null), [laid]);
  // A long script fitted whole is too small to read: it opens on its beginning (Start and the first
  // two phases); the Fit View button and the overview map show all of it.
  const opening = useMemo(
    () =>
      (laid?.layout.nodes ?? [])
        .filter((n) => n.parent === null && n.kind !== "skill" && n.kind !== "trigger")
        .sort((a, b) => a.x - b.x)
        .slice(0, 3)
        .map((n) => ({ id: n.id })),
    [laid],
  );

  if (!graph.nodes.length) return <p className="muted panel-empty">The flow appears once the draft has phases and topics.</p>;
  return (
    <div className="flow-view" data-testid="flow-view">
      <p className="flow-summary small muted" data-testid="flow-summary">
        {summary(graph.counts)}. Choose a step to go to its line; drag to move, scroll or use the buttons to zoom.
      </p>
      {error ? (
        <p className="form-error small" role="alert">
          The flow could not be laid out: {error}
        </p>
      ) : null}
      <div className="flow-canvas" role="group" aria-label="Flow of the script">
        {flow ? (
          <JumpContext.Provider value={onJump}>
            <ReactFlow
              nodes={flow.nodes}
              edges={flow.edges}
              nodeTypes={nodeTypes}
              fitView
              fitViewOptions={{ padding: 0.05, maxZoom: 1, nodes: opening }}
              minZoom={0.05}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
            >
              <Background gap={24} />
              <Controls showInteractive={false} fitViewOptions={{ padding: 0.05 }} />
              <MiniMap pannable zoomable ariaLabel="Overview of the flow" />
            </ReactFlow>
          </JumpContext.Provider>
        ) : (
          <p className="muted panel-empty" role="status">
            Laying out the flow…
          </p>
        )}
      </div>
    </div>
  );
}
