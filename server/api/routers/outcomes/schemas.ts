import { z } from "zod";
import { storableString } from "../../../engine/text/storable";

const id = storableString().min(1).max(64);

export const clientOutcomesInput = z.object({ clientId: id });
export const sessionClientInput = z.object({ sessionId: id });
