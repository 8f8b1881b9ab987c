import { describe, expect, it } from 'vitest'
import { formatMemory, type LimitsForm, toUpdateInput } from './limits-form.ts'

const initial: LimitsForm = {
  memory: '256m',
  memorySwap: '',
  cpus: '',
  cpuShares: '',
  pidsLimit: '',
  restart: 'no',
  maxRetries: '',
}
const edit = (over: Partial<LimitsForm>) => toUpdateInput({ ...initial, ...over }, initial)

describe('toUpdateInput', () => {
  it('sends only what changed', () => {
    expect(edit({ memory: '512m', cpus: '1.5' })).toEqual({
      input: { memoryBytes: 512 * 1024 ** 2, nanoCpus: 1_500_000_000 },
      errors: {},
    })
  })

  it('gives a first memory limit twice as much swap, as docker run does, unless one is typed', () => {
    const unlimited = { ...initial, memory: '' }
    expect(toUpdateInput({ ...unlimited, memory: '64m' }, unlimited).input).toEqual({
      memoryBytes: 64 * 1024 ** 2,
      memorySwapBytes: 128 * 1024 ** 2,
    })
    expect(
      toUpdateInput({ ...unlimited, memory: '64m', memorySwap: '-1' }, unlimited).input,
    ).toEqual({
      memoryBytes: 64 * 1024 ** 2,
      memorySwapBytes: -1,
    })
  })

  it('says there is nothing to change when nothing changed', () => {
    expect(edit({})).toEqual({ errors: { form: 'Nothing to change' } })
  })

  it('reports each bad field by its contract key, in the units people type', () => {
    const { input, errors } = edit({ memory: 'lots', cpus: '-1', cpuShares: '1.5', pidsLimit: '0' })
    expect(input).toBeUndefined()
    expect(errors).toMatchObject({
      memoryBytes: 'expected a size like 512m or 2g',
      nanoCpus: 'expected a number like 0.5 or 2',
      cpuShares: 'expected a whole number',
      pidsLimit: expect.stringMatching(/1/),
    })
    expect(edit({ memory: '1m' }).errors.memoryBytes).toMatch(/at least 6m/)
  })

  it('accepts -1 as unlimited swap', () => {
    expect(edit({ memorySwap: '-1' }).input).toEqual({ memorySwapBytes: -1 })
  })

  it('sends the restart policy with its retry count for on-failure only', () => {
    expect(edit({ restart: 'on-failure', maxRetries: '3' }).input).toEqual({
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    })
    expect(edit({ restart: 'always', maxRetries: '3' }).input).toEqual({
      restartPolicy: { name: 'always' },
    })
    expect(edit({ restart: 'on-failure', maxRetries: 'x' }).errors.restartPolicy).toBeDefined()
  })
})

describe('formatMemory', () => {
  it('writes the largest exact unit, empty for unlimited', () => {
    expect(formatMemory(512 * 1024 ** 2)).toBe('512m')
    expect(formatMemory(2 * 1024 ** 3)).toBe('2g')
    expect(formatMemory(1000)).toBe('1000b')
    expect(formatMemory(0)).toBe('')
  })
})
