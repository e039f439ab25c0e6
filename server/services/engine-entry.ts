/**
 * What ./engine-runtime.ts loads: the engine's `start` and `turn`, with the shipped models' files
 * handed to it first.
 */
import { provideShippedModels } from "./shipped-models";

provideShippedModels();

export { start, turn } from "../engine/runtime/engine";
