import { describe, expect, it } from 'vitest'
import { passkeyErrorMessage } from './passkey-errors.ts'

const domError = (name: string) =>
  new DOMException('The operation either timed out or was not allowed.', name)

describe('passkey ceremony errors', () => {
  it('read as sentences for what the browser reports', () => {
    expect(passkeyErrorMessage(domError('NotAllowedError'))).toBe(
      'The passkey request was cancelled or timed out. Try again when you are ready.',
    )
    expect(passkeyErrorMessage(domError('InvalidStateError'))).toMatch(/already holds one/)
    expect(passkeyErrorMessage(domError('SecurityError'))).toMatch(/public URL/)
  })

  it("keep the server's words", () => {
    // ApiRequestError is an Error by name: what the server said is what the user reads.
    const err = new Error('This passkey is not registered here')
    expect(passkeyErrorMessage(err)).toBe('This passkey is not registered here')
  })
})
