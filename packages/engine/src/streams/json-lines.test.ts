import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { EngineStreamError } from '../errors.ts'
import { readJsonLines, readLines } from './json-lines.ts'
import { readProgress } from './progress.ts'

describe('readLines', () => {
  it('joins lines across chunks, keeps multi-byte characters split between chunks, skips blanks', async () => {
    const bytes = Buffer.from('{"a":"é"}\n\n{"b":2}\n{"c":3}')
    const cut = bytes.indexOf(0xa9) // inside the two bytes of "é"
    const lines = await Array.fromAsync(
      readLines(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)])),
    )
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}'])
  })

  it('fails on a line that is not JSON', async () => {
    await expect(
      Array.fromAsync(readJsonLines(Readable.from(['{"ok":1}\nnope\n']))),
    ).rejects.toThrow(/not JSON/)
  })
})

describe('readProgress', () => {
  it('maps progress lines and ends with the engine error even though the status was 200', async () => {
    const body = Readable.from([
      '{"status":"Pulling fs layer","id":"8ac8bfaff55a"}\n',
      '{"status":"Downloading","progressDetail":{"current":1,"total":100},"progress":"[=> ]","id":"8ac8bfaff55a"}\n',
      '{"stream":"Step 1/2 : FROM x\\n"}\n{"aux":{"ID":"sha256:35"}}\n',
      '{"errorDetail":{"code":3,"message":"returned a non-zero code: 3"},"error":"returned a non-zero code: 3"}\n',
    ])
    const seen: unknown[] = []
    const reading = (async () => {
      for await (const event of readProgress(body)) seen.push(event)
    })()

    await expect(reading).rejects.toEqual(new EngineStreamError('returned a non-zero code: 3', 3))
    expect(seen).toEqual([
      { status: 'Pulling fs layer', id: '8ac8bfaff55a' },
      { status: 'Downloading', id: '8ac8bfaff55a', current: 1, total: 100 },
      { stream: 'Step 1/2 : FROM x\n' },
      { aux: { ID: 'sha256:35' } },
    ])
  })
})
