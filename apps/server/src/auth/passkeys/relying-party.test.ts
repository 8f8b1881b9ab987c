import { describe, expect, it } from 'vitest'
import { relyingParty } from './relying-party.ts'

describe('the relying party', () => {
  it("is the public URL's host name and origin, whatever port it has", () => {
    expect(relyingParty({ publicOrigin: 'https://dash.example.com:8443' })).toEqual({
      id: 'dash.example.com',
      name: 'Harbormaster',
      origin: 'https://dash.example.com:8443',
    })
    expect(relyingParty({ publicOrigin: 'http://localhost:8080' }).id).toBe('localhost')
  })

  it('refuses an IP address, which browsers take for no RP ID, naming the setting', () => {
    for (const publicOrigin of ['http://127.0.0.1:8080', 'https://[::1]:8443']) {
      expect(() => relyingParty({ publicOrigin })).toThrow(/HARBORMASTER_PUBLIC_URL/)
    }
  })
})
