import { VOLUME_NAME, parseBind } from '@harbormaster/contract'
import { TEST_LABEL, docker } from '@harbormaster/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { startHarness } from '../../test/harness.ts'

/** Pieces bind strings are made of, the awkward ones included (security review, item 10). */
const source = fc.oneof(
  fc.constantFrom(
    '/',
    '..',
    'tmp/../..',
    '/tmp/hm-fuzz',
    '/tmp/hm-fuzz/a/../b',
    '/tmp/hm-fuzz//x/.',
    '/var/run/docker.sock',
    '/proc',
    '/mnt',
    '/mnt/x',
    'hm-fuzz-vol',
    'a',
    '',
    '\\x',
  ),
  fc.stringMatching(/^[a-z0-9/._\\-]{1,16}$/),
)
const target = fc.oneof(
  { arbitrary: fc.constant('/data'), weight: 4 },
  fc.constantFrom('/', 'x', '/a/../b', '/./', ''),
  fc.stringMatching(/^\/?[a-z/.]{0,10}$/),
)
const OPTIONS = ['ro', 'rw', 'z', 'Z', 'rshared', 'rprivate', 'nocopy', 'cached', 'exec', '']
const options = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, 'ro'), weight: 3 },
  fc.subarray(OPTIONS, { maxLength: 3 }).map((list) => list.join(',')),
  fc.string({ maxLength: 8 }),
)
const bind = fc.oneof(
  {
    arbitrary: fc.tuple(source, options).map(([s, o]) => `${s}:/data${o ? `:${o}` : ''}`),
    weight: 3,
  },
  fc
    .tuple(source, target, options)
    .map(([s, t, o]) => (o === undefined ? `${s}:${t}` : `${s}:${t}:${o}`)),
  fc.array(fc.oneof(source, target, fc.string()), { maxLength: 5 }).map((p) => p.join(':')),
)
const mount = fc.record(
  {
    type: fc.constantFrom('bind', 'volume', 'tmpfs', 'npipe'),
    source,
    target,
    readOnly: fc.boolean(),
  },
  { requiredKeys: ['type', 'target'] },
)

describe('random binds and mounts in a create request (property-based)', () => {
  const h = startHarness()

  it('never answer a 5xx, whoever sends them', async () => {
    const admin = await h.as('admin')
    expect(
      (await admin.patch('/api/hosts/local', { allowedBindPrefixes: ['/tmp/hm-fuzz', '/mnt:rw'] }))
        .status,
    ).toBe(200)
    const callers: ApiClient[] = [admin, await h.as('operator'), await h.scopedOperator()]
    // The engine creates the named volumes a container mounts, unlabelled: removed at the end.
    const volumes = new Set<string>()

    try {
      await fuzz(callers, volumes)
    } finally {
      await removeVolumes(volumes)
    }
  })

  async function fuzz(callers: ApiClient[], volumes: Set<string>) {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callers.keys()),
        fc.array(bind, { maxLength: 2 }),
        fc.array(mount, { maxLength: 1 }),
        async (caller, binds, mounts) => {
          for (const b of binds) {
            const parsed = parseBind(b)
            if (typeof parsed !== 'string' && !parsed.isHostPath) volumes.add(parsed.source)
          }
          for (const m of mounts)
            if (m.type === 'volume' && VOLUME_NAME.test(m.source ?? '')) volumes.add(m.source ?? '')
          // Created, never started: a start would make the engine create missing host paths.
          const res = await callers[caller]!.post('/api/hosts/local/containers', {
            image: h.fixtureImage,
            labels: h.labels,
            binds,
            mounts,
          })
          const text = await res.text()
          if (res.status >= 500)
            throw new Error(`${JSON.stringify({ binds, mounts })}: ${res.status} ${text}`)
          if (res.status >= 400) {
            const body = JSON.parse(text) as { error?: { code?: string; message?: string } }
            expect(typeof body.error?.message).toBe('string')
          }
        },
      ),
      { numRuns: 300, seed: 20261206 },
    )
  }

  /** Removes this run's containers, then the volumes they made (unlabelled, or ours). */
  async function removeVolumes(names: Set<string>) {
    const label = `${TEST_LABEL}=${h.runId}`
    const ours = await docker(h.dockerHost, ['ps', '-aq', '--filter', `label=${label}`])
    const ids = ours.stdout.split('\n').filter(Boolean)
    if (ids.length > 0) await docker(h.dockerHost, ['rm', '-f', '-v', ...ids])
    for (const name of names) {
      const found = await docker(h.dockerHost, [
        'volume',
        'inspect',
        '-f',
        '{{json .Labels}}',
        name,
      ]).catch(() => undefined)
      const labels = found?.stdout.trim()
      if (labels === 'null' || labels === '{}' || labels?.includes(h.runId) === true)
        await docker(h.dockerHost, ['volume', 'rm', '-f', name])
    }
  }
})
