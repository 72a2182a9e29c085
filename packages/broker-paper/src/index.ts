// @quiver/broker-paper: a synchronous, deterministic simulated broker for paper trading and backtests.
export { PaperBroker, createPaperBroker } from "./paper-broker.js";
export {
  PaperBrokerConfigSchema,
  PaperFaultSchema,
  FillAtSchema,
  PAPER_STATUS_REASONS,
  PAPER_BROKER_CAPABILITIES,
} from "./config.js";
export type {
  PaperBrokerConfig,
  PaperBrokerConfigInput,
  PaperFault,
  PaperFaultInput,
  PaperFaultKind,
  FillAt,
  PaperStatusReason,
} from "./config.js";
export { mulberry32 } from "./prng.js";
