import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { ContainerCreateInput } from '@harbormaster/contract'
import { docker, runCommand } from '@harbormaster/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'

/**
 * Allowed bind paths against links (security review, item 1), on the real engine, which shares
 * this machine's file system: a host path under a directory the test makes in /tmp is a real
 * host path to it.
 */
describe('allowed bind paths cannot be turned into other host paths by links', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const hostDir = () => {
    const dir = mkdtempSync('/tmp/hm-binds-')
    dirs.push(dir)
    return dir
  }
  const allow = async (...entries: string[]) => {
    const res = await (
      await h.as('admin')
    ).patch('/api/hosts/local', {
      allowedBindPrefixes: entries,
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  const exists = async (name: string) =>
    (await docker(h.dockerHost, ['ps', '-aq', '--filter', `name=^/${name}$`])).stdout.trim() !== ''
  /** Creates (and starts) a container as `who`, then waits for it to exit and returns its output. */
  const run = async (who: ApiClient, spec: Partial<ContainerCreateInput>, script: string) => {
    const res = await who.post(`${base}?start=true`, {
      image: h.fixtureImage,
      labels: h.labels,
      cmd: ['sh', '-c', script],
      ...spec,
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const { id } = (await res.json()) as { id: string }
    await docker(h.dockerHost, ['wait', id])
    return (await docker(h.dockerHost, ['logs', id])).stdout
  }
  /** Sends each spec as the operator: each must be a 403 naming `why`, and create nothing. */
  const expectRefused = async (specs: Partial<ContainerCreateInput>[], why: RegExp) => {
    const operator = await h.as('operator')
    for (const spec of specs) {
      const name = h.uniqueName('refused')
      const res = await operator.post(base, {
        image: h.fixtureImage,
        name,
        labels: h.labels,
        ...spec,
      })
      await expectApiError(res, 403, 'forbidden', why)
      expect(await exists(name), JSON.stringify(spec)).toBe(false)
    }
  }
  const enginePaths = async () => {
    const info = await docker(h.dockerHost, ['info', '-f', '{{.DockerRootDir}}'])
    return { dataRoot: info.stdout.trim(), socket: h.dockerHost.replace(/^unix:\/\//, '') }
  }

  it('never follows links an operator planted in a writable entry: only the entry itself binds', async () => {
    const dir = hostDir()
    const { socket } = await enginePaths()
    await allow(`${dir}:rw`)
    const operator = await h.as('operator')
    await run(
      operator,
      { binds: [`${dir}:/mnt`] },
      `ln -s / /mnt/root && ln -s /var/run/docker.sock /mnt/sock && ln -s ${socket} /mnt/engine && ln -s / /mnt/a && mkdir /mnt/real`,
    )
    expect(readlinkSync(join(dir, 'root'))).toBe('/')
    expect(readlinkSync(join(dir, 'engine'))).toBe(socket)

    const sources = [
      `${dir}/root`,
      `${dir}/sock`,
      `${dir}/engine`,
      `${dir}/a/etc`,
      `${dir}/./root`,
      `${dir}//root`,
      `${dir}/root/`,
      `${dir}/real`,
    ]
    await expectRefused(
      sources.flatMap((source) => [
        { binds: [`${source}:/h`] },
        { binds: [`${source}:/h:ro`] },
        { mounts: [{ type: 'bind' as const, source, target: '/h', readOnly: true }] },
      ]),
      new RegExp(`within ${dir}, which is writable: only ${dir} itself may be bound`),
    )
    await expectRefused(
      [{ binds: [`${dir}/root/..:/h`] }, { binds: [`${dir}/root/../..:/h:ro`] }],
      /without "\.\."/,
    )
    // The entry itself, in any spelling, is what it was: the operator's own directory.
    for (const source of [dir, `${dir}/`, `${dir}/.`, dir.replace('/tmp/', '/tmp//')]) {
      const listing = await run(operator, { binds: [`${source}:/h:ro`] }, 'ls /h')
      expect(listing.split('\n').sort()).toEqual(['', 'a', 'engine', 'real', 'root', 'sock'])
    }
  })

  it('binds below a read-only entry only read-only, in binds and in mounts', async () => {
    const dir = hostDir()
    mkdirSync(join(dir, 'sub'))
    await allow(dir)
    await expectRefused(
      [
        { binds: [`${dir}/sub:/x`] },
        { binds: [`${dir}:/x:rw`] },
        { binds: [`${dir}/sub:/x:ro,Z`] },
        { mounts: [{ type: 'bind', source: `${dir}/sub`, target: '/x' }] },
        { mounts: [{ type: 'bind', source: dir, target: '/x', readOnly: false }] },
      ],
      new RegExp(`${dir} is allowed read-only: (add :ro|set readOnly: true|z and Z relabel)`),
    )
    const operator = await h.as('operator')
    const out = await run(
      operator,
      {
        binds: [`${dir}/sub:/x:ro`],
        mounts: [{ type: 'bind', source: dir, target: '/y', readOnly: true }],
      },
      'touch /x/planted; ln -s / /y/root; ls /x /y',
    )
    expect(out).toContain('sub')
    expect(existsSync(join(dir, 'sub/planted'))).toBe(false)
    expect(existsSync(join(dir, 'root'))).toBe(false)
  })

  it('keeps a file system mounted below a read-only entry read-only too (older engines did not)', async () => {
    const dir = hostDir()
    mkdirSync(join(dir, 'sub'))
    await runCommand('mount', ['-t', 'tmpfs', 'tmpfs', join(dir, 'sub')])
    try {
      await allow(dir)
      const operator = await h.as('operator')
      for (const spec of [
        { binds: [`${dir}:/d:ro`] },
        { mounts: [{ type: 'bind' as const, source: dir, target: '/d', readOnly: true }] },
      ]) {
        const out = await run(operator, spec, 'ln -s / /d/sub/root || echo refused')
        expect(out).toContain('refused')
      }
      expect(existsSync(join(dir, 'sub/root'))).toBe(false)
    } finally {
      await runCommand('umount', [join(dir, 'sub')])
    }
  })

  it('leaves an operator no way to write into a read-only entry, so what was checked is what mounts', async () => {
    const dir = hostDir()
    writeFileSync(join(dir, 'marker'), 'real\n')
    // Links the host or an admin put there are their decision, and trusted; inside the mounted
    // directory they are resolved by the container, within its own root.
    symlinkSync('marker', join(dir, 'by-host'))
    symlinkSync('/', join(dir, 'abs-root'))
    await allow(dir)
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const volume = h.uniqueName('bindvol')
    const created = await operator.post('/api/hosts/local/volumes', {
      name: volume,
      driverOpts: { type: 'none', o: 'bind', device: dir },
      labels: h.labels,
    })
    await expectApiError(created, 403, 'forbidden', /driverOpts \(local bind\)/)
    expect(
      (
        await docker(h.dockerHost, ['volume', 'ls', '-q', '--filter', `name=^${volume}$`])
      ).stdout.trim(),
    ).toBe('')
    const writer = await admin.post(base, {
      image: h.fixtureImage,
      name: h.uniqueName('writer'),
      labels: h.labels,
      binds: [`${dir}:/w`],
    })
    expect(writer.status).toBe(201)
    const { id: writerId } = (await writer.json()) as { id: string }
    await expectRefused(
      [{ binds: [`${dir}:/w`] }, { mounts: [{ type: 'bind', source: dir, target: '/w' }] }],
      /allowed read-only/,
    )
    await expectRefused([{ volumesFrom: [writerId] }], /volumesFrom/)

    // Created now, started later with nothing done in between: it sees the real directory.
    const res = await operator.post(base, {
      image: h.fixtureImage,
      labels: h.labels,
      binds: [`${dir}:/d:ro`],
      cmd: [
        'sh',
        '-c',
        'cat /d/marker /d/by-host; [ "$(cat /d/abs-root/etc/passwd)" = "$(cat /etc/passwd)" ] && echo own-root',
      ],
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    await docker(h.dockerHost, ['start', id])
    await docker(h.dockerHost, ['wait', id])
    expect((await docker(h.dockerHost, ['logs', id])).stdout).toBe('real\nreal\nown-root\n')
  })

  it('never binds the engine’s data root, its socket, or the kernel and runtime file systems', async () => {
    const { dataRoot, socket } = await enginePaths()
    await allow('/')
    await expectRefused(
      [
        { binds: [`${dataRoot}/volumes:/v:ro`] },
        { binds: [`${dataRoot}:/v:ro`] },
        {
          mounts: [
            { type: 'bind', source: `${dataRoot}/containers`, target: '/v', readOnly: true },
          ],
        },
        { binds: ['/proc:/p:ro'] },
        { binds: ['/sys/kernel:/p:ro'] },
        { binds: ['/dev:/p:ro'] },
        { binds: ['/run:/p:ro'] },
        { binds: ['/var/run:/p:ro'] },
      ],
      /is the engine's \(containers write there\)/,
    )
    await expectRefused(
      [
        { binds: [`${socket}:/s:ro`] },
        { binds: [`${socket.slice(0, socket.lastIndexOf('/'))}:/s:ro`] },
        // Any folder above it: the private engine's socket lies in /tmp.
        ...(socket.startsWith('/tmp/') ? [{ binds: ['/tmp:/s:ro'] }] : []),
      ],
      /the engine's socket/,
    )
    await expectRefused([{ binds: ['/:/s:ro'] }], /host root/)
  })
})
