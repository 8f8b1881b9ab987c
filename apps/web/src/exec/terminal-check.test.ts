import type { ContainerDetails } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { blockForError, blockForState } from './terminal-check.ts'
import { terminalTheme } from './terminal-theme.ts'

const state = (over: Partial<ContainerDetails['state']>): ContainerDetails['state'] => ({
  status: 'running',
  running: true,
  paused: false,
  restarting: false,
  oomKilled: false,
  pid: 1,
  exitCode: 0,
  error: '',
  ...over,
})

describe('blockForState', () => {
  it('lets a running container through', () => {
    expect(blockForState(state({}))).toBeUndefined()
  })

  it('says a stopped container is not running and offers to start it', () => {
    expect(blockForState(state({ status: 'exited', running: false }))).toEqual({
      title: 'The container is not running',
      detail: 'Start it to open a terminal.',
      remedy: 'start',
    })
  })

  it('offers to resume a paused container (which the engine also reports as running)', () => {
    expect(blockForState(state({ status: 'paused', paused: true }))?.remedy).toBe('unpause')
  })

  it('asks to wait for a restarting container, with nothing to click but "check again"', () => {
    const block = blockForState(state({ status: 'restarting', running: true, restarting: true }))
    expect(block?.title).toMatch(/restarting/)
    expect(block?.remedy).toBeUndefined()
  })
})

describe('blockForError', () => {
  it('names refusals and absence in plain words, keeping the server’s message', () => {
    expect(blockForError(403, 'This action needs the operator role')).toEqual({
      title: 'You may not open a terminal on this container',
      detail: 'This action needs the operator role',
    })
    expect(blockForError(404, 'No such container: web').detail).toContain('No such container: web')
    expect(blockForError(0, 'The server could not be reached').title).toMatch(/reached/)
    expect(blockForError(502, 'Host local is unreachable').detail).toBe('Host local is unreachable')
  })
})

describe('terminalTheme', () => {
  const COLOURS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const
  const bright = (c: string) => `bright${c[0]?.toUpperCase() ?? ''}${c.slice(1)}`

  it('has a light and a dark theme, each with all sixteen colours', () => {
    for (const scheme of ['light', 'dark'] as const) {
      const theme = terminalTheme(scheme) as Record<string, unknown>
      for (const c of COLOURS) {
        expect(theme[c]).toMatch(/^#/)
        expect(theme[bright(c)]).toMatch(/^#/)
      }
    }
    expect(terminalTheme('light').background).not.toBe(terminalTheme('dark').background)
  })
})
