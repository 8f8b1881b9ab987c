import { docker } from '@harbormaster/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { findUnsafeText } from './safe-text.ts'

describe('findUnsafeText', () => {
  it('finds a NUL or an unpaired surrogate anywhere, keys included, and names where', () => {
    expect(findUnsafeText({ env: ['A=1', 'B=x\0y'] }, 'json')).toBe('json.env.1')
    expect(findUnsafeText({ labels: { 'k\uD800': 'v' } }, 'json')).toBe('json.labels.k\uFFFD')
    expect(findUnsafeText({ a: { b: 'tail\uDC00' } }, 'json')).toBe('json.a.b')
    expect(findUnsafeText({ emoji: 'ship \uD83D\uDEA2', tab: 'a\tb\nc' }, 'json')).toBeUndefined()
  })

  it('accepts every well-formed string without NUL (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\0'))
        expect(findUnsafeText({ [text]: [text] }, 'json')).toBeUndefined()
      }),
    )
  })

  it('finds any lone surrogate, wherever it sits (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string(),
        (before, unit, after) => {
          // A high surrogate followed by a low one is a pair, not a lone surrogate.
          fc.pre(!/[\uD800-\uDBFF]$/.test(before) && !/^[\uDC00-\uDFFF]/.test(after))
          const text = `${before}${String.fromCharCode(unit)}${after}`
          expect(findUnsafeText([text], 'json')).toBe('json.0')
        },
      ),
    )
  })
})

describe('NUL and unpaired surrogates reaching the engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  const exists = async (name: string) =>
    (await docker(h.dockerHost, ['ps', '-aq', '--filter', `name=^/${name}$`])).stdout.trim() !== ''

  it.each([
    ['an env value with NUL', { env: ['GREETING=hi\u0000there'] }, /json\.env\.0/],
    ['an env value with a lone surrogate', { env: ['GREETING=\uD800'] }, /json\.env\.0/],
    ['a label key with a lone surrogate', { labels: { 'team\uDC00': 'a' } }, /json\.labels/],
    ['a label value with NUL', { labels: { team: 'a\u0000b' } }, /json\.labels\.team/],
    ['a command with NUL', { cmd: ['sh', '-c', 'echo\u0000hi'] }, /json\.cmd\.2/],
  ])('refuses %s with a 400 naming it, and creates nothing', async (_what, spec, where) => {
    const operator = await h.as('operator')
    const name = h.uniqueName('text')
    const { labels, ...rest } = spec as { labels?: Record<string, string> }

    const res = await operator.post(base, {
      image: h.fixtureImage,
      name,
      ...rest,
      labels: { ...h.labels, ...labels },
    })

    await expectApiError(res, 400, 'invalid_request', where)
    expect(await exists(name)).toBe(false)
  })

  it('refuses a NUL in a query or a path', async () => {
    const operator = await h.as('operator')

    await expectApiError(
      await operator.get(`${base}/x/files?path=/tmp%00/etc`),
      400,
      'invalid_request',
      /query\.path/,
    )
    await expectApiError(await operator.get(`${base}/a%00b/json`), 400, 'invalid_request', /path/)
    expect((await h.anonymous.get('/api/health')).status).toBe(200)
  })
})
