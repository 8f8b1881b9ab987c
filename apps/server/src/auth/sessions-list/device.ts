import Bowser from 'bowser'

const UNKNOWN = 'Unknown device'

/**
 * A user agent in a few words, "Chrome 131 on Linux", for a person scanning their sessions. Only
 * shown, never used for a decision: the header is whatever the client chose to send.
 */
export function describeDevice(userAgent: string): string {
  // Bowser refuses an empty string; scripts (curl, fetch in Node) send one or none.
  if (userAgent.trim() === '') return UNKNOWN
  const { browser, os } = Bowser.parse(userAgent)
  const major = browser.version?.split('.')[0]
  const name = browser.name ? [browser.name, major].filter(Boolean).join(' ') : undefined
  if (name === undefined) return os.name ? `Unknown browser on ${os.name}` : UNKNOWN
  return os.name ? `${name} on ${os.name}` : name
}
