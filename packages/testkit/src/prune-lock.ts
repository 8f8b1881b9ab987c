import { scaled } from './test-time.ts'

/**
 * The engine runs one prune at a time: containers, images and networks share one lock, and a
 * prune that meets another is refused with this message (409). Test files prune the shared engine
 * concurrently, so they ask again until the other prune has finished.
 */
const PRUNE_RUNNING = 'a prune operation is already running'

/**
 * Runs `prune` (an engine call or an HTTP request that prunes) until the engine is not busy with
 * another prune: a thrown error or, through `answerSaysBusy`, an answer that says so is asked
 * again; anything else is returned or thrown as it is.
 */
export async function pruneWhenFree<T>(
  prune: () => Promise<T>,
  answerSaysBusy: (answer: T) => Promise<boolean> = () => Promise.resolve(false),
): Promise<T> {
  const deadline = Date.now() + scaled(60_000)
  for (;;) {
    try {
      const answer = await prune()
      if (!(await answerSaysBusy(answer))) return answer
    } catch (error) {
      if (!(error instanceof Error && error.message.includes(PRUNE_RUNNING))) throw error
    }
    if (Date.now() > deadline) throw new Error('the engine was still running another prune')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** For HTTP answers: the engine's 409 for a prune that met another, passed on by the server. */
export async function responseSaysPruneRunning(response: Response): Promise<boolean> {
  return response.status === 409 && (await response.clone().text()).includes(PRUNE_RUNNING)
}
