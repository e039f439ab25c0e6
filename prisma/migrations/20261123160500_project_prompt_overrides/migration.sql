-- AlterTable: a project may override the wording of the engine's prompts.
ALTER TABLE "Project" ADD COLUMN     "promptOverrides" JSONB NOT NULL DEFAULT '{}';
