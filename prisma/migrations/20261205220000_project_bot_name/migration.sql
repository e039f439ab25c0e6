-- AlterTable: the name the counselling bot goes by in this project's chats (null: the default name).
ALTER TABLE "Project" ADD COLUMN     "botName" TEXT;
