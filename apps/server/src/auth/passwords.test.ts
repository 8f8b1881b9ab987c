import { describe, expect, it } from 'vitest'
import { dummyVerify, hashPassword, PasswordHasherBusyError, verifyPassword } from './passwords.ts'

describe('argon2id passwords', () => {
  it('stores a PHC string with the parameters and a 16-byte salt', async () => {
    const stored = await hashPassword('correct horse')

    const match = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$([^$]+)\$([^$]+)$/.exec(stored)
    expect(match).not.toBeNull()
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16)
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32)
    expect(await hashPassword('correct horse')).not.toBe(stored)
  })

  it('verifies the right password only, treating a malformed stored value as a mismatch', async () => {
    const stored = await hashPassword('pässwörd-ü')

    expect(await verifyPassword(stored, 'pässwörd-ü')).toBe(true)
    expect(await verifyPassword(stored, 'pässwörd-u')).toBe(false)
    expect(await verifyPassword('$argon2id$v=19$m=999999999,t=2,p=1$AAAA$BBBB', 'x')).toBe(false)
    expect(await verifyPassword('plain-text', 'plain-text')).toBe(false)
    expect(await dummyVerify('anything')).toBe(false)
  })

  it('verifies a hash made with other parameters, read from the stored string', async () => {
    const { argon2Sync } = await import('node:crypto')
    const nonce = Buffer.alloc(16, 7)
    const params = { memory: 8192, passes: 3, parallelism: 1, tagLength: 32 }
    const tag = argon2Sync('argon2id', { ...params, message: 'old-password', nonce })
    const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '')
    const stored = `$argon2id$v=19$m=8192,t=3,p=1$${b64(nonce)}$${b64(tag)}`

    expect(await verifyPassword(stored, 'old-password')).toBe(true)
  })

  it('queues a bounded number of hashes and turns away the rest', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 70 }, () => dummyVerify('flood-password')),
    )

    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((r) => r.reason instanceof PasswordHasherBusyError)).toBe(true)
    expect(await dummyVerify('after the flood')).toBe(false)
  })
})
