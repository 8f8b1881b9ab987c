import { describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'
import { parseTrustedProxies } from './trusted-proxies.ts'

describe('HARBORMASTER_TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges, IPv4 and IPv6', () => {
    const trusted = parseTrustedProxies(' 10.1.2.3, 172.30.0.0/16 ,fd00::/8')
    expect(trusted.entries).toEqual(['10.1.2.3', '172.30.0.0/16', 'fd00::/8'])
    expect(trusted.has('10.1.2.3')).toBe(true)
    expect(trusted.has('10.1.2.4')).toBe(false)
    expect(trusted.has('172.30.9.200')).toBe(true)
    expect(trusted.has('172.31.0.1')).toBe(false)
    expect(trusted.has('fd12:3456::1')).toBe(true)
    expect(trusted.has('fe80::1')).toBe(false)
    expect(trusted.has('not an address')).toBe(false)
    expect(parseTrustedProxies('').has('127.0.0.1')).toBe(false)
  })

  it.each(['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', '10.0.0.0/x', '::1/129'])(
    'refuses %s, naming it',
    (entry) => {
      expect(() => parseTrustedProxies(`10.0.0.1,${entry}`)).toThrow(
        `HARBORMASTER_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`,
      )
    },
  )
})

interface Entry {
  action: string
  address: string | null
}

/** A refused mutation (audited, touches nothing) sent with a forged or forwarded client. */
async function auditedAddress(h: ReturnType<typeof startHarness>, forwardedFor: string) {
  const viewer = await h.as('viewer')
  const name = h.uniqueName('forwarded')
  const refused = await viewer.post(
    '/api/hosts/local/volumes',
    { name, labels: h.labels },
    { 'X-Forwarded-For': forwardedFor },
  )
  expect(refused.status).toBe(403)
  const admin = await h.as('admin')
  const page = (await (await admin.get('/api/audit?limit=20')).json()) as { entries: Entry[] }
  return page.entries.find((e) => e.action === 'volume.create')?.address
}

describe('the client address behind a trusted proxy range (real server)', () => {
  const h = startHarness({ env: { HARBORMASTER_TRUSTED_PROXIES: '10.0.0.0/8,127.0.0.0/8' } })

  it('records the nearest forwarded address that is not itself a trusted proxy', async () => {
    expect(await auditedAddress(h, '203.0.113.7, 10.20.30.40')).toBe('203.0.113.7')
  })
})

describe('the client address with no trusted proxy (real server)', () => {
  const h = startHarness()

  it('ignores X-Forwarded-For, which any client can send', async () => {
    expect(await auditedAddress(h, '203.0.113.7')).toBe('127.0.0.1')
  })
})
