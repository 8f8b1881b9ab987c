import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { commandParam, openLive } from '../../test/live-client.ts'

/** Every spelling the engine runs as uid 0 (checked with `docker exec -u`), and padded ones. */
const ROOT_SPELLINGS = [
  '0',
  '00',
  '+0',
  '-0',
  '000000',
  '0:0',
  '0:1000',
  '+0:nogroup',
  '0:0:extra',
  ':0',
  ':',
  ' 0',
  '0 ',
  '\t0',
  'root',
  'root:1000',
  '4294967296',
  '-4294967296',
]

describe('exec as root, by any spelling, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  /** A running container whose own user is not root, as an admin set it up. */
  const nonRootContainer = async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('uid')
    const res = await admin.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      user: '1000',
      cmd: ['sleep', '300'],
      labels: h.labels,
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return name
  }
  const execIds = async (name: string) =>
    (await docker(h.dockerHost, ['inspect', '-f', '{{json .ExecIDs}}', name])).stdout.trim()
  const execPath = (name: string, user: string) =>
    `${base}/${name}/exec?cmd=${commandParam('id')}&user=${encodeURIComponent(user)}`
  /** Appends a passwd line as root through the engine, as an admin with a shell could. */
  const addPasswdLine = (name: string, line: string) =>
    docker(h.dockerHost, ['exec', '-u', '0', name, 'sh', '-c', `echo '${line}' >> /etc/passwd`])

  it.each(ROOT_SPELLINGS)('refuses user %j to an operator, creating no exec', async (user) => {
    const name = await nonRootContainer()
    const operator = await h.as('operator')

    await expectApiError(
      await operator.get(execPath(name, user)),
      403,
      'forbidden',
      /user \(root\)/,
    )

    expect(await execIds(name)).toBe('null')
  })

  it('refuses a name /etc/passwd maps to uid 0 (also through a symlink), answers 400 for an unknown name, runs the rest', async () => {
    const name = await nonRootContainer()
    const operator = await h.as('operator')
    await addPasswdLine(name, 'toor:x:0:0::/:/bin/sh')
    await addPasswdLine(name, 'nouid:x')
    await addPasswdLine(name, 'wraps:x:4294967296:0::/:/bin/sh')
    const linked = await nonRootContainer()
    await docker(h.dockerHost, [
      'exec',
      '-u',
      '0',
      linked,
      'sh',
      '-c',
      "cp /etc/passwd /etc/passwd.real && echo 'toor:x:0:0::/:/bin/sh' >> /etc/passwd.real && ln -sf passwd.real /etc/passwd",
    ])

    for (const [container, user] of [
      [name, 'toor'],
      [name, 'nouid'],
      [name, 'wraps'],
      [name, 'toor:1000'],
      [linked, 'toor'],
    ] as const) {
      await expectApiError(
        await operator.get(execPath(container, user)),
        403,
        'forbidden',
        /user \(root\)/,
      )
    }
    await expectApiError(
      await operator.get(execPath(name, 'nobody-here')),
      400,
      'invalid_request',
      /nobody-here/,
    )
    expect(await execIds(name)).toBe('null')
    expect(await execIds(linked)).toBe('null')
    // What is not root still runs, and admins are not held back.
    const uidAs = async (role: 'operator' | 'admin', user: string) => {
      const live = await openLive(await h.as(role), execPath(name, user))
      await live.waitFor((l) => /uid=\d+/.test(l.output()))
      live.ws.close()
      return /uid=(\d+)/.exec(live.output())?.[1]
    }
    expect(await uidAs('operator', 'nobody')).toBe('65534')
    expect(await uidAs('operator', '+01000')).toBe('1000')
    expect(await uidAs('admin', 'toor')).toBe('0')
  })
})
