import type { AlertNotice, AlertRule } from '@harbormaster/contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Signal } from './container-signals.ts'
import { Notifier } from './notifier.ts'

const rule: AlertRule = {
  id: 'r1',
  name: 'Unhealthy',
  kind: 'container.unhealthy',
  params: {},
  scope: { type: 'all' },
  channelIds: [],
  enabled: true,
  dedupMinutes: 10,
  recovery: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
}
const context = { hostName: 'prod', publicOrigin: 'https://hm.example' }
const signal = (state: 'firing' | 'resolved'): Signal => ({
  kind: 'container.unhealthy',
  state,
  hostId: 'local',
  subject: { type: 'container', id: 'c1', name: 'web-1' },
  labels: {},
  at: Date.now(),
  what: state === 'firing' ? 'is unhealthy' : 'is healthy again',
})

describe('de-duplication: one notice per rule and subject per window, then a summary', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T06:00:00Z') })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('turns a container flapping 20 times into a notice, its recovery, and one summary', () => {
    const sent: AlertNotice[] = []
    const notifier = new Notifier((notice) => sent.push(notice))

    for (let flap = 0; flap < 20; flap++) {
      notifier.handle(rule, signal('firing'), context)
      vi.advanceTimersByTime(5_000)
      notifier.handle(rule, signal('resolved'), context)
      vi.advanceTimersByTime(5_000)
    }
    expect(sent.map((n) => [n.state, n.suppressed])).toEqual([
      ['firing', undefined],
      ['resolved', undefined],
    ])
    vi.advanceTimersByTime(10 * 60_000)

    expect(sent.map((n) => [n.state, n.suppressed])).toEqual([
      ['firing', undefined],
      ['resolved', undefined],
      ['resolved', 19],
    ])
    expect(sent[2]?.title).toBe(
      'web-1 is unhealthy on prod (19 more times in 10 min; is healthy again now)',
    )
    notifier.stop()
  })

  it('sends a summary that is still failing as the firing alert, which its recovery resolves', () => {
    const sent: AlertNotice[] = []
    const notifier = new Notifier((notice) => sent.push(notice))
    notifier.handle(rule, signal('firing'), context)
    notifier.handle(rule, signal('resolved'), context)
    notifier.handle(rule, signal('firing'), context)

    vi.advanceTimersByTime(10 * 60_000)
    notifier.handle(rule, signal('resolved'), context)

    expect(sent.map((n) => [n.state, n.suppressed])).toEqual([
      ['firing', undefined],
      ['resolved', undefined],
      ['firing', 1],
      ['resolved', undefined],
    ])
    expect(sent[3]?.id).toBe(sent[2]?.id)
    notifier.stop()
  })

  it('notifies again once the window has passed, with nothing held back', () => {
    const sent: AlertNotice[] = []
    const notifier = new Notifier((notice) => sent.push(notice))
    notifier.handle(rule, signal('firing'), context)
    notifier.handle(rule, signal('resolved'), context)

    vi.advanceTimersByTime(11 * 60_000)
    notifier.handle(rule, signal('firing'), context)

    expect(sent.map((n) => [n.state, n.suppressed])).toEqual([
      ['firing', undefined],
      ['resolved', undefined],
      ['firing', undefined],
    ])
    notifier.stop()
  })
})

describe('restored from the notices of a previous run', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T06:00:00Z') })
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  const stored = (state: 'firing' | 'resolved', id: string, minutesAgo: number): AlertNotice => ({
    id,
    kind: 'container.unhealthy',
    state,
    severity: 'warning',
    title: 'web-1 is unhealthy on prod',
    body: '',
    ruleId: rule.id,
    ruleName: rule.name,
    hostId: 'local',
    hostName: 'prod',
    subject: { type: 'container', id: 'c1', name: 'web-1' },
    at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  })

  it('resolves the alert left open, and opens no second one meanwhile', () => {
    const sent: AlertNotice[] = []
    const notifier = new Notifier((notice) => sent.push(notice))
    notifier.restore(
      [stored('resolved', 'old', 30), stored('firing', 'open', 20)].map((notice) => ({
        notice,
        labels: {},
      })),
    )

    notifier.handle(rule, signal('firing'), context)
    notifier.handle(rule, signal('resolved'), context)

    expect(sent.map((n) => [n.id, n.state])).toEqual([['open', 'resolved']])
    notifier.stop()
  })

  it('keeps the window of a notice sent before the restart: a new firing inside it waits', () => {
    const sent: AlertNotice[] = []
    const notifier = new Notifier((notice) => sent.push(notice))
    notifier.restore([{ notice: stored('resolved', 'recent', 4), labels: {} }])

    notifier.handle(rule, signal('firing'), context)
    expect(sent).toEqual([])

    vi.advanceTimersByTime(6 * 60_000)
    expect(sent.map((n) => [n.state, n.suppressed])).toEqual([['firing', 1]])
    notifier.stop()
  })

  it('tells which alerts of a host are open, with their labels, so a reconciliation can end them', () => {
    const notifier = new Notifier(() => undefined)
    notifier.restore([
      { notice: stored('firing', 'open', 20), labels: { team: 'web' } },
      { notice: { ...stored('firing', 'elsewhere', 20), hostId: 'other' }, labels: {} },
    ])

    expect(notifier.openOn('local')).toEqual([
      expect.objectContaining({ id: 'open', subject: expect.objectContaining({ id: 'c1' }) }),
    ])
    expect(notifier.openOn('local')[0]).toMatchObject({ labels: { team: 'web' }, since: 0 })
    notifier.handle(rule, signal('resolved'), context)
    expect(notifier.openOn('local')).toEqual([])
    notifier.stop()
  })
})
