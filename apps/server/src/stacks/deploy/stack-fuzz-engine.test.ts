import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_SEED, deployableText } from '../../../test/compose-arbitraries.ts'
import { startHarness } from '../../../test/harness.ts'
import { QUICK_STOP, STACKS } from '../../../test/stack-deploy.ts'
import { stackLines } from '../../../test/cli-project.ts'

const h = startHarness()

describe('up of arbitrary settings on a real engine (a small property-based sample)', () => {
  it('answers a 2xx or a 4xx envelope, and a stream that ends with done or an error, never a 5xx', async () => {
    // Scoped to this file's run label: every object a stack makes carries it (and is removed).
    const operator = await h.scopedOperator()
    let run = 0
    await fc.assert(
      fc.asyncProperty(deployableText(h.fixtureImage, QUICK_STOP), async (compose) => {
        const name = h.uniqueName(`fz${String(run++)}`)
        const created = await operator.post(STACKS, { name, compose })
        expect(created.status, await created.clone().text()).toBe(201)
        const res = await operator.post(`${STACKS}/${name}/up`, {})
        if (res.status !== 200) {
          const body = (await res.json()) as { error?: { code?: string; message?: string } }
          expect(res.status, JSON.stringify(body)).toBeLessThan(500)
          expect(typeof body.error?.message).toBe('string')
          return
        }
        const lines = await stackLines(res)
        const last = lines.at(-1)
        if (last?.error) expect(last.error.code, JSON.stringify(last)).not.toBe('internal')
        else expect(last?.type, JSON.stringify(lines)).toBe('done')
        const down = await operator.post(`${STACKS}/${name}/down`, { volumes: true })
        expect((await stackLines(down)).at(-1)).toMatchObject({ type: 'done' })
      }),
      { numRuns: 20, seed: FUZZ_SEED },
    )
  })
})
