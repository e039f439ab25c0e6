/**
 * The editor's live analysis of a draft as the author types: every diagnostic (checked against
 * the project's techniques), the outline for the side panel and the flow picture, and the
 * variables and placeholder names for completion. Reads the project's other drafts; writes nothing.
 */
import type { PrismaClient } from "../../../db/generated/client";
import type { Diagnostic } from "../../../engine/script";
import { describeDraft, type OutlineNode, type VariableInfo } from "./outline";
import { compileDraft, loadProjectContext, type DraftInProject } from "./project-drafts";

export type { OutlineNode, VariableInfo } from "./outline";

export interface DraftAnalysis {
  diagnostics: Diagnostic[];
  outline: OutlineNode[];
  variables: VariableInfo[];
  placeholders: string[];
}

export async function analyseDraft(db: Pick<PrismaClient, "script">, projectId: string, draft: DraftInProject): Promise<DraftAnalysis> {
  const context = await loadProjectContext(db, projectId, draft);
  const { diagnostics } = compileDraft(context, draft);
  return { diagnostics, ...describeDraft(draft.yaml) };
}
