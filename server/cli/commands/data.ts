/**
 * `delete-client <clientId>` and `purge --days N`: data care from the command line, against the
 * configured database (DATABASE_URL, or the PGlite folder — stop the app first: PGlite is
 * single-process).
 */
import { closePlatform, getPlatform } from "../../platform";
import { deleteClientData, purgeEndedSessions } from "../../services/data-care/data-care";
import { type Command, EXIT } from "../io";

export const deleteClientCommand: Command = {
  name: "delete-client",
  summary: "Delete a client's sessions, messages and variables (a data deletion request).",
  usage: "delete-client <clientId>",
  async run(args, io) {
    const clientId = args.find((a) => !a.startsWith("-"));
    if (!clientId) {
      io.stderr(`Give the client id. Usage: heartline ${this.usage}\n`);
      return EXIT.usage;
    }
    try {
      const report = await deleteClientData(getPlatform().db.prisma, clientId);
      io.stdout(`Deleted ${report.sessions} session(s) and ${report.messages} message(s) of client ${clientId}.\n`);
      return EXIT.ok;
    } finally {
      await closePlatform();
    }
  },
};

export const purgeCommand: Command = {
  name: "purge",
  summary: "Delete sessions that ended more than N days ago (default: RETENTION_DAYS).",
  usage: "purge [--days N]",
  async run(args, io) {
    const index = args.indexOf("--days");
    const given = index >= 0 ? Number(args[index + 1]) : undefined;
    const platform = getPlatform();
    const days = given ?? platform.env.RETENTION_DAYS;
    if (!days || !Number.isInteger(days) || days < 1) {
      io.stderr(`Say how many days to keep: --days N (a whole number, at least 1), or set RETENTION_DAYS.\n`);
      await closePlatform();
      return EXIT.usage;
    }
    try {
      const count = await purgeEndedSessions(platform.db.prisma, days);
      io.stdout(`Deleted ${count} session(s) that ended more than ${days} day(s) ago.\n`);
      return EXIT.ok;
    } finally {
      await closePlatform();
    }
  },
};
