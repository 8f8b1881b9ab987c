import type { AlertNotice } from '@harbormaster/contract'
import type { AlertDispatcher } from '../src/alerts/dispatch.ts'
import { startUpdateHarness } from './update-registry.ts'

/** `HH:MM-HH:MM` (UTC) from `fromMinutes` to `toMinutes` after now: a window now is in, or not. */
export function windowFromNow(fromMinutes: number, toMinutes: number): string {
  const clock = (offset: number) =>
    new Date(Date.now() + offset * 60_000).toISOString().slice(11, 16)
  return `${clock(fromMinutes)}-${clock(toMinutes)}`
}

/** An update harness whose server updates opted-in containers in `window`. */
export function startAutoUpdateHarness(window: string) {
  const harness = startUpdateHarness({
    HARBORMASTER_AUTO_UPDATE_WINDOW: window,
    HARBORMASTER_UPDATE_HEALTH_TIMEOUT_SECONDS: '60',
  })
  const notices: AlertNotice[] = []
  const recorder: AlertDispatcher = {
    dispatch(notice) {
      notices.push(notice)
    },
  }
  const { h, address, cli, labelArgs, pushVersion, untilServerKnows } = harness

  /** A running container of a tag whose registry now has a newer digest than the one it runs. */
  async function containerBehind(name: string, extra: string[] = []) {
    const reference = `${address}/${h.uniqueName('auto')}:1`
    await pushVersion(reference, 'v1')
    const run = ['run', '-d', '--name', name, ...labelArgs(), '--stop-timeout', '1', ...extra]
    const id = (await cli([...run, reference, 'sleep', '3600'])).stdout.trim()
    const image = (await cli(['inspect', '--format', '{{.Image}}', id])).stdout.trim()
    await pushVersion(reference, 'v2')
    // The host's tag back on the image it runs, as on a host that has not pulled since.
    await cli(['tag', image, reference])
    await untilServerKnows([id])
    return { id, image, reference }
  }

  /** A container's id by name now. */
  const idOf = async (name: string) =>
    (await cli(['inspect', '--format', '{{.Id}}', name])).stdout.trim()

  return { ...harness, notices, recorder, containerBehind, idOf }
}
