import { describe, expect, it } from 'vitest'
import { load, loadErrors, loadProject, yaml } from '../../test/support.ts'
import { cleanPath, parseShortVolume } from './volume-spec.ts'

const volumesOf = (volumes: string, top = 'volumes: {data: {}, cache: {}}') =>
  loadProject(`${top}\nservices:\n  web:\n    image: nginx\n    volumes: ${volumes}\n`).services.web
    ?.volumes

describe('volumes, short syntax', () => {
  it.each([
    ['/var/lib/data', { type: 'volume', target: '/var/lib/data' }],
    ['data:/data', { type: 'volume', source: 'data', target: '/data' }],
    [
      './site:/usr/share/nginx/html:ro',
      { type: 'bind', source: './site', target: '/usr/share/nginx/html', readOnly: true },
    ],
    [
      '/etc/app:/etc/app:rw,z',
      { type: 'bind', source: '/etc/app', target: '/etc/app', selinux: 'z' },
    ],
    [
      '~/configs:/etc/configs:ro,rshared',
      {
        type: 'bind',
        source: '~/configs',
        target: '/etc/configs',
        readOnly: true,
        propagation: 'rshared',
      },
    ],
    ['data:/data:nocopy', { type: 'volume', source: 'data', target: '/data', nocopy: true }],
    ['${X:-a}:/x', { type: 'volume', source: '${X:-a}', target: '/x' }],
    [
      'db:/var/lib/db:cached',
      { type: 'volume', source: 'db', target: '/var/lib/db', unknownOptions: ['cached'] },
    ],
  ])('%s', (spec, expected) => {
    expect(parseShortVolume(spec)).toEqual({
      readOnly: false,
      nocopy: false,
      unknownOptions: [],
      ...expected,
    })
  })

  it.each([
    ['', /empty volume spec/],
    ['a::/b', /empty section/],
    ['a:/b:ro:extra', /too many colons/],
  ])('%j is refused (%s)', (spec, message) => {
    expect(parseShortVolume(spec)).toEqual(
      expect.objectContaining({ message: expect.stringMatching(message) }),
    )
  })

  it.each([
    ['/data/', '/data'],
    ['/a/./b/../c', '/a/c'],
    ['/../x', '/x'],
    ['a//b', 'a/b'],
    ['', ''],
  ])('cleans %j to %j', (path, clean) => {
    expect(cleanPath(path)).toBe(clean)
  })

  it('reads each kind in a file into the long syntax', () => {
    expect(volumesOf('["data:/data/", "./site:/site:ro", "/anonymous"]')).toEqual([
      {
        type: 'volume',
        source: 'data',
        target: '/data',
        readOnly: false,
        volume: { nocopy: false },
      },
      {
        type: 'bind',
        source: './site',
        target: '/site',
        readOnly: true,
        bind: { createHostPath: true },
      },
      { type: 'volume', target: '/anonymous', readOnly: false, volume: { nocopy: false } },
    ])
  })
})

describe('volumes, long syntax', () => {
  it('reads volume, bind and tmpfs mounts with their options', () => {
    const project = loadProject(yaml`
      services:
        web:
          image: nginx
          volumes:
            - type: volume
              source: data
              target: /data
              volume: {nocopy: true, subpath: sub}
            - type: bind
              source: /var/run/app.sock
              target: /run/app.sock
              read_only: true
              bind: {create_host_path: false, propagation: rslave, selinux: Z}
            - type: tmpfs
              target: /tmp
              tmpfs: {size: 64m, mode: 01777}
            - type: tmpfs
              target: /scratch
              tmpfs: {size: 1048576, mode: "0700"}
      volumes:
        data:
    `)
    expect(project.services.web?.volumes).toEqual([
      {
        type: 'volume',
        source: 'data',
        target: '/data',
        readOnly: false,
        volume: { nocopy: true, subpath: 'sub' },
      },
      {
        type: 'bind',
        source: '/var/run/app.sock',
        target: '/run/app.sock',
        readOnly: true,
        bind: { createHostPath: false, propagation: 'rslave', selinux: 'Z' },
      },
      {
        type: 'tmpfs',
        target: '/tmp',
        readOnly: false,
        tmpfs: { size: 64 * 2 ** 20, mode: 0o1777 },
      },
      { type: 'tmpfs', target: '/scratch', readOnly: false, tmpfs: { size: 1048576, mode: 0o700 } },
    ])
  })

  it('keeps the last of two mounts on one target, in the place of the first', () => {
    expect(volumesOf('["data:/data", "/tmp:/x", "cache:/data"]')).toEqual([
      {
        type: 'volume',
        source: 'cache',
        target: '/data',
        readOnly: false,
        volume: { nocopy: false },
      },
      {
        type: 'bind',
        source: '/tmp',
        target: '/x',
        readOnly: false,
        bind: { createHostPath: true },
      },
    ])
  })

  it('refuses what the engine would refuse or silently ignore, at its line', () => {
    const errors = loadErrors(yaml`
      services:
        web:
          image: nginx
          volumes:
            - relative/target
            - type: bind
              target: /x
            - type: volume
              source: data
              target: /y
              bind: {propagation: shared}
            - type: image
              source: alpine
              target: /z
            - type: tmpfs
              source: /host
              target: /t
      volumes:
        data:
    `)
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [5, expect.stringMatching(/must be an absolute path/)],
      [6, expect.stringMatching(/bind mount needs a source/)],
      [11, expect.stringMatching(/"bind" options do not apply to a volume mount/)],
      [12, expect.stringMatching(/type "image" are not supported/)],
      [16, expect.stringMatching(/tmpfs mount has no source/)],
    ])
  })

  it('warns about short-syntax options that have no effect instead of dropping them silently', () => {
    const result = load(yaml`
      services:
        web:
          image: nginx
          volumes: ["./src:/src:cached"]
    `)
    expect(result.ok && result.project.services.web?.volumes).toHaveLength(1)
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(/volume option "cached" has no effect/),
      }),
    ])
  })
})
