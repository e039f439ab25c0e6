"use client";

import type { OutlineNode } from "./types";

const KIND_LABEL: Record<string, string> = {
  session: "Session",
  technique: "Technique",
  phase: "Phase",
  topic: "Topic",
  action: "Action",
  trigger: "Trigger",
};

/** The deepest node whose lines contain `line` (the one the cursor is in). */
export function nodeAtLine(nodes: readonly OutlineNode[], line: number): OutlineNode | null {
  for (const node of nodes) {
    if (line >= node.line && line <= Math.max(node.line, node.endLine)) return nodeAtLine(node.children, line) ?? node;
  }
  return null;
}

interface OutlinePanelProps {
  outline: readonly OutlineNode[];
  cursorLine: number;
  onJump(line: number, column: number): void;
}

/** Phases → topics → actions (and triggers), each a button that moves the editor there. */
export function OutlinePanel({ outline, cursorLine, onJump }: OutlinePanelProps) {
  if (!outline.length) {
    return <p className="muted panel-empty">Nothing to outline yet: the outline appears once the YAML can be read as a script.</p>;
  }
  const current = nodeAtLine(outline, cursorLine);
  return (
    <nav aria-label="Outline" className="outline">
      <OutlineList nodes={outline} current={current} onJump={onJump} depth={0} />
    </nav>
  );
}

function OutlineList({ nodes, current, onJump, depth }: { nodes: readonly OutlineNode[]; current: OutlineNode | null; onJump: OutlinePanelProps["onJump"]; depth: number }) {
  return (
    <ul className={depth === 0 ? "outline-root" : undefined}>
      {nodes.map((node, index) => (
        <li key={`${node.kind}:${node.id}:${node.line}:${index}`} className={`outline-item outline-${node.kind}`}>
          <button
            type="button"
            className="outline-node"
            aria-current={node === current ? "location" : undefined}
            onClick={() => onJump(node.line, node.column)}
            title={`Line ${node.line}`}
          >
            <span className={`node-kind kind-${node.kind === "action" ? (node.actionType ?? "action") : node.kind}`}>
              {node.kind === "action" ? (node.actionType ?? "action") : KIND_LABEL[node.kind]}
            </span>
            <span className="node-text">
              <span className="node-label">{node.label}</span>
              {node.id && node.id !== node.label ? <code className="node-id">{node.id}</code> : null}
              {node.condition ? (
                <span className="node-condition">
                  if <code>{node.condition}</code>
                </span>
              ) : null}
              {node.skill ? (
                <span className="node-skill">
                  runs <code>{node.skill}</code>
                </span>
              ) : null}
              {node.runTopic ? (
                <span className="node-skill">
                  runs topic <code>{node.runTopic}</code>
                </span>
              ) : null}
            </span>
            <span className="node-line muted">{node.line}</span>
          </button>
          {node.children.length ? <OutlineList nodes={node.children} current={current} onJump={onJump} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}
