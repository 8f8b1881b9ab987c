import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { StackDirectoryWrite } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../../test/expect-api-error.ts'
import { startFastApp } from '../../../test/fast-app.ts'
import {
  STACKS as stacks,
  type TarEntry,
  directoryCalls,
  mode,
  put,
  tarOf,
} from '../../../test/stack-directory-calls.ts'

const FILE_LIMIT = 64 * 1024
const DIR_LIMIT = 160 * 1024
const fast = startFastApp({
  HARBORMASTER_STACK_FILE_MAX_BYTES: String(FILE_LIMIT),
  HARBORMASTER_STACK_DIR_MAX_BYTES: String(DIR_LIMIT),
})
const { createStack } = directoryCalls(fast, 'uploads')

/**
 * Writing a stack's directory: archives checked entry by entry with nothing written when one is
 * refused, the size limits, folders, moves and removals with their audit entries, and the
 * deploy guard.
 */
describe("changing a stack's directory", () => {
  it('unpacks a tar of files and folders (gzip too) with private modes', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const archive = await tarOf([
      { name: './', type: 'directory', mode: 0o755 },
      { name: './conf/', type: 'directory', mode: 0o777 },
      { name: './conf/app.ini', content: 'a=1\n', mode: 0o644 },
      { name: './build/run.sh', content: '#!/bin/sh\n', mode: 0o755 },
    ])
    const res = await put(operator, name, 'archive?path=ctx', gzipSync(archive))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(((await res.json()) as StackDirectoryWrite).written.map((e) => e.path)).toEqual([
      'ctx/conf',
      'ctx/conf/app.ini',
      'ctx/build/run.sh',
    ])
    expect(readFileSync(join(dir, 'ctx/conf/app.ini'), 'utf8')).toBe('a=1\n')
    expect(mode(join(dir, 'ctx/conf/app.ini'))).toBe(0o600)
    expect(mode(join(dir, 'ctx/build/run.sh'))).toBe(0o700)
    expect(mode(join(dir, 'ctx/conf'))).toBe(0o700)
    expect(mode(join(dir, 'ctx/build'))).toBe(0o700)
    expect(mode(join(dir, 'ctx'))).toBe(0o700)
  })

  it('takes an archive made by GNU tar, pax headers and long names included', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const source = mkdtempSync(join(tmpdir(), 'hm-tar-source-'))
    const long = `${'n'.repeat(120)}/${'m'.repeat(120)}.txt`
    try {
      mkdirSync(join(source, 'n'.repeat(120)))
      writeFileSync(join(source, long), 'long')
      writeFileSync(join(source, 'café.env'), 'A=1')
      const made = spawnSync('tar', ['--format=pax', '-C', source, '-czf', '-', '.'])
      expect(made.status, made.stderr.toString()).toBe(0)

      const res = await put(operator, name, 'archive', made.stdout)

      expect(res.status, await res.clone().text()).toBe(200)
      expect(readFileSync(join(dir, long), 'utf8')).toBe('long')
      expect(readFileSync(join(dir, 'café.env'), 'utf8')).toBe('A=1')
    } finally {
      rmSync(source, { recursive: true, force: true })
    }
  })

  it.each([
    [
      'a symbolic link',
      { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
      /"link" is a symlink/,
    ],
    ['a hard link', { name: 'hard', type: 'link', linkname: 'good.txt' }, /"hard" is a link/],
    [
      'a device',
      { name: 'dev', type: 'character-device', devmajor: 1, devminor: 3 },
      /"dev" is a character device/,
    ],
    ['a fifo', { name: 'pipe', type: 'fifo' }, /"pipe" is a fifo/],
    ['a name with ..', { name: '../escape.txt', content: 'x' }, /"..\/escape.txt": path traversal/],
    ['a name inside with ..', { name: 'a/../b.txt', content: 'x' }, /path traversal/],
    ['an absolute name', { name: '/etc/cron.d/x', content: 'x' }, /absolute path/],
  ] satisfies [string, TarEntry, RegExp][])(
    'refuses a tar holding %s, naming the entry, and writes none of it',
    async (_, bad, message) => {
      const { name, dir } = await createStack()
      const operator = await fast.as('operator')
      const before = readdirSync(dir).sort()
      const archive = await tarOf([{ name: 'good.txt', content: 'good' }, bad])
      await expectApiError(
        await put(operator, name, 'archive', archive),
        400,
        'invalid_request',
        message,
      )
      expect(readdirSync(dir).sort()).toEqual(before)
    },
  )

  it('holds uploads to the file and directory limits (413 naming them)', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const big = 'x'.repeat(FILE_LIMIT + 1)
    await expectApiError(
      await put(operator, name, 'file?path=big', big),
      413,
      'payload_too_large',
      /big: larger than 64 KiB.*HARBORMASTER_STACK_FILE_MAX_BYTES/,
    )
    await expectApiError(
      await put(operator, name, 'archive', await tarOf([{ name: 'big', content: big }])),
      413,
      'payload_too_large',
      /HARBORMASTER_STACK_FILE_MAX_BYTES/,
    )
    const most = 'x'.repeat(FILE_LIMIT)
    expect((await put(operator, name, 'file?path=one', most)).status).toBe(200)
    expect((await put(operator, name, 'file?path=two', most)).status).toBe(200)
    // Replacing a file counts its new size, not both.
    expect((await put(operator, name, 'file?path=two', most)).status).toBe(200)
    await expectApiError(
      await put(operator, name, 'file?path=three', most),
      413,
      'payload_too_large',
      /more than 160 KiB.*HARBORMASTER_STACK_DIR_MAX_BYTES/,
    )
    expect(readdirSync(dir).sort()).toEqual(['.env', 'compose.yaml', 'one', 'two'])
  })

  it('makes folders, moves and removes files and folders, each audited with path and size only', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const folder = await operator.post(`${stacks}/${name}/directory/folders`, { path: 'a/b' })
    expect(folder.status, await folder.clone().text()).toBe(204)
    expect(mode(join(dir, 'a'))).toBe(0o700)
    await expectApiError(
      await operator.post(`${stacks}/${name}/directory/folders`, { path: 'a/b' }),
      409,
      'conflict',
      /a\/b exists/,
    )
    await put(operator, name, 'file?path=a/b/s.txt', 'top secret')
    const moved = await operator.post(`${stacks}/${name}/directory/move`, {
      from: 'a/b/s.txt',
      to: 'a/t.txt',
    })
    expect(moved.status, await moved.clone().text()).toBe(204)
    expect(readFileSync(join(dir, 'a/t.txt'), 'utf8')).toBe('top secret')
    await expectApiError(
      await operator.post(`${stacks}/${name}/directory/move`, { from: 'a', to: 'a/b/c' }),
      400,
      'invalid_request',
    )
    await expectApiError(
      await operator.delete(`${stacks}/${name}/directory?path=nothing`),
      404,
      'not_found',
    )
    const removed = await operator.delete(`${stacks}/${name}/directory?path=a`)
    expect(removed.status).toBe(204)
    expect(existsSync(join(dir, 'a'))).toBe(false)

    const audit = fast
      .audit()
      .filter((e) => e.target === name && e.action.startsWith('stack.directory.'))
    const shown = audit.map((e) => [e.action, e.status, e.parameters]).reverse()
    expect(shown).toEqual([
      ['stack.directory.folder', 204, { path: 'a/b' }],
      ['stack.directory.folder', 409, { path: 'a/b' }],
      [
        'stack.directory.upload',
        200,
        { path: 'a/b/s.txt', files: 1, bytes: 10, entries: [{ path: 'a/b/s.txt', size: 10 }] },
      ],
      ['stack.directory.move', 204, { from: 'a/b/s.txt', to: 'a/t.txt' }],
      ['stack.directory.move', 400, { from: 'a', to: 'a/b/c' }],
      ['stack.directory.delete', 404, { path: 'nothing' }],
      ['stack.directory.delete', 204, { path: 'a', kind: 'directory', size: 10 }],
    ])
    expect(JSON.stringify(audit)).not.toContain('top secret')
  })

  it('refuses changes while a deploy of the stack runs (409), and takes them once it ended', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const host = fast.services.hosts.get('local')
    if (!host) throw new Error('no host local')
    // The claim a deploy (up, scale) holds while it runs: stack-claims.ts.
    host.stackClaims.set(name, 'deploy')
    try {
      await expectApiError(
        await put(operator, name, 'file?path=a.env', 'A=1'),
        409,
        'conflict',
        /deploy/,
      )
      await expectApiError(
        await put(operator, name, 'archive', await tarOf([{ name: 'b', content: 'x' }])),
        409,
        'conflict',
      )
      await expectApiError(
        await operator.post(`${stacks}/${name}/directory/folders`, { path: 'c' }),
        409,
        'conflict',
      )
      await expectApiError(
        await operator.delete(`${stacks}/${name}/directory?path=.env`),
        409,
        'conflict',
      )
      // Reading is not a change.
      expect((await operator.get(`${stacks}/${name}/directory`)).status).toBe(200)
    } finally {
      host.stackClaims.delete(name)
    }
    expect(readdirSync(dir).sort()).toEqual(['.env', 'compose.yaml'])
    expect((await put(operator, name, 'file?path=a.env', 'A=1')).status).toBe(200)
  })
})
