import { describe, expect, it } from 'vitest'
import { redact } from './redact.ts'

describe('redact', () => {
  it('replaces values under secret-looking keys at any depth', () => {
    const input = {
      name: 'web',
      password: 'hunter22',
      nested: { apiToken: 't', clientSecret: 's', PrivateKey: 'k', authorization: 'Bearer x' },
      list: [{ credentials: { user: 'u' }, cookie: 'c', passwd: 'p' }],
      image: 'nginx',
    }

    expect(redact(input)).toEqual({
      name: 'web',
      password: '[redacted]',
      nested: {
        apiToken: '[redacted]',
        clientSecret: '[redacted]',
        PrivateKey: '[redacted]',
        authorization: '[redacted]',
      },
      list: [{ credentials: '[redacted]', cookie: '[redacted]', passwd: '[redacted]' }],
      image: 'nginx',
    })
    expect(input.password).toBe('hunter22')
  })

  it('keeps variable names but hides values in env arrays', () => {
    const input = {
      Env: ['DB_PASSWORD=s3cret', 'MODE=prod', 'INHERITED', 'EMPTY=', 'URL=a=b'],
      config: { env: ['TOKEN=abc'] },
      environment: { A: '1' },
    }

    expect(redact(input)).toEqual({
      Env: [
        'DB_PASSWORD=[redacted]',
        'MODE=[redacted]',
        'INHERITED',
        'EMPTY=[redacted]',
        'URL=[redacted]',
      ],
      config: { env: ['TOKEN=[redacted]'] },
      environment: '[redacted]',
    })
  })

  it('survives cycles and deep nesting', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const shared = { x: 1 }
    let deep: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 40; i++) deep = { child: deep }

    expect(redact(cyclic)).toEqual({ a: 1, self: '[truncated]' })
    expect(redact({ one: shared, two: shared })).toEqual({ one: { x: 1 }, two: { x: 1 } })
    expect(JSON.stringify(redact(deep))).toContain('[truncated]')
    expect(redact('plain')).toBe('plain')
  })
})
