// @quiver/testkit: fakes for users' tests — virtual clock, recording broker, in-memory feed and store, strategy context.
export { VirtualClock } from "@quiver/core";
export { RecordingBroker } from "./recording-broker.js";
export type {
  PlaceOrderFault,
  RecordedCall,
  RecordingBrokerOptions,
  FillOptions,
} from "./recording-broker.js";
export { InMemoryFeed } from "./in-memory-feed.js";
export { InMemoryStateStore } from "./in-memory-state-store.js";
export { makeBar, makeBars } from "./bars.js";
export type { MakeBarOptions } from "./bars.js";
export { createStrategyContext } from "./strategy-context.js";
export type { StrategyContextOptions, StrategyPositionInput } from "./strategy-context.js";
