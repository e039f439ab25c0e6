import { authorProcedure, createTRPCRouter, projectProcedure } from "../../trpc";
import {
  createFile,
  duplicateFile,
  getFile,
  listFiles,
  listStudioProjects,
  removeFile,
  renameFile,
  restoreFile,
  saveDraft,
} from "../../../services/studio/files/files";
import { diffVersions, publishDraft, rollbackToVersion } from "../../../services/studio/files/versions";
import { createFileInput, diffInput, fileInput, listFilesInput, movePathInput, publishInput, rollbackInput, saveDraftInput } from "./files.schemas";

/**
 * The studio's files, drafts and versions. Every procedure but `projects` names a project the
 * signed-in author may access (else NOT_FOUND), and a file of another project is NOT_FOUND too.
 * Mutations must come from this site (authorProcedure). Conflicts (a stale revision, a taken
 * path) are CONFLICT with a message to show as is.
 */
export const studioFilesRouter = createTRPCRouter({
  projects: authorProcedure.query(({ ctx }) => listStudioProjects(ctx.platform.db.prisma, ctx.user)),

  list: projectProcedure.input(listFilesInput).query(({ ctx, input }) => listFiles(ctx.platform.db.prisma, input)),

  get: projectProcedure.input(fileInput).query(({ ctx, input }) => getFile(ctx.platform.db.prisma, input)),

  create: projectProcedure.input(createFileInput).mutation(({ ctx, input }) => createFile(ctx.platform.db.prisma, input)),

  rename: projectProcedure.input(movePathInput).mutation(({ ctx, input }) => renameFile(ctx.platform.db.prisma, input)),

  remove: projectProcedure.input(fileInput).mutation(({ ctx, input }) => removeFile(ctx.platform.db.prisma, input)),

  restore: projectProcedure.input(fileInput).mutation(({ ctx, input }) => restoreFile(ctx.platform.db.prisma, input)),

  duplicate: projectProcedure.input(movePathInput).mutation(({ ctx, input }) => duplicateFile(ctx.platform.db.prisma, input)),

  saveDraft: projectProcedure.input(saveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx.platform.db.prisma, input)),

  publish: projectProcedure
    .input(publishInput)
    .mutation(({ ctx, input }) => publishDraft(ctx.platform.db.prisma, { ...input, authorId: ctx.user.id })),

  diff: projectProcedure.input(diffInput).query(({ ctx, input }) => diffVersions(ctx.platform.db.prisma, input)),

  rollback: projectProcedure
    .input(rollbackInput)
    .mutation(({ ctx, input }) => rollbackToVersion(ctx.platform.db.prisma, { ...input, authorId: ctx.user.id })),
});
