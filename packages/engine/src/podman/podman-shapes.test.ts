import { describe, expect, it } from 'vitest'
import { eventsCoverNetworkChanges, splitTopColumns, withPausedListed } from './podman-shapes.ts'

describe('splitTopColumns', () => {
  it('splits Podman’s one-column `ps` output, the last column keeping the arguments', () => {
    // As Podman 4.3 sent it for a busybox container (docs/engine.md#podman).
    const top = splitTopColumns(
      ['PID   USER     COMMAND'],
      [['1 root     sleep 300'], ['7 0 sh -c  x']],
    )
    expect(top).toEqual({
      titles: ['PID', 'USER', 'COMMAND'],
      processes: [
        ['1', 'root', 'sleep 300'],
        ['7', '0', 'sh -c  x'],
      ],
    })
  })

  it('leaves Docker’s split columns alone', () => {
    const titles = ['UID', 'PID', 'CMD']
    const processes = [['root', '1', 'sleep 300']]
    expect(splitTopColumns(titles, processes)).toEqual({ titles, processes })
  })
})

describe('eventsCoverNetworkChanges', () => {
  it('is false for Podman only, which sends no network create event', () => {
    expect(eventsCoverNetworkChanges({ flavour: 'docker' })).toBe(true)
    expect(eventsCoverNetworkChanges({ flavour: 'podman' })).toBe(false)
  })
})

describe('withPausedListed', () => {
  it('asks for running and paused containers where Docker’s list without `all` has them', () => {
    expect(withPausedListed({ filters: { label: ['a=b'] } })).toEqual({
      all: true,
      filters: { label: ['a=b'], status: ['running', 'paused'] },
    })
  })

  it('keeps `all` and a caller’s own status filter as given', () => {
    expect(withPausedListed({ all: true })).toEqual({ all: true })
    const exited = { filters: { status: ['exited'] } }
    expect(withPausedListed(exited)).toEqual(exited)
  })
})
