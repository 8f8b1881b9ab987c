import { describe, expect, it } from 'vitest'
import { UNREAD_POLL_MS, unreadPollMs } from './unread-poll.ts'

describe('unreadPollMs', () => {
  it('asks on a timer while some host the user may see has no socket open', () => {
    expect(unreadPollMs(['h1', 'h2'], new Set())).toBe(UNREAD_POLL_MS)
    expect(unreadPollMs(['h1', 'h2'], new Set(['h1']))).toBe(UNREAD_POLL_MS)
  })

  it('asks on a timer while the hosts are not known yet', () => {
    expect(unreadPollMs(undefined, new Set(['h1']))).toBe(UNREAD_POLL_MS)
  })

  it('does not ask while every host has its socket open, or there is none to see', () => {
    expect(unreadPollMs(['h1', 'h2'], new Set(['h1', 'h2']))).toBe(false)
    expect(unreadPollMs(['h1'], new Set(['h1', 'h9']))).toBe(false)
    expect(unreadPollMs([], new Set())).toBe(false)
  })
})
