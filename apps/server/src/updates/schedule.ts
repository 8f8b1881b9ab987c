/** When the next scheduled check is due, in ms from now. */
export function nextCheckDelay(options: {
  intervalMs: number
  /** The last check of any host (Unix ms), if one was ever made. */
  lastRun: number | undefined
  now: number
  random: () => number
}): number {
  const { intervalMs, lastRun, now, random } = options
  // ±10 % so servers started together (or one restarted in a loop) do not ask registries at once.
  const jittered = intervalMs * (0.9 + 0.2 * random())
  // Never at start: a restart must not cost each host's engine and each registry a check (the
  // idle benchmark counts engine calls), so the first one is at least half an interval away.
  const earliest = now + intervalMs * (0.5 + 0.5 * random())
  const due = lastRun === undefined ? earliest : Math.max(lastRun + jittered, earliest)
  return Math.max(0, due - now)
}

/**
 * Runs `run` on the schedule until stopped: one timer, unref'd, re-armed after each run (so runs
 * never overlap). An interval of 0 schedules nothing.
 */
export function startSchedule(options: {
  intervalMs: number
  lastRun: () => number | undefined
  run: () => Promise<void>
  random?: () => number
}): () => void {
  const { intervalMs, run } = options
  const random = options.random ?? Math.random
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const arm = () => {
    if (stopped || intervalMs <= 0) return
    const delay = nextCheckDelay({
      intervalMs,
      lastRun: options.lastRun(),
      now: Date.now(),
      random,
    })
    timer = setTimeout(() => {
      void run().finally(arm)
    }, delay)
    timer.unref()
  }
  arm()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
