/** The swarm context the engine puts before each line of a service log asked `details=true`. */
export interface LineOrigin {
  task: string
  node: string
}

const TASK = 'com.docker.swarm.task.id'
const NODE = 'com.docker.swarm.node.id'

/**
 * Splits `<time> <attrs> <message>` (time only with `timestamps`): the engine writes the
 * attributes as `key=value` pairs joined by `,`, sorted, each value query-escaped (Go's
 * url.QueryEscape, so `+` is a space), then one space, then the line as the task wrote it.
 * A line without them (not asked, or an engine that sends none) keeps its text and no origin.
 */
export function splitDetails(
  text: string,
  timestamps: boolean,
): { text: string; origin?: LineOrigin } {
  const stamp = timestamps ? text.slice(0, text.indexOf(' ') + 1) : ''
  const rest = text.slice(stamp.length)
  const space = rest.indexOf(' ')
  const attrs = space === -1 ? rest : rest.slice(0, space)
  const pairs = new Map(
    attrs.split(',').map((pair) => {
      const eq = pair.indexOf('=')
      return [pair.slice(0, eq), unescape(pair.slice(eq + 1))] as const
    }),
  )
  const task = pairs.get(TASK)
  const node = pairs.get(NODE)
  if (task === undefined || node === undefined) return { text }
  return { text: stamp + (space === -1 ? '' : rest.slice(space + 1)), origin: { task, node } }
}

function unescape(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '))
  } catch {
    return value
  }
}
