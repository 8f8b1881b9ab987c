import { describe, expect, it } from 'vitest'
import { eventKey, nanoToSince, parseEventLine } from './engine-event.ts'

// A 1.41 event as seen on Engine 20.10 (docs/engine.md#events).
const line =
  '{"status":"create","id":"7cb1","from":"busybox:1","Type":"container","Action":"create",' +
  '"Actor":{"ID":"7cb1","Attributes":{"image":"busybox:1","name":"hm-notty"}},' +
  '"scope":"local","time":1795437471,"timeNano":1795437471202141486}'

describe('parseEventLine', () => {
  it('keeps timeNano exact although it exceeds 2^53', () => {
    const event = parseEventLine(line)
    expect(event).toMatchObject({
      type: 'container',
      action: 'create',
      actorId: '7cb1',
      attributes: { name: 'hm-notty' },
      scope: 'local',
      time: 1795437471,
      timeNano: '1795437471202141486',
    })
  })

  it('splits an action suffix and maps Podman’s names onto Docker’s', () => {
    const health = parseEventLine(
      '{"Type":"container","Action":"health_status: healthy","Actor":{"ID":"a"},"time":1}',
    )
    expect(health).toMatchObject({
      action: 'health_status',
      actionDetail: 'healthy',
      timeNano: '1000000000',
    })
    expect(parseEventLine('{"Type":"container","Action":"remove","Actor":{"ID":"a"}}').action).toBe(
      'destroy',
    )
  })

  it('formats since for a resume and keys events for de-duplication', () => {
    expect(nanoToSince('1795437645531354959')).toBe('1795437645.531354959')
    expect(nanoToSince('5')).toBe('0.000000005')
    expect(eventKey(parseEventLine(line))).toBe('1795437471202141486|container|7cb1|create')
  })
})
