/** The model that ships in the repo, decoded once on first use. */
import { RISK_MODEL } from "./model-data";
import { decodeRiskModel, type RiskModel } from "./model";

let decoded: RiskModel | undefined;

export function riskModel(): RiskModel {
  decoded ??= decodeRiskModel(RISK_MODEL);
  return decoded;
}
