import type { StackStep } from '@harbormaster/contract'

/** Work that emits step lines as it goes, once the tasks it comes `after` are done. */
export interface Task {
  id: string
  after: readonly string[]
  run(emit: (line: StackStep) => void): Promise<void>
}

/**
 * Runs tasks as soon as those they come after are done, each in a slot of `run` (the host's cap
 * on work at once), and yields their lines in the order they happen. The first failure starts
 * nothing more; the tasks already running end (their calls share the operation's signal), then
 * the failure is thrown, after every line before it.
 */
export async function* runTasks(
  tasks: readonly Task[],
  run: (work: () => Promise<void>) => Promise<void>,
): AsyncGenerator<StackStep> {
  const lines: StackStep[] = []
  const done = new Set<string>()
  const started = new Set<string>()
  let running = 0
  let failure: { error: unknown } | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const launch = () => {
    if (failure) return
    for (const task of tasks) {
      if (started.has(task.id) || !task.after.every((id) => done.has(id))) continue
      started.add(task.id)
      running++
      run(() =>
        task.run((line) => {
          lines.push(line)
          notify()
        }),
      ).then(
        () => {
          running--
          done.add(task.id)
          launch()
          notify()
        },
        (error: unknown) => {
          running--
          failure ??= { error }
          notify()
        },
      )
    }
  }
  launch()
  for (;;) {
    for (let line = lines.shift(); line; line = lines.shift()) yield line
    if (running === 0) break
    await new Promise<void>((resolve) => (wake = resolve))
  }
  if (failure) throw failure.error
  const stuck = tasks.filter((task) => !done.has(task.id)).map((task) => task.id)
  if (stuck.length > 0)
    throw new Error(`tasks never ready (a dependency cycle): ${stuck.join(', ')}`)
}
