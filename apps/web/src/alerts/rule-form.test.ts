import { describe, expect, it } from 'vitest'
import { NEW_RULE, formOf, toRuleInput } from './rule-form.ts'

describe('the alert rule form', () => {
  it('turns a restart-loop rule on a stack into its request, and back', () => {
    const form = {
      ...NEW_RULE,
      name: 'Shop loops',
      kind: 'container.restart-loop' as const,
      restarts: '4',
      windowMinutes: '10',
      scopeType: 'stack' as const,
      scopeValue: ' shop ',
      channelIds: ['ops', 'pager'],
    }

    const result = toRuleInput(form)

    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Shop loops',
        kind: 'container.restart-loop',
        params: { restarts: 4, windowMinutes: 10 },
        scope: { type: 'stack', name: 'shop' },
        channelIds: ['ops', 'pager'],
        dedupMinutes: 15,
        recovery: true,
        enabled: true,
      },
    })
    const rule = {
      ...(result.ok ? result.input : NEW_RULE),
      id: 'r',
      createdAt: '',
      updatedAt: '',
    }
    expect(formOf(rule as Parameters<typeof formOf>[0])).toMatchObject({
      kind: 'container.restart-loop',
      restarts: '4',
      scopeValue: 'shop',
      channelIds: ['ops', 'pager'],
    })
  })

  it('names what is wrong: a label selector without a value, exit codes that are no numbers', () => {
    expect(
      toRuleInput({ ...NEW_RULE, name: 'x', scopeType: 'labels', scopeValue: 'team' }),
    ).toEqual({ ok: false, error: expect.stringMatching(/^scope\.selector: .*key=value/) })
    expect(toRuleInput({ ...NEW_RULE, name: 'x', exitCodes: '3, three' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^params\.exitCodes/),
    })
  })

  it('sends a disk threshold in bytes from GiB', () => {
    expect(
      toRuleInput({ ...NEW_RULE, name: 'Disk', kind: 'host.disk', thresholdGib: '1.5' }),
    ).toMatchObject({ ok: true, input: { params: { thresholdBytes: 1.5 * 2 ** 30 } } })
  })
})
