import type { AlertChannel } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import {
  channelFormOf,
  emptyChannelForm,
  toChannelCreate,
  toChannelUpdate,
} from './channel-form.ts'

const mailChannel: AlertChannel = {
  id: 'c1',
  name: 'mail',
  enabled: true,
  quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC', mode: 'drop' },
  config: {
    type: 'email',
    host: 'smtp.example.test',
    port: 587,
    security: 'starttls',
    username: 'alerts',
    from: 'hm@example.test',
    to: ['a@example.test', 'b@example.test'],
    hasPassword: true,
  },
  createdAt: '2026-12-07T06:00:00.000Z',
  updatedAt: '2026-12-07T06:00:00.000Z',
}

describe('channel form', () => {
  it('asks for the secrets a new channel needs, naming the field', () => {
    const { input, errors } = toChannelCreate({ ...emptyChannelForm(), name: 'hook' })
    expect(input).toBeUndefined()
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['config.url', 'config.secret']))
  })

  it('builds a create request with only the fields of the chosen type', () => {
    const form = {
      ...emptyChannelForm(),
      name: 'phone',
      type: 'ntfy' as const,
      url: 'https://ntfy.example.test/topic',
      secret: 'left over from webhook',
    }
    expect(toChannelCreate(form).input).toEqual({
      name: 'phone',
      enabled: true,
      config: { type: 'ntfy', url: 'https://ntfy.example.test/topic' },
    })
  })

  it('leaves untyped secrets out of an update, so the stored ones are kept', () => {
    const form = channelFormOf(mailChannel)
    expect(form.password).toBe('')
    expect(toChannelUpdate({ ...form, to: 'a@example.test\nc@example.test' }).input).toEqual({
      name: 'mail',
      enabled: true,
      quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC', mode: 'drop' },
      config: {
        type: 'email',
        host: 'smtp.example.test',
        port: 587,
        security: 'starttls',
        username: 'alerts',
        from: 'hm@example.test',
        to: ['a@example.test', 'c@example.test'],
      },
    })
    expect(toChannelUpdate({ ...form, quiet: false }).input?.quietHours).toBeNull()
  })
})
