import { describe, expect, it } from 'vitest'
import { useFakeEngine } from './fixtures/fake-engine.ts'
import { EngineBadRequestError } from './errors.ts'
import { SystemApi } from './system/system-api.ts'

const system = useFakeEngine((client) => new SystemApi(client))

// Engine 29 serves API 1.44 and up; the engine here (1.41, minimum 1.12) cannot refuse us so.
describe('engine errors (fake engine: the refusal of a too-old client cannot come from the engine here)', () => {
  it('keeps the text of an error answered in plain text, as the version refusal is', async () => {
    const refusal =
      'client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version'
    const { api } = await system('1.41', () => ({ status: 400, text: `${refusal}\n` }))

    const info = api.info()

    await expect(info).rejects.toBeInstanceOf(EngineBadRequestError)
    await expect(info).rejects.toMatchObject({ status: 400, message: refusal })
  })
})
