import {
  EngineConflictError,
  EngineError,
  EngineNotFoundError,
  EngineTimeoutError,
  EngineUnreachableError,
} from '@harbormaster/engine'
import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../test/expect-api-error.ts'
import { FAST_PEER, startFastApp } from '../../test/fast-app.ts'

const base = '/api/hosts/local/containers'

/**
 * The container routes' own logic, over a fake engine (no dockerd): what a list shows a scoped
 * user, how bad input is named, what the audit keeps, and how an engine's failure is answered.
 * What the engine does with a container is tested against a real one (containers.test.ts).
 */
describe('the container routes over a fake engine', () => {
  const fast = startFastApp()
  const namesIn = async (res: Response) =>
    ((await res.json()) as { name: string }[]).map((c) => c.name).sort()

  it("serves the list from the host's model, narrowed to each caller's label scope", async () => {
    const admin = await fast.as('admin')
    const teamA = await fast.userWith('operator', [
      { hostId: 'local', role: 'operator', labelScope: 'team=a' },
    ])
    const anyTeam = await fast.userWith('viewer', [
      { hostId: 'local', role: 'viewer', labelScope: 'team' },
    ])
    const added = [
      fast.fake.addContainer({ name: 'scope-a', labels: { team: 'a' } }),
      fast.fake.addContainer({ name: 'scope-b', labels: { team: 'b' } }),
      fast.fake.addContainer({ name: 'scope-none', labels: {} }),
    ]
    for (const c of added) fast.fake.emit({ type: 'container', action: 'create', actorId: c.id })
    await expect
      .poll(async () => (await namesIn(await admin.get(base))).filter((n) => n.startsWith('scope')))
      .toEqual(['scope-a', 'scope-b', 'scope-none'])
    const before = fast.fake.calls.length

    const mine = await namesIn(await teamA.get(base))
    const anyTeams = await namesIn(await anyTeam.get(`${base}?all=false`))

    expect(mine).toEqual(['scope-a'])
    expect(anyTeams).toEqual(['scope-a', 'scope-b'])
    // Served from memory: the model read the engine when the events came, not for the lists.
    expect(fast.fake.calls.slice(before)).toEqual([])
  })

  it('names the field of every invalid input, and the engine hears nothing of it', async () => {
    const operator = await fast.as('operator')
    const before = fast.fake.calls.length

    const cases: [Promise<Response>, RegExp][] = [
      [operator.get(`${base}?all=maybe`), /^query\.all: /],
      [operator.get(`${base}?verbose=true`), /^query: .*"verbose"/],
      [operator.get(`${base}/web%20app`), /^param\.id: expected a container id or name$/],
      [operator.post(`${base}/web/stop?t=soon`), /^query\.t: /],
      [operator.post(`${base}/web/stop?t=7200`), /^query\.t: .*3600/],
      [operator.post(`${base}/web/rename`, { name: '-web' }), /^json\.name: expected a name/],
      [operator.post(`${base}/web/rename`, { name: 'web2', force: true }), /^json: .*"force"/],
      [operator.post(`${base}?start=soon`, { image: 'x' }), /^query\.start: /],
      [
        operator.post(base, { image: 'x', env: ['NOEQUALS'] }),
        /^json\.env\.0: expected KEY=value$/,
      ],
    ]

    for (const [res, message] of cases)
      await expectApiError(await res, 400, 'invalid_request', message)
    expect(fast.fake.calls.slice(before)).toEqual([])
  })

  it('audits a refused and an allowed stop with who, where and what they were told; only the allowed one reaches the engine', async () => {
    const web = fast.fake.addContainer({ name: 'audited-web' })
    fast.fake.implement('containers', 'stop', () => Promise.resolve())
    const viewer = await fast.as('viewer')
    const operator = await fast.as('operator')

    const anonymous = await fast.anonymous.post(`${base}/${web.name}/stop`)
    const refused = await viewer.post(`${base}/${web.name}/stop`)
    const allowed = await operator.post(`${base}/${web.name}/stop?t=3`)

    expect([anonymous.status, refused.status, allowed.status]).toEqual([401, 403, 204])
    expect(fast.fake.callsTo('containers.stop')).toEqual([[web.name, { timeoutSeconds: 3 }]])
    // Newest first; an anonymous refusal is nobody's action and is not kept.
    const entries = fast.audit().filter((entry) => entry.target === web.name)
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'container.stop',
        actorName: 'operator',
        hostId: 'local',
        status: 204,
        error: null,
        address: FAST_PEER,
      }),
      expect.objectContaining({
        action: 'container.stop',
        actorName: 'viewer',
        hostId: 'local',
        status: 403,
        error: 'This action needs the operator role',
        address: FAST_PEER,
      }),
    ])
  })

  it("answers an engine's failure in the error envelope: its status and words kept, the host named when it is out of reach, our own bugs hidden", async () => {
    const admin = await fast.as('admin')
    const unreachable = new EngineUnreachableError(
      fast.fake.engine.label,
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    )
    const failures: Record<string, Error> = {
      gone: new EngineNotFoundError(404, 'No such container: gone'),
      busy: new EngineConflictError(409, 'Container busy is restarting, wait until it is running'),
      broken: new EngineError(500, 'OCI runtime exec failed: ps not found'),
      odd: new EngineError(599, 'the engine made this status up'),
      down: unreachable,
      slow: new EngineTimeoutError('GET /containers/slow/top', 30_000),
      bug: new TypeError("Cannot read properties of undefined (reading 'secret-token-1')"),
    }
    fast.fake.implement('containers', 'top', (id) => Promise.reject(failures[id] ?? new Error(id)))

    const answers: Record<string, unknown> = {}
    for (const id of Object.keys(failures)) {
      const res = await admin.get(`${base}/${id}/top`)
      answers[id] = { status: res.status, ...((await res.json()) as object) }
    }

    const error = (status: number, code: string, message: string) => ({
      status,
      error: { code, message },
    })
    expect(answers).toEqual({
      gone: error(404, 'not_found', 'No such container: gone'),
      busy: error(409, 'conflict', 'Container busy is restarting, wait until it is running'),
      broken: error(500, 'engine_error', 'OCI runtime exec failed: ps not found'),
      odd: error(502, 'engine_error', 'Host "local": the engine made this status up'),
      down: error(
        502,
        'engine_unreachable',
        'Host "local": Engine at fake is unreachable (ECONNREFUSED)',
      ),
      slow: error(
        504,
        'engine_timeout',
        'Host "local": Engine did not answer GET /containers/slow/top within 30000 ms',
      ),
      bug: error(500, 'internal', 'Internal server error'),
    })
  })
})
