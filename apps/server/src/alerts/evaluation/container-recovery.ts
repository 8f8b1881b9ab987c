import type { Container } from '@harbormaster/engine'
import type { OpenAlert } from './notifier.ts'

/**
 * Whether an open container alert's problem is over, judged from the container as a full read
 * of the model found it (`undefined`: gone). For a problem that ended while no event was heard
 * (the server down, the events stream broken). @returns what the recovery says, or undefined
 * while the problem lasts.
 */
export function recoveryOf(open: OpenAlert, container: Container | undefined): string | undefined {
  if (container === undefined) return 'is gone'
  switch (open.kind) {
    case 'container.exit':
    case 'container.oom':
      // Paused is started: its process runs, frozen.
      return container.state === 'running' || container.state === 'paused'
        ? 'is running again'
        : undefined
    case 'container.unhealthy':
      return container.health === 'healthy' ? 'is healthy again' : undefined
    // Not about a container, or one-off: nothing of a container's state ends them.
    case 'container.restart-loop':
    case 'host.down':
    case 'host.disk':
    case 'image.update':
    case 'image.updated':
      return undefined
  }
}
