// @quiver/indicators: streaming, allocation-free technical indicators (public entry point).
export type { BarIndicator, IndicatorState, ValueIndicator } from "./types.js";
export { ATR } from "./atr.js";
export { BollingerBands } from "./bollinger-bands.js";
export type { BollingerBandsOptions } from "./bollinger-bands.js";
export { computeBarSeries, computeSeries } from "./compute-series.js";
export { EMA } from "./ema.js";
export { Highest } from "./highest.js";
export { Lowest } from "./lowest.js";
export { MACD } from "./macd.js";
export type { MACDOptions } from "./macd.js";
export { Momentum } from "./momentum.js";
export { ROC } from "./roc.js";
export { RSI } from "./rsi.js";
export { SMA } from "./sma.js";
export { Stochastic } from "./stochastic.js";
export type { StochasticOptions } from "./stochastic.js";
export { WilderSmoothing } from "./wilder-smoothing.js";
export { WMA } from "./wma.js";
