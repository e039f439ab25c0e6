import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type StudioProject = Outputs["studioFiles"]["projects"][number];
export type FileSummary = Outputs["studioFiles"]["list"][number];
export type FileDetail = Outputs["studioFiles"]["get"];
export type VersionSummary = FileDetail["versions"][number];
export type Analysis = Outputs["studioTry"]["analyse"];
export type Diagnostic = Analysis["diagnostics"][number];
export type OutlineNode = Analysis["outline"][number];
export type VariableInfo = Analysis["variables"][number];
export type TryResult = Outputs["studioTry"]["start"];
export type Inspector = TryResult["inspector"];
export type TryState = TryResult["state"];
export type TryMode = NonNullable<Inputs["studioTry"]["start"]["mode"]>;
export type JsonValue = NonNullable<Inputs["studioTry"]["start"]["variables"]>[string];
