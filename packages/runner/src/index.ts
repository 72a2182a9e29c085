// @quiver/runner: strategy runner — data distribution, decision cycle, execution pipeline, schedules.
export { StrategyRunner } from "./strategy-runner.js";
export type {
  StrategyRunnerOptions,
  CycleResult,
  RunCycleOptions,
  DisableOptions,
  CloseResult,
  StreamStatus,
  TradingSummary,
  ScheduledJob,
  DailyJobOptions,
  BarCloseJobOptions,
} from "./strategy-runner.js";
export { InMemoryExecutionLock } from "./execution-lock.js";
export {
  RunnerConfigSchema,
  RetryConfigSchema,
  ToggleSchema,
  DailyScheduleSchema,
  BarCloseScheduleSchema,
  ScheduleSchema,
  parseRunnerConfig,
} from "./config.js";
export type {
  RunnerConfig,
  RunnerConfigInput,
  DailySchedule,
  BarCloseSchedule,
  RetryConfig,
} from "./config.js";
