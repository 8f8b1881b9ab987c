import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { configHash } from './compose-objects.ts'
import { type StackLoad, loadStack } from './stack-project.ts'

const dir = mkdtempSync(join(tmpdir(), 'hm-stack-project-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const load = (compose: string, visibleToEngine = true): Promise<StackLoad> =>
  loadStack({ name: 'shop', compose, env: '', dir, dirExists: true, visibleToEngine })

const issuesOf = (loaded: StackLoad) =>
  loaded.ok ? [] : loaded.issues.map((i) => `${i.line} ${i.path}: ${i.message}`)

const withVolume = (volume: string) => `services:
  web:
    image: busybox
    volumes:
      - ${volume}
`

describe('bind sources and the engine’s view of the stack’s folder', () => {
  it('binds a relative source from the stack’s folder where the engine sees it', async () => {
    const loaded = await load(withVolume('./conf:/conf:ro'))

    expect(loaded.ok && loaded.stack.specs[0]?.spec.binds).toEqual([`${dir}/conf:/conf:ro`])
  })

  it('refuses relative and home sources at their line where it does not, and keeps absolute ones', async () => {
    for (const volume of ['./conf:/conf', '../shared:/shared', '~/conf:/conf']) {
      expect(issuesOf(await load(withVolume(volume), false))).toEqual([
        expect.stringMatching(
          /^5 services\.web\.volumes\[0\]: bind source \S+ is a folder of the stack on the Harbormaster server, .* use a named volume or an absolute path the admin allowed$/,
        ),
      ])
    }
    const absolute = await load(withVolume('/srv/conf:/conf:ro'), false)
    expect(absolute.ok && absolute.stack.specs[0]?.spec.binds).toEqual(['/srv/conf:/conf:ro'])
    const named = await load(`${withVolume('data:/data')}volumes:\n  data: {}\n`, false)
    expect(issuesOf(named)).toEqual([])
  })
})

describe('secrets and configs', () => {
  writeFileSync(join(dir, 'token.txt'), 'one\n')
  const withSecret = (grant: string) => `services:
  web:
    image: busybox
    secrets:
      - ${grant}
secrets:
  token:
    file: ./token.txt
`

  it('are read with their owner and mode (root and 0444 unless the grant says)', async () => {
    const plain = await load(withSecret('token'))
    const owned = await load(withSecret('{ source: token, uid: "1000", gid: "50", mode: 0400 }'))

    expect(plain.ok && plain.stack.files.get('web')).toEqual([
      expect.objectContaining({
        target: '/run/secrets/token',
        uid: 0,
        gid: 0,
        mode: 0o444,
        content: Buffer.from('one\n'),
      }),
    ])
    expect(owned.ok && owned.stack.files.get('web')).toEqual([
      expect.objectContaining({ uid: 1000, gid: 50, mode: 0o400 }),
    ])
  })

  it('refuses an owner by name and a mode beyond the permission bits, at the grant', async () => {
    expect(issuesOf(await load(withSecret('{ source: token, uid: www-data }')))).toEqual([
      '5 services.web.secrets[0]: uid: expected a number (a user id)',
    ])
    expect(issuesOf(await load(withSecret('{ source: token, mode: 04755 }')))).toEqual([
      '5 services.web.secrets[0]: mode: only permission bits (0 to 0777) are supported',
    ])
  })

  it('put their content in the config hash, and leave a service without any as it was', async () => {
    const before = await load(withSecret('token'))
    writeFileSync(join(dir, 'token.txt'), 'two\n')
    const after = await load(withSecret('token'))
    const bare = await load('services:\n  web:\n    image: busybox\n')

    expect(before.ok && after.ok).toBe(true)
    if (!before.ok || !after.ok || !bare.ok) return
    expect(before.stack.hashes.get('web')).not.toBe(after.stack.hashes.get('web'))
    const service = bare.stack.project.services.web
    expect(service && bare.stack.hashes.get('web')).toBe(service && configHash(service))
  })
})
