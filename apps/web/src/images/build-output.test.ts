import { describe, expect, it } from 'vitest'
import { OUTPUT_LIMIT_CHARS, applyBuildLine, emptyBuildOutput } from './build-output.ts'

const fold = (lines: unknown[]) => lines.reduce(applyBuildLine, emptyBuildOutput)

describe('applyBuildLine', () => {
  it('joins the build steps as docker build prints them, without colour codes', () => {
    const state = fold([
      { stream: 'Step 1/2 : FROM busybox\n' },
      { stream: ' ---> 1a2b3c\n' },
      { stream: '\u001b[32mok\u001b[0m\n' },
      { aux: { ID: 'sha256:feed' } },
      { stream: 'Successfully built feed\n' },
    ])
    expect(state.text).toBe('Step 1/2 : FROM busybox\n ---> 1a2b3c\nok\nSuccessfully built feed\n')
    expect(state.imageId).toBe('sha256:feed')
  })

  it('prints status lines with their layer id', () => {
    expect(fold([{ status: 'Downloading', id: 'abc' }, { status: 'Done' }]).text).toBe(
      'abc: Downloading\nDone\n',
    )
  })

  it('takes the new id from an import’s last status', () => {
    const id = `sha256:${'a'.repeat(64)}`
    expect(fold([{ status: id }]).imageId).toBe(id)
  })

  it('keeps the engine’s error as it is', () => {
    const state = fold([
      { stream: 'Step 1/1 : RUN false\n' },
      { error: { code: 'engine_error', message: "The command '/bin/sh -c false' returned 1" } },
    ])
    expect(state.error).toBe("The command '/bin/sh -c false' returned 1")
    expect(state.text).toBe('Step 1/1 : RUN false\n')
  })

  it('keeps only the tail of a very long output', () => {
    const line = `${'x'.repeat(1023)}\n`
    const state = fold(Array.from({ length: 300 }, () => ({ stream: line })))
    expect(state.text.length).toBe(OUTPUT_LIMIT_CHARS)
  })

  it('ignores lines that are not progress', () => {
    expect(fold([undefined, 'text', { stream: 42 }])).toEqual(emptyBuildOutput)
  })
})
