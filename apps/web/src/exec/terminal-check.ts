import type { ContainerDetails } from '@harbormaster/contract'

/** Why a terminal cannot be opened now, in words for the person looking at it. */
export interface TerminalBlock {
  title: string
  detail: string
  /** What would unblock it, offered as a button when the role allows. */
  remedy?: 'start' | 'unpause'
}

/**
 * A refused WebSocket upgrade reaches the browser only as close code 1006, whatever the server
 * said; so before (re)connecting we ask the API about the container and explain from its answer.
 */
export function blockForState(state: ContainerDetails['state']): TerminalBlock | undefined {
  if (state.paused)
    return {
      title: 'The container is paused',
      detail: 'Resume it to open a terminal.',
      remedy: 'unpause',
    }
  if (state.restarting)
    return { title: 'The container is restarting', detail: 'Check again in a moment.' }
  if (!state.running)
    return {
      title: 'The container is not running',
      detail: 'Start it to open a terminal.',
      remedy: 'start',
    }
  return undefined
}

/** The API refused to tell us about the container: status and the server's own message. */
export function blockForError(status: number, message: string): TerminalBlock {
  switch (status) {
    case 0:
      return { title: 'The server could not be reached', detail: message }
    case 401:
      return { title: 'Your session has ended', detail: 'Sign in again to open a terminal.' }
    case 403:
      return { title: 'You may not open a terminal on this container', detail: message }
    case 404:
      return {
        title: 'The container no longer exists',
        detail: `It was removed, renamed or is outside what you may see. (${message})`,
      }
    case 502:
    case 504:
      return { title: 'The host’s engine is not answering', detail: message }
    default:
      return { title: 'The container could not be checked', detail: message }
  }
}
