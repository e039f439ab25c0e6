/**
 * The flow picture's layout, computed from the outline: one column per phase (a technique's topic
 * gets one column, triggers a last one), topics as boxes stacked in order, each listing its
 * actions with their type, condition and skill call. Pure, so it is tested without a browser.
 */

export interface FlowNodeInput {
  kind: string;
  id: string;
  label: string;
  actionType?: string;
  line: number;
  column: number;
  condition?: string;
  skill?: string;
  runTopic?: string;
  children: FlowNodeInput[];
}

export interface FlowLine {
  /** What the line says. */
  text: string;
  /** action: type pill and label; condition/skill: annotations under an action or topic. */
  role: "action" | "condition" | "skill";
  actionType?: string;
  /** Annotations of an action sit under its label, not under its type pill. */
  indent: boolean;
  y: number;
  line: number;
  column: number;
  id: string;
}

export interface FlowBox {
  key: string;
  title: string;
  subtitle: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  line: number;
  column: number;
  lines: FlowLine[];
}

export interface FlowColumn {
  key: string;
  title: string;
  subtitle: string | null;
  condition: string | null;
  x: number;
  line: number;
  column: number;
  kind: "phase" | "topic" | "triggers";
  boxes: FlowBox[];
}

export interface FlowLayout {
  width: number;
  height: number;
  columns: FlowColumn[];
  /** Arrows between consecutive phase headers and consecutive topics: [x1, y1, x2, y2]. */
  arrows: [number, number, number, number][];
}

export const FLOW = {
  columnWidth: 240,
  columnGap: 56,
  margin: 16,
  headerHeight: 54,
  headerGap: 26,
  boxGap: 28,
  boxPadding: 8,
  boxTitle: 28,
  row: 19,
} as const;

/** Cuts text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…` : flat;
}

function actionLines(action: FlowNodeInput): Omit<FlowLine, "y">[] {
  const base = { line: action.line, column: action.column, id: action.id };
  const lines: Omit<FlowLine, "y">[] = [{ ...base, text: action.id || action.label, role: "action", actionType: action.actionType ?? "action", indent: false }];
  if (action.condition) lines.push({ ...base, text: `if ${action.condition}`, role: "condition", indent: true });
  if (action.skill) lines.push({ ...base, text: `→ ${action.skill}`, role: "skill", indent: true });
  return lines;
}

function topicBox(topic: FlowNodeInput, x: number, y: number, key: string): FlowBox {
  const lines: Omit<FlowLine, "y">[] = [];
  if (topic.condition) lines.push({ text: `if ${topic.condition}`, role: "condition", indent: false, line: topic.line, column: topic.column, id: topic.id });
  for (const action of topic.children.filter((c) => c.kind === "action")) lines.push(...actionLines(action));
  const top = y + FLOW.boxTitle + FLOW.boxPadding;
  const placed = lines.map((l, index) => ({ ...l, y: top + index * FLOW.row }));
  return {
    key,
    title: topic.label || topic.id,
    subtitle: topic.id && topic.id !== topic.label ? topic.id : null,
    x,
    y,
    width: FLOW.columnWidth,
    height: FLOW.boxTitle + FLOW.boxPadding * 2 + Math.max(1, lines.length) * FLOW.row,
    line: topic.line,
    column: topic.column,
    lines: placed,
  };
}

function triggerBox(trigger: FlowNodeInput, x: number, y: number, key: string): FlowBox {
  const lines: Omit<FlowLine, "y">[] = [];
  if (trigger.condition) lines.push({ text: `if ${trigger.condition}`, role: "condition", indent: false, line: trigger.line, column: trigger.column, id: trigger.id });
  const target = trigger.skill ?? (trigger.runTopic ? `topic ${trigger.runTopic}` : null);
  if (target) lines.push({ text: `→ ${target}`, role: "skill", indent: false, line: trigger.line, column: trigger.column, id: trigger.id });
  const top = y + FLOW.boxTitle + FLOW.boxPadding;
  return {
    key,
    title: trigger.id || "trigger",
    subtitle: trigger.label && trigger.label !== trigger.id ? trigger.label : null,
    x,
    y,
    width: FLOW.columnWidth,
    height: FLOW.boxTitle + FLOW.boxPadding * 2 + Math.max(1, lines.length) * FLOW.row,
    line: trigger.line,
    column: trigger.column,
    lines: lines.map((l, index) => ({ ...l, y: top + index * FLOW.row })),
  };
}

export function layoutFlow(outline: readonly FlowNodeInput[]): FlowLayout {
  const columns: FlowColumn[] = [];
  const arrows: FlowLayout["arrows"] = [];
  const stepX = FLOW.columnWidth + FLOW.columnGap;
  const boxesTop = FLOW.margin + FLOW.headerHeight + FLOW.headerGap;

  const addColumn = (column: Omit<FlowColumn, "x" | "boxes">, topics: FlowNodeInput[], makeBox: typeof topicBox) => {
    const x = FLOW.margin + columns.length * stepX;
    let y = boxesTop;
    const boxes: FlowBox[] = [];
    topics.forEach((topic, index) => {
      const box = makeBox(topic, x, y, `${column.key}/${topic.kind}:${topic.id}:${index}`);
      boxes.push(box);
      y += box.height + FLOW.boxGap;
    });
    const placed = { ...column, x, boxes };
    // Header → first box, then box → box.
    const centre = x + FLOW.columnWidth / 2;
    if (column.kind !== "triggers") {
      let fromY = FLOW.margin + FLOW.headerHeight;
      for (const box of boxes) {
        arrows.push([centre, fromY, centre, box.y]);
        fromY = box.y + box.height;
      }
    }
    columns.push(placed);
  };

  for (const root of outline) {
    if (root.kind === "session") {
      for (const [index, phase] of root.children.filter((c) => c.kind === "phase").entries()) {
        addColumn(
          {
            key: `phase:${phase.id}:${index}`,
            title: phase.label || phase.id,
            subtitle: phase.id && phase.id !== phase.label ? phase.id : null,
            condition: phase.condition ?? null,
            line: phase.line,
            column: phase.column,
            kind: "phase",
          },
          phase.children.filter((c) => c.kind === "topic"),
          topicBox,
        );
      }
    } else if (root.kind === "technique") {
      addColumn(
        { key: `technique:${root.id}`, title: root.label || root.id, subtitle: "technique", condition: null, line: root.line, column: root.column, kind: "topic" },
        root.children.filter((c) => c.kind === "topic"),
        topicBox,
      );
    }
  }
  const triggers = outline.filter((n) => n.kind === "trigger");
  if (triggers.length) {
    const first = triggers[0]!;
    addColumn(
      { key: "triggers", title: "Safety triggers", subtitle: "interrupt any step", condition: null, line: first.line, column: first.column, kind: "triggers" },
      triggers,
      triggerBox,
    );
  }

  // Phase to phase, header to header.
  const phaseColumns = columns.filter((c) => c.kind === "phase");
  for (let i = 1; i < phaseColumns.length; i++) {
    const from = phaseColumns[i - 1]!;
    const to = phaseColumns[i]!;
    const y = FLOW.margin + FLOW.headerHeight / 2;
    arrows.push([from.x + FLOW.columnWidth, y, to.x, y]);
  }

  const bottom = Math.max(
    FLOW.margin + FLOW.headerHeight,
    ...columns.flatMap((c) => c.boxes.map((b) => b.y + b.height)),
  );
  return {
    width: columns.length ? FLOW.margin * 2 + columns.length * stepX - FLOW.columnGap : 0,
    height: bottom + FLOW.margin,
    columns,
    arrows,
  };
}
