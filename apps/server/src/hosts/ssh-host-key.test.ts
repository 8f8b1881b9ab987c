import { describe, expect, it } from 'vitest'
import { judgeAcceptance } from './ssh-host-key.ts'

const OFFERED = `SHA256:${'o'.repeat(43)}`
const PINNED = `SHA256:${'p'.repeat(43)}`

describe('accepting an SSH host key', () => {
  it('pins a new key only when the admin names the one offered (padding and spaces aside)', () => {
    const unknown = { state: 'unknown' as const, offered: OFFERED }

    expect(judgeAcceptance(unknown, ` ${OFFERED}= `, false)).toEqual({ pin: OFFERED })
    expect(judgeAcceptance(unknown, PINNED, false)).toEqual({
      refuse: `The server offers ${OFFERED}, not ${PINNED}`,
    })
  })

  it('replaces a changed key only with replacePinned, and refuses a key already in use', () => {
    const changed = { state: 'changed' as const, offered: OFFERED, expected: PINNED }

    expect(judgeAcceptance(changed, OFFERED, false)).toMatchObject({
      refuse: expect.stringMatching(/CHANGED.*replacePinned/),
    })
    expect(judgeAcceptance(changed, OFFERED, true)).toEqual({ pin: OFFERED })
    expect(judgeAcceptance(undefined, OFFERED, true)).toMatchObject({
      refuse: expect.stringMatching(/already accepted/),
    })
  })
})
