import { LOG_TIME_HINT, toEngineLogTime } from '@harbormaster/contract'

/**
 * Empty (the whole log), or a time the server's logs endpoint reads (the contract's rule):
 * anything else would open the socket only to be refused, so the page checks before asking.
 */
export function isValidSince(value: string): boolean {
  return value === '' || toEngineLogTime(value, Date.now()) !== undefined
}

export const SINCE_HINT = LOG_TIME_HINT
