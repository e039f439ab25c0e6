"use client";

import { useMemo, type KeyboardEvent } from "react";
import { clip, FLOW, layoutFlow, type FlowNodeInput } from "./flow-layout";

const TYPE_SHORT: Record<string, string> = { ai_say: "say", ai_ask: "ask", ai_think: "think", use_skill: "skill", assess: "assess" };
const CHAR_WIDTH = 6.6;

interface FlowDiagramProps {
  outline: readonly FlowNodeInput[];
  onJump(line: number, column: number): void;
}

function activate(handler: () => void) {
  return {
    role: "button" as const,
    tabIndex: 0,
    onClick: handler,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        handler();
      }
    },
  };
}

/**
 * The script as a picture, drawn here as SVG: phases left to right, topics top to bottom, each
 * topic with its actions (type, id), conditions (`if …`) and skill calls (`→ technique`). Every
 * phase, topic and action is focusable and moves the editor to its line.
 */
export function FlowDiagram({ outline, onJump }: FlowDiagramProps) {
  const layout = useMemo(() => layoutFlow(outline), [outline]);
  if (!layout.columns.length) {
    return <p className="muted panel-empty">The flow appears once the draft has phases and topics.</p>;
  }
  const maxChars = Math.floor((FLOW.columnWidth - 2 * FLOW.boxPadding) / CHAR_WIDTH);
  return (
    <div className="flow-scroll" tabIndex={-1}>
      <svg
        className="flow"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label="Flow of the script: phases from left to right, topics from top to bottom"
      >
        <defs>
          <marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="flow-arrow-head" />
          </marker>
        </defs>
        {layout.arrows.map(([x1, y1, x2, y2], index) => (
          <line key={index} x1={x1} y1={y1} x2={x2} y2={y2} className="flow-arrow" markerEnd="url(#flow-arrow)" />
        ))}
        {layout.columns.map((column) => (
          <g key={column.key} className={`flow-column flow-column-${column.kind}`}>
            <g
              {...activate(() => onJump(column.line, column.column))}
              aria-label={`${column.kind === "phase" ? "Phase" : column.kind === "triggers" ? "Triggers" : "Technique"} ${column.title}${column.condition ? `, runs if ${column.condition}` : ""}`}
              className="flow-target"
            >
              <title>{column.condition ? `${column.title}\nif ${column.condition}` : column.title}</title>
              <rect x={column.x} y={FLOW.margin} width={FLOW.columnWidth} height={FLOW.headerHeight} rx={8} className="flow-header" />
              <text x={column.x + 10} y={FLOW.margin + 20} className="flow-header-title">
                {clip(column.title, maxChars - 2)}
              </text>
              <text x={column.x + 10} y={FLOW.margin + 38} className={column.condition ? "flow-condition" : "flow-subtitle"}>
                {column.condition ? clip(`if ${column.condition}`, maxChars) : clip(column.subtitle ?? "", maxChars)}
              </text>
            </g>
            {column.boxes.map((box) => (
              <g key={box.key} className="flow-box">
                <g {...activate(() => onJump(box.line, box.column))} aria-label={`Topic ${box.title}`} className="flow-target">
                  <title>{box.subtitle ? `${box.title} (${box.subtitle})` : box.title}</title>
                  <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={6} className="flow-topic" />
                  <text x={box.x + FLOW.boxPadding} y={box.y + 18} className="flow-topic-title">
                    {clip(box.title, maxChars)}
                  </text>
                </g>
                {box.lines.map((line, index) =>
                  line.role === "action" ? (
                    <g
                      key={index}
                      {...activate(() => onJump(line.line, line.column))}
                      aria-label={`${line.actionType} action ${line.text}`}
                      className="flow-target flow-action"
                    >
                      <title>{`${line.actionType}: ${line.text}`}</title>
                      <rect x={box.x + FLOW.boxPadding} y={line.y - 13} width={44} height={16} rx={8} className={`flow-pill pill-${line.actionType}`} />
                      <text x={box.x + FLOW.boxPadding + 22} y={line.y} textAnchor="middle" className="flow-pill-text">
                        {TYPE_SHORT[line.actionType ?? ""] ?? clip(line.actionType ?? "?", 6)}
                      </text>
                      <text x={box.x + FLOW.boxPadding + 50} y={line.y} className="flow-action-text">
                        {clip(line.text, maxChars - 8)}
                      </text>
                    </g>
                  ) : (
                    <text key={index} x={box.x + FLOW.boxPadding + (line.indent ? 50 : 0)} y={line.y} className={`flow-${line.role}`}>
                      <title>{line.text}</title>
                      {clip(line.text, maxChars - (line.indent ? 8 : 0))}
                    </text>
                  ),
                )}
              </g>
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}
