/** Durations, rates and sizes of the benchmark runs; BENCH_QUICK=1 shortens them. */
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowthFlag } from '../src/cli/heap-growth.js'

export const QUICK = process.env.BENCH_QUICK === '1'
export const SAT_SECONDS = QUICK ? 2 : 3
export const LATENCY_SECONDS = QUICK ? 2 : 4
/** Paced rounds per size, each measuring the direct call, the minimal proxy and Capstan. */
export const LATENCY_ROUNDS = QUICK ? 1 : 5
/**
 * A paced round whose direct call's p50 is above this (ms; ~10× its usual) measured a disturbed
 * machine, not the engines: it is listed, and repeated, at most EXTRA_ROUNDS times per size.
 */
export const DISTURBED_P50_MS = 1
export const EXTRA_ROUNDS = QUICK ? 1 : 5
/** Quiet time after the saturation runs, before paced load: the engines collect what those left. */
export const SETTLE_MS = 2_000
/** An offered rate low enough that nothing queues: what one hop costs on this machine. */
export const FLOOR_RATE = 200
export const CONNECTIONS = 32
export const SOAK_CALLS = QUICK ? 20_000 : 100_000
export const SESSIONS = QUICK ? 2_000 : 10_000
export const STARTS = QUICK ? 2 : 5
/** How long a freshly started engine is left alone before its idle RSS is read. */
export const IDLE_SETTLE_MS = 12_000
/** Alternating saturation rounds per comparison. */
export const ROUNDS = QUICK ? 1 : 7
export const CAPABILITY = 'bench/bench.capability.yaml'
export const SEEDS = 'examples/seeds'
/** Node flags of the minimal proxy and the bare SDK server: the V8 heap growth `capstan run` sets. */
export const BASELINE_NODE_FLAGS = [heapGrowthFlag(DEFAULT_HEAP_GROWING_PERCENT, [])!]
