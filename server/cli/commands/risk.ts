/** `risk …`: the crisis detector from the command line (see ../risk-command.ts). */
import { RISK_COMMAND_SUMMARY, RISK_COMMAND_USAGE, runRiskCommand } from "../risk-command";
import type { Command } from "../io";

export const riskCommand: Command = {
  name: "risk",
  summary: RISK_COMMAND_SUMMARY,
  usage: RISK_COMMAND_USAGE,
  run: (args, io) => runRiskCommand(args, { stdin: process.stdin, stdout: { write: io.stdout }, stderr: { write: io.stderr } }),
};
