import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readImportFile } from './import-files.ts'

const base = mkdtempSync(join(tmpdir(), 'hm-import-'))
const allowed = join(base, 'stacks')
const outside = join(base, 'elsewhere')
mkdirSync(join(allowed, 'shop'), { recursive: true })
mkdirSync(outside)
writeFileSync(join(allowed, 'shop', 'compose.yaml'), 'services: {}\n')
writeFileSync(join(outside, 'secret.yaml'), 'password: x\n')
afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

describe('readImportFile: a path a container label names, confined to the allowed directories', () => {
  it('reads a regular file inside an allowed directory, and through a link that stays inside', async () => {
    symlinkSync(join(allowed, 'shop', 'compose.yaml'), join(allowed, 'inside-link.yaml'))

    expect(await readImportFile(join(allowed, 'shop', 'compose.yaml'), [allowed], 1024)).toEqual({
      ok: true,
      text: 'services: {}\n',
    })
    expect(await readImportFile(join(allowed, 'inside-link.yaml'), [allowed], 1024)).toMatchObject({
      ok: true,
    })
  })

  it('refuses what is outside, what a link leads out to, and a path with `..` out', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(allowed, 'shop', 'escape.yaml'))
    symlinkSync(outside, join(allowed, 'dir-link'))
    const refused = { ok: false, why: 'not in a directory allowed for import' }

    for (const path of [
      join(outside, 'secret.yaml'),
      join(allowed, 'shop', 'escape.yaml'),
      join(allowed, 'dir-link', 'secret.yaml'),
      `${allowed}/../elsewhere/secret.yaml`,
    ]) {
      expect({ path, read: await readImportFile(path, [allowed], 1024) }).toEqual({
        path,
        read: refused,
      })
    }
    expect(await readImportFile(join(outside, 'secret.yaml'), [], 1024)).toEqual(refused)
  })

  it('refuses relative paths, directories, FIFOs (without blocking), missing and large files', async () => {
    execFileSync('mkfifo', [join(allowed, 'pipe.yaml')])
    writeFileSync(join(allowed, 'big.yaml'), 'x'.repeat(2048))

    expect(await readImportFile('shop/compose.yaml', [allowed], 1024)).toEqual({
      ok: false,
      why: 'not an absolute path',
    })
    expect(await readImportFile(join(allowed, 'shop'), [allowed], 1024)).toEqual({
      ok: false,
      why: 'not a regular file',
    })
    expect(await readImportFile(join(allowed, 'pipe.yaml'), [allowed], 1024)).toEqual({
      ok: false,
      why: 'not a regular file',
    })
    expect(await readImportFile(join(allowed, 'none.yaml'), [allowed], 1024)).toEqual({
      ok: false,
      why: 'no such file',
    })
    expect(await readImportFile(join(allowed, 'big.yaml'), [allowed], 1024)).toEqual({
      ok: false,
      why: 'larger than 1024 bytes',
    })
  })
})
