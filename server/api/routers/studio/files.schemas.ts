import { z } from "zod";
import { storableString } from "../../../engine/text/storable";
import { MAX_SCRIPT_BYTES } from "../../../engine/script";
import { MAX_PATH_LENGTH } from "../../../services/studio/files/paths";
import { NOTE_MAX } from "../../../services/studio/files/versions";

const id = storableString().min(1).max(64);
/** Paths are checked and normalised by the service (clear messages); this only bounds them. */
const path = storableString().max(MAX_PATH_LENGTH * 2, `The path must be at most ${MAX_PATH_LENGTH} characters.`);
/** Longer than any script may be (the compiler reports the exact byte limit as a diagnostic). */
const yaml = storableString().max(MAX_SCRIPT_BYTES, "The file is larger than the largest script allowed (2 MB).");
const revision = z.int().min(0).max(2_147_483_647);
const versionNumber = z.int().min(1).max(2_147_483_647);
const note = storableString().max(NOTE_MAX, `The note must be at most ${NOTE_MAX} characters.`);

const project = z.object({ projectId: id });
const file = project.extend({ scriptId: id });

export const listFilesInput = project.extend({ includeDeleted: z.boolean().optional() });
export const fileInput = file;
export const createFileInput = project.extend({ path, yaml: yaml.optional() });
export const movePathInput = file.extend({ path });
export const saveDraftInput = file.extend({ yaml, expectedRevision: revision });
export const publishInput = file.extend({ note, expectedRevision: revision });
export const diffInput = file.extend({ from: versionNumber, to: z.union([versionNumber, z.literal("draft")]) });
export const rollbackInput = file.extend({ toNumber: versionNumber, note: note.optional(), expectedRevision: revision.optional() });
