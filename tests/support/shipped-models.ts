// Vitest setup (vitest.config.ts): the shipped classifier models for the engine, as the server gives them.
import { provideShippedModels } from "../../server/services/shipped-models";

provideShippedModels();
