// Wire-form (JSON) fixtures of every core record, shaped after the seeds, for schema tests.
const T0 = 1_700_000_000_000;

export const instrumentWire = {
  id: "ETH/BTC",
  kind: "spot",
  baseAsset: "ETH",
  quoteCurrency: "BTC",
  tickSize: "0.00001",
  lotSize: "0.001",
  category: "crypto",
};

export const binaryInstrumentWire = {
  id: "KXBTC-25DEC31-T100",
  kind: "binary",
  baseAsset: "KXBTC-25DEC31-T100",
  quoteCurrency: "USD",
  tickSize: "1",
  lotSize: "1",
  category: "crypto",
};

export const barWire = {
  instrumentId: "ETH/BTC",
  timeframe: "5m",
  openTime: T0,
  closeTime: T0 + 300_000,
  open: 0.0512,
  high: 0.0519,
  low: 0.0508,
  close: 0.0515,
  volume: 1234.5,
  closed: true,
};

export const orderRequestWire = {
  clientOrderId: "trend_v1-3f1c0a9b2d4e5f60",
  strategyId: "trend_v1",
  instrumentId: "ETH/BTC",
  side: "buy",
  type: "limit",
  timeInForce: "gtc",
  quantity: "1.5",
  limitPrice: "0.05123",
  reduceOnly: false,
  signalId: `trend_v1:ETH/BTC:${T0}`,
  metadata: { reason: "ema cross" },
};

export const orderWire = {
  ...orderRequestWire,
  orderId: "venue-123",
  status: "partially_filled",
  filledQuantity: "0.5",
  averageFillPrice: "0.0512",
  createdAt: T0,
  updatedAt: T0 + 1_000,
};

export const binaryOrderWire = {
  clientOrderId: "weather-9a8b7c6d5e4f3a2b",
  strategyId: "weather",
  instrumentId: "KXBTC-25DEC31-T100",
  side: "buy",
  outcome: "no",
  type: "limit",
  timeInForce: "ioc",
  quantity: "10",
  limitPrice: "40",
  orderId: "k-1",
  status: "filled",
  filledQuantity: "10",
  averageFillPrice: "39.5",
  createdAt: T0,
  updatedAt: T0 + 5,
  statusReason: "filled",
};

export const fillWire = {
  tradeId: "trade-1",
  orderId: "venue-123",
  clientOrderId: "trend_v1-3f1c0a9b2d4e5f60",
  strategyId: "trend_v1",
  instrumentId: "ETH/BTC",
  side: "buy",
  quantity: "0.5",
  price: "0.0512",
  fee: "0.00000256",
  feeCurrency: "BTC",
  timestamp: T0 + 500,
  liquidity: "maker",
};

export const positionWire = {
  instrumentId: "ETH/BTC",
  quantity: "-2.5",
  averagePrice: "0.05",
  marketPrice: "0.051",
};

export const accountWire = {
  timestamp: T0,
  currency: "USD",
  cash: "10000.12345678",
  equity: "12500.5",
  buyingPower: "20000",
  positions: [positionWire, { instrumentId: "KXBTC-25DEC31-T100", quantity: "10", outcome: "yes" }],
};

export const intentWire = {
  strategyId: "trend_v1",
  instrumentId: "ETH/BTC",
  side: "long",
  intentType: "enter",
  desiredExposureUsd: "2500",
  desiredQuantity: null,
  confidence: 0.8,
  timeframe: "5m",
  generatedAt: T0,
  signalId: `trend_v1:ETH/BTC:${T0}`,
  limitPrice: "0.0513",
  priority: 2,
  signalType: "entry",
  metadata: { ema: 12 },
};

export const signalWire = {
  signalId: `weather:KXBTC:${T0}`,
  strategyId: "weather",
  instrumentId: "KXBTC-25DEC31-T100",
  signalType: "entry",
  timestamp: T0,
  confidence: 0.65,
  signalData: { forecastHigh: 101 },
  executed: false,
  skipReason: "risk_blocked",
  context: { concurrentStrategies: ["momentum"], category: "crypto" },
};

export const consensusWire = {
  eventId: `consensus:KXBTC:${T0}`,
  instrumentId: "KXBTC-25DEC31-T100",
  timestamp: T0,
  strategies: ["weather", "momentum"],
  signalIds: [`weather:KXBTC:${T0}`, `momentum:KXBTC:${T0}`],
  combinedConfidence: 0.9,
};

export const pnlWire = {
  strategy: "weather",
  totalContracts: "30",
  totalCostBasis: "12.5",
  realizedPnl: "-1.25",
  unrealizedPnl: "3.4",
  netPnl: "2.15",
  fees: "0.07",
  entryCount: 3,
  roiPct: "17.2",
};

