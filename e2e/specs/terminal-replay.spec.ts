import { docker, newRunId, removeLabelled, TEST_LABEL, uniqueName } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'

describe('a recorded terminal session, replayed by an admin (real stack)', () => {
  const { stack, newPage } = useBrowser()
  const runId = newRunId()
  const origin = { Origin: stack.url }

  afterAll(async () => {
    await removeLabelled(stack.dockerHost, runId)
  })

  it("records an operator's echo and replays it in the admin's terminal sessions", async () => {
    const name = uniqueName('e2e-recorded')
    await docker(stack.dockerHost, [
      ...['run', '-d', '--name', name, '--label', `${TEST_LABEL}=${runId}`],
      stack.fixtureImage,
      ...['sleep', '300'],
    ])
    const admin = await newPage()
    await new Dashboard(admin).signIn('admin', stack.adminPassword)
    const settings = '/api/hosts/local/history/settings'
    const recordOutput = await admin.request.put(settings, {
      data: { metrics: false, recording: 'output' },
      headers: origin,
    })
    expect(recordOutput.status()).toBe(200)
    const username = `e2e-rec-${runId.slice(-6)}`
    const created = await admin.request.post('/api/users', {
      data: { username, password: 'recorded-password-1', role: 'operator' },
      headers: origin,
    })
    expect(created.status()).toBe(201)
    const { user } = (await created.json()) as { user: { id: string } }
    try {
      const operator = await newPage()
      await new Dashboard(operator).signIn(username, 'recorded-password-1')
      await operator.goto(`/hosts/local/containers/${name}/terminal?shell=sh`)
      // The banner is up before anything is typed.
      await operator.getByText('This session is recorded: output.').waitFor()
      await operator.locator('.xterm').click()
      await operator.keyboard.type('echo "replayed-$((6*7))"\n')
      const terminal = operator.locator('.xterm-rows')
      await expect.poll(async () => (await terminal.textContent()) ?? '').toContain('replayed-42')
      await operator.keyboard.type('exit\n')
      await operator.getByText(/process exited/).waitFor()

      await admin.goto(`/admin/terminal-sessions?container=${name}`)
      await admin.getByRole('cell', { name: username, exact: true }).waitFor()
      await admin
        .getByRole('button', { name: `Replay the session of ${username} in ${name}` })
        .click()
      const replay = admin.getByRole('region', { name: 'Replay' })
      await replay.getByRole('button', { name: 'Play' }).click()
      const replayed = replay.locator('.xterm-rows')
      // It plays at the pace it was typed (keystroke by keystroke, echoed by the shell).
      await expect
        .poll(async () => (await replayed.textContent()) ?? '', { timeout: 30_000 })
        .toContain('replayed-42')
      await replay.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30_000 })
      await screenshot(admin, 'terminal-replay')
    } finally {
      await admin.request.put(settings, {
        data: { metrics: false, recording: 'off' },
        headers: origin,
      })
      await admin.request.delete(`/api/users/${user.id}`, { headers: origin })
    }
  })
})
