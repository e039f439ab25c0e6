import { scriptJsonSchema } from "../../engine/script";
import { type Command, EXIT } from "../io";

export const schemaCommand: Command = {
  name: "schema",
  summary: "Print the JSON Schema of script files (for editors and other tools).",
  usage: "schema",
  run(args, io) {
    if (args.length > 0) {
      io.stderr(`schema takes no arguments (got ${args.join(" ")}).\n`);
      return EXIT.usage;
    }
    io.stdout(`${JSON.stringify(scriptJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  },
};