export const strategyStateWire = {
  strategyId: "weather",
  status: "running",
  enabled: true,
  shutdownRequested: false,
  lastIntentsAt: T0,
  lastActionsAt: null,
  error: null,
  currentPositions: [{ instrumentId: "KXBTC-25DEC31-T100", quantity: "30", side: "no" }],
  pnlSummary: pnlWire,
};

export const decisionWire = {
  id: `decision:${T0}`,
  time: T0,
  executionPlanId: `plan:${T0}`,
  strategyIntentsCount: 3,
  actionsCount: 2,
  blockedActionsCount: 1,
  ordersSubmitted: 1,
  killSwitchActive: false,
  signalIds: [`trend_v1:ETH/BTC:${T0}`],
  notes: "one blocked by max_per_asset_pct",
};

export const entryWire = {
  entryId: "weather:k-1",
  orderId: "k-1",
  clientOrderId: "weather-9a8b7c6d5e4f3a2b",
  strategyId: "weather",
  instrumentId: "KXBTC-25DEC31-T100",
  side: "no",
  category: "crypto",
  signalId: `weather:KXBTC:${T0}`,
  status: "filled",
  orderedQuantity: "10",
  filledQuantity: "10",
  openQuantity: "6",
  closedQuantity: "4",
  entryPrice: "39.5",
  costBasis: "3.95",
  entryFees: "0.042",
  realizedPnl: "0.32",
  createdAt: T0,
  updatedAt: T0 + 10,
  filledAt: T0 + 5,
  closedAt: null,
  settlementPrice: null,
  settledAt: null,
  parentEntryId: null,
};

export const actionWire = {
  actionId: `action:trend_v1:ETH/BTC:${T0}`,
  strategyId: "trend_v1",
  instrumentId: "ETH/BTC",
  signalId: `trend_v1:ETH/BTC:${T0}`,
  side: "long",
  intentType: "enter",
  actionType: "open",
  targetBaseSize: "1.5",
  targetNotionalUsd: "2400",
  currentBaseSize: "0",
  orderSide: "buy",
  deltaBaseSize: "1.5",
  referencePrice: "0.0512",
  confidence: 0.8,
  reason: "downsized by max_per_asset_pct",
  blocked: false,
  blockedReasons: [],
  bindingLimit: "max_per_asset_pct",
  riskLimitsSnapshot: { maxPerAssetPct: 20 },
};

export const riskEventWire = {
  type: "kill_switch_on",
  at: T0,
  reasons: ["daily_drawdown"],
  details: { dailyDrawdownPct: 5.2 },
};

export const planWire = {
  planId: `plan:${T0}`,
  generatedAt: T0,
  actions: [
    actionWire,
    {
      ...actionWire,
      actionId: "a2",
      blocked: true,
      blockedReasons: ["kill_switch"],
      orderSide: null,
      referencePrice: null,
      bindingLimit: null,
    },
  ],
  events: [riskEventWire],
  metadata: { cycle: 1 },
};

export const riskStatusWire = {
  asOf: T0,
  killSwitchActive: true,
  killSwitchReasons: ["daily_drawdown"],
  dailyDrawdownPct: 5.2,
  driftFlag: false,
  totalExposurePct: 45.5,
  perAssetExposurePct: { ETH: 20, BTC: 25.5 },
  perStrategyExposurePct: { trend_v1: 30, weather: 15.5 },
  openPositions: 4,
  marketsAtCombinedLimit: ["KXBTC-25DEC31-T100"],
  categoriesNearLimit: ["crypto"],
};

export const riskCheckWire = {
  allowed: true,
  maxContracts: "25",
  limitingFactor: "max_per_market_combined",
  details: { combined: 75 },
};

export const riskContextWire = {
  now: T0,
  equity: "10000",
  cash: "7500.5",
  buyingPower: "7500.5",
  positions: [
    {
      instrumentId: "ETH/BTC",
      strategyId: "trend_v1",
      side: "long",
      quantity: "1.5",
      notional: "2400",
      costBasis: "2390",
    },
    { instrumentId: "KXBTC-25DEC31-T100", strategyId: null, side: "yes", quantity: "5", notional: "2" },
  ],
  pendingOrders: [
    { instrumentId: "ETH/BTC", strategyId: "trend_v1", side: "buy", quantity: "0.5", notional: "800" },
  ],
  instruments: { "ETH/BTC": instrumentWire, "KXBTC-25DEC31-T100": binaryInstrumentWire },
  prices: { "ETH/BTC": "0.0515", "KXBTC-25DEC31-T100": "40" },
  atr: { "ETH/BTC": 0.0012 },
  bars: { "ETH/BTC": [barWire] },
  liquidity24h: { "ETH/BTC": "1500000" },
  driftFlag: false,
  consensus: [consensusWire],
  activeStrategies: ["trend_v1", "weather"],
};
