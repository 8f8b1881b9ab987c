import type { RecordingMode, TerminalSession, TerminalSessionList } from '@harbormaster/contract'
import { scaled } from '@harbormaster/testkit'
import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '../../../test/api-client.ts'
import { expectApiError, signIn, startHarness } from '../../../test/harness.ts'
import { type LiveClient, commandParam, openLive } from '../../../test/live-client.ts'

/** A session's row is completed once its engine side reported (an exit code asked for). */
const WAIT = { timeout: scaled(10_000), interval: 100 }

interface Cast {
  header: Record<string, unknown>
  events: [number, string, string][]
}

const parseCast = (text: string): Cast => {
  const [head = '{}', ...lines] = text.trim().split('\n')
  return {
    header: JSON.parse(head) as Record<string, unknown>,
    events: lines.map((line) => JSON.parse(line) as [number, string, string]),
  }
}
const eventsOf = (cast: Cast, code: string) =>
  cast.events
    .filter(([, kind]) => kind === code)
    .map(([, , data]) => data)
    .join('')

describe('the terminal session audit, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  const settings = '/api/hosts/local/history/settings'

  const record = async (recording: RecordingMode) => {
    const res = await (
      await h.as('admin')
    ).request('PUT', settings, { body: { metrics: false, recording } })
    expect(res.status).toBe(200)
  }
  const runContainer = async (extra: Record<string, unknown> = {}) => {
    const name = h.uniqueName('audited')
    const res = await (
      await h.as('operator')
    ).post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: h.labels,
      ...extra,
    })
    expect(res.status).toBe(201)
    return name
  }
  /** The finished row of the one session in this container, as the admin sees it. */
  const finishedRow = async (container: string, client?: ApiClient) => {
    const reader = client ?? (await h.as('admin'))
    let row: TerminalSession | undefined
    await vi.waitFor(async () => {
      const res = await reader.get(`/api/history/sessions?container=${container}`)
      const list = (await res.json()) as TerminalSessionList
      row = list.sessions[0]
      expect(row?.endedHow).toBeTruthy()
    }, WAIT)
    if (!row) throw new Error('no session row')
    return row
  }
  const castOf = async (id: string) => {
    const res = await (await h.as('admin')).get(`/api/history/sessions/${id}/recording`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-asciicast')
    return parseCast(await res.text())
  }
  const shell = (live: LiveClient, typed: string[]) => {
    for (const line of typed) live.ws.send(Buffer.from(line))
  }

  it('records an exec: who, the command, the exit code, duration, bytes, and its output cast', async () => {
    await record('output')
    const name = await runContainer()
    const operator = await h.as('operator')
    const live = await openLive(operator, `${base}/${name}/exec?cmd=${commandParam('sh')}`)
    const typed = ['echo "caf\u00e9 $((6*7))"\n', 'exit 3\n']

    shell(live, typed)
    await live.waitFor((l) => l.messages.some((m) => (m as { type: string }).type === 'exit'))
    await live.closed

    // The banner's message comes before anything else the server sends.
    expect(live.messages[0]).toEqual({ type: 'recording', mode: 'output' })
    const row = await finishedRow(name)
    expect(row).toMatchObject({
      kind: 'exec',
      hostId: 'local',
      containerName: name,
      userName: `operator-${h.runId.slice(-6)}`,
      command: ['sh'],
      execUser: null,
      execUserEffective: 'root',
      exitCode: 3,
      endedHow: 'exited',
      bytesIn: Buffer.byteLength(typed.join('')),
      bytesOut: Buffer.byteLength(live.output()),
      recording: 'output',
      recordingAvailable: true,
      recordingNote: null,
    })
    expect(row.durationMs).toBeGreaterThan(0)
    const cast = await castOf(row.id)
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24 })
    expect(cast.header.env).toEqual({ TERM: 'xterm-256color' })
    expect(eventsOf(cast, 'o')).toBe(live.output())
    expect(live.output()).toContain('caf\u00e9 42')
    expect(eventsOf(cast, 'i')).toBe('')
  })

  it("keeps the input too with 'output-and-input', and resizes", async () => {
    await record('output-and-input')
    const name = await runContainer()
    const live = await openLive(await h.as('operator'), `${base}/${name}/exec?cols=90&rows=20`)
    await live.waitFor((l) => l.messages.length > 0)
    expect(live.messages[0]).toEqual({ type: 'recording', mode: 'output-and-input' })
    live.ws.send(JSON.stringify({ type: 'resize', cols: 100, rows: 30 }))
    const typed = ['echo typed-$((1+1))\n', 'exit\n']

    shell(live, typed)
    await live.closed

    const row = await finishedRow(name)
    expect(row).toMatchObject({ exitCode: 0, endedHow: 'exited', recording: 'output-and-input' })
    const cast = await castOf(row.id)
    expect(cast.header).toMatchObject({ width: 90, height: 20 })
    expect(eventsOf(cast, 'i')).toBe(typed.join(''))
    expect(eventsOf(cast, 'r')).toBe('100x30')
    expect(eventsOf(cast, 'o')).toBe(live.output())
  })

  it("keeps no file with 'off', and tells the browser nothing", async () => {
    await record('off')
    const name = await runContainer()
    const live = await openLive(
      await h.as('operator'),
      `${base}/${name}/exec?cmd=${commandParam('sh')}`,
    )
    shell(live, ['echo quiet\n', 'exit 0\n'])
    await live.closed

    expect(live.messages.filter((m) => (m as { type: string }).type === 'recording')).toEqual([])
    const row = await finishedRow(name)
    expect(row).toMatchObject({ recording: 'off', recordingAvailable: false, recordingBytes: 0 })
    await expectApiError(
      await (await h.as('admin')).get(`/api/history/sessions/${row.id}/recording`),
      404,
      'not_found',
      /not recorded/,
    )
  })

  it('records an attach: closed by the user, then one whose main process exits', async () => {
    await record('output')
    const cat = await runContainer({ cmd: ['cat'], openStdin: true })
    const first = await openLive(await h.as('operator'), `${base}/${cat}/attach`)
    first.ws.send(Buffer.from('through-attach\n'))
    await first.waitFor((l) => l.output().includes('through-attach\n'))
    first.ws.close()

    const closed = await finishedRow(cat)
    expect(closed).toMatchObject({
      kind: 'attach',
      command: ['attach'],
      endedHow: 'closed-by-user',
      exitCode: null,
      bytesIn: 'through-attach\n'.length,
    })
    expect(eventsOf(await castOf(closed.id), 'o')).toBe(first.output())

    const reader = await runContainer({ cmd: ['sh', '-c', 'read line; exit 5'], openStdin: true })
    const second = await openLive(await h.as('operator'), `${base}/${reader}/attach`)
    second.ws.send(Buffer.from('go\n'))
    await second.closed
    expect(await finishedRow(reader)).toMatchObject({ endedHow: 'exited', exitCode: 5 })
  })

  it('says how a session ended: the browser gone, or the credentials changed', async () => {
    await record('off')
    const name = await runContainer()
    const gone = await openLive(await h.as('operator'), `${base}/${name}/exec`)
    gone.ws.terminate()
    expect(await finishedRow(name)).toMatchObject({ endedHow: 'browser-gone' })

    const other = await runContainer()
    const username = h.uniqueName('pw')
    await (
      await h.as('admin')
    ).post('/api/users', { username, password: 'first-password-1', role: 'operator' })
    const user = await signIn(h, username, 'first-password-1')
    const live = await openLive(user, `${base}/${other}/exec`)
    await user.post('/api/auth/password', {
      currentPassword: 'first-password-1',
      newPassword: 'second-password-2',
    })
    await live.closed
    expect(await finishedRow(other)).toMatchObject({
      endedHow: 'credentials-changed',
      userName: username,
    })
  })

  it('completes an open session as the server shuts down, and keeps the row across the restart', async () => {
    await record('output')
    const name = await runContainer()
    const live = await openLive(await h.as('operator'), `${base}/${name}/exec`)
    live.ws.send(Buffer.from('echo before-restart\n'))
    await live.waitFor((l) => l.output().includes('before-restart\r\n'))

    await h.restart()

    const row = await finishedRow(name)
    expect(row).toMatchObject({ endedHow: 'server-shutdown', recording: 'output' })
    expect(row.bytesOut).toBeGreaterThan(0)
    expect(eventsOf(await castOf(row.id), 'o')).toContain('before-restart')
  })

  it('shows operators their own rows only, recordings to admins only, and audits each viewing', async () => {
    await record('output')
    const name = await runContainer()
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const adminLive = await openLive(admin, `${base}/${name}/exec?cmd=${commandParam('sh')}`)
    shell(adminLive, ['exit 0\n'])
    await adminLive.closed
    const opLive = await openLive(operator, `${base}/${name}/exec?cmd=${commandParam('sh')}`)
    shell(opLive, ['exit 0\n'])
    await opLive.closed
    await vi.waitFor(async () => {
      const list = (await (
        await admin.get(`/api/history/sessions?container=${name}`)
      ).json()) as TerminalSessionList
      expect(list.sessions.map((s) => s.endedHow)).toEqual(['exited', 'exited'])
    }, WAIT)

    const own = (await (
      await operator.get(`/api/history/sessions?container=${name}`)
    ).json()) as TerminalSessionList
    expect(own.sessions.map((s) => s.userName)).toEqual([`operator-${h.runId.slice(-6)}`])
    const adminRow = (await (
      await admin.get(`/api/history/sessions?container=${name}&mine=true`)
    ).json()) as TerminalSessionList
    expect(adminRow.sessions.map((s) => s.userName)).toEqual(['admin'])
    const opRow = own.sessions[0]!
    for (const role of ['operator', 'viewer'] as const) {
      await expectApiError(
        await (await h.as(role)).get(`/api/history/sessions/${opRow.id}/recording`),
        403,
        'forbidden',
      )
    }
    const scoped = await h.operatorScopedTo('team=nobody')
    const hidden = (await (
      await scoped.get(`/api/history/sessions?container=${name}`)
    ).json()) as TerminalSessionList
    expect(hidden.sessions).toEqual([])

    expect((await admin.get(`/api/history/sessions/${opRow.id}/recording`)).status).toBe(200)
    const audit = (await (
      await admin.get('/api/audit?action=history.recording.read&status=200')
    ).json()) as { entries: { actorName: string; target: string; parameters: unknown }[] }
    expect(audit.entries[0]).toMatchObject({
      actorName: 'admin',
      target: opRow.id,
      parameters: { container: name, sessionUser: `operator-${h.runId.slice(-6)}` },
    })
  })
})
