// @quiver/risk: a pure, deterministic risk engine that sizes, clamps and arbitrates strategy intents over one book.
export { createRiskEngine } from "./risk-engine.js";
export type {
  CreateRiskEngineOptions,
  QuiverRiskEngine,
  RiskCheckRequestExt,
  RiskValidationMode,
} from "./risk-engine.js";
export {
  RiskConfigSchema,
  StrategyRiskConfigSchema,
  KillSwitchConfigSchema,
  SizingMethodSchema,
  parseRiskConfig,
} from "./config.js";
export type {
  RiskConfig,
  RiskConfigInput,
  StrategyRiskConfig,
  StrategyRiskConfigInput,
  KillSwitchConfig,
  SizingMethod,
} from "./config.js";
export { LIMIT_ORDER } from "./limit-order.js";
export type { LimitName } from "./limit-order.js";
export type { KillSwitchState, KillReason } from "./internal/kill-switch.js";
export { wilderAtr } from "./atr.js";
