import type { AlertEntry } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { alertLinks } from './alert-links.ts'

const alert = (subject: AlertEntry['subject']): AlertEntry => ({
  id: 'a1',
  kind: 'container.exit',
  state: 'firing',
  severity: 'warning',
  title: 'web exited with code 3 on local',
  body: '',
  ruleId: 'r1',
  ruleName: 'Exits',
  hostId: 'local',
  hostName: 'local',
  at: '2026-12-07T10:20:30.000Z',
  read: false,
  ...(subject === undefined ? {} : { subject }),
})

describe('alertLinks', () => {
  it('opens a container’s logs from a minute before the alert to a minute after, with times', () => {
    const links = alertLinks(alert({ type: 'container', id: 'c1', name: 'web' }))
    expect(links.subject).toBe('/hosts/local/containers/c1')
    const logs = new URL(links.logs ?? '', 'http://app.test')
    expect(logs.pathname).toBe('/hosts/local/containers/c1/logs')
    expect(Object.fromEntries(logs.searchParams)).toEqual({
      since: '2026-12-07T10:19:30.000Z',
      until: '2026-12-07T10:21:30.000Z',
      ts: '1',
    })
  })

  it('links an exit or an OOM kill to the capsules of the container’s name on its host', () => {
    const exit = alertLinks(alert({ type: 'container', id: 'c1', name: 'web-1' }))
    expect(exit.capsule).toBe('/hosts/local/capsules?name=web-1')
    const unhealthy = alertLinks({
      ...alert({ type: 'container', id: 'c1', name: 'web-1' }),
      kind: 'container.unhealthy',
    })
    expect(unhealthy.capsule).toBeUndefined()
  })

  it('has no logs for an image or a host, and links to their pages', () => {
    expect(alertLinks(alert({ type: 'image', id: 'app@sha256:1', name: 'app' }))).toEqual({
      subject: '/hosts/local/images',
    })
    expect(alertLinks(alert({ type: 'host', id: 'local', name: 'local' }))).toEqual({
      subject: '/hosts/local/containers',
    })
  })
})
