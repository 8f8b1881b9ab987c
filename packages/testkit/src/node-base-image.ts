import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { docker } from './docker-cli.ts'
import { runCommand } from './exec.ts'
import { FIXTURE_LABEL, hasImage, makeBusyboxRootfs } from './fixture-images.ts'

/** A Node.js 24 image made from this machine's own node binary: the Dockerfile's test base. */
export const NODE_BASE_IMAGE = 'harbormaster-fixture/node:24'

/**
 * The shared libraries `ldd` says node needs, plus the rest of glibc (libc6): native addons the
 * build runs (rolldown's binding wants librt) link libraries node itself does not.
 */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await runCommand('ldd', [binary])
  const glibc = await runCommand('dpkg', ['-L', 'libc6']).catch(() => ({ stdout: '' }))
  const paths = [...stdout.matchAll(/(\/[^\s]+\.so[^\s]*)/g)].map((m) => m[1] ?? '')
  const more = glibc.stdout.split('\n').filter((p) => /^\/lib[^ ]*\/[^/]+\.so[.\d]*$/.test(p))
  return [...new Set([...paths, ...more])]
}

/** The npm package next to the `npm` on PATH (npm is JavaScript: any Node.js runs it). */
async function npmPackageDir(): Promise<string> {
  const { stdout } = await runCommand('sh', ['-c', 'command -v npm'])
  return dirname(dirname(realpathSync(stdout.trim())))
}

/**
 * Builds {@link NODE_BASE_IMAGE} on the engine unless it is there: busybox for the shell and
 * tools, the running node binary (Node 24) with the libraries it links, npm, and a `node` user
 * (uid 1000) as the official image has. There is no registry here to pull `node:24` from.
 */
export async function ensureNodeBaseImage(dockerHost: string): Promise<string> {
  if (await hasImage(dockerHost, NODE_BASE_IMAGE)) return NODE_BASE_IMAGE
  const work = await mkdtemp(join(tmpdir(), 'hm-node-base-'))
  try {
    const root = join(work, 'rootfs')
    await makeBusyboxRootfs(root)
    await writeFile(
      join(root, 'etc/passwd'),
      'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n',
    )
    await writeFile(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n')
    await mkdir(join(root, 'home/node'), { recursive: true })
    await runCommand('chown', ['1000:1000', join(root, 'home/node')])
    // npm scripts' bins start with `#!/usr/bin/env node`.
    await mkdir(join(root, 'usr/bin'), { recursive: true })
    await symlink('/bin/busybox', join(root, 'usr/bin/env'))
    const bin = join(root, 'usr/local/bin')
    await mkdir(join(root, 'usr/local/lib/node_modules'), { recursive: true })
    await mkdir(bin, { recursive: true })
    await runCommand('cp', [process.execPath, join(bin, 'node')])
    await runCommand('strip', [join(bin, 'node')]).catch(() => undefined) // smaller, if binutils
    for (const lib of await sharedLibraries(process.execPath)) {
      await mkdir(join(root, dirname(lib)), { recursive: true })
      await runCommand('cp', ['-L', lib, join(root, lib)])
    }
    await runCommand('cp', [
      '-r',
      await npmPackageDir(),
      join(root, 'usr/local/lib/node_modules/npm'),
    ])
    await writeFile(
      join(bin, 'npm'),
      '#!/bin/sh\nexec node /usr/local/lib/node_modules/npm/bin/npm-cli.js "$@"\n',
      { mode: 0o755 },
    )
    const tarball = join(work, 'rootfs.tar')
    const owner = ['--numeric-owner']
    await runCommand('tar', ['-C', root, ...owner, '-cf', tarball, '.'])
    const changes = [
      ['-c', 'ENV PATH=/usr/local/bin:/usr/bin:/bin'],
      ['-c', 'CMD ["node"]'],
      ['-c', `LABEL ${FIXTURE_LABEL}=1`],
    ].flat()
    await docker(dockerHost, ['import', ...changes, '-', NODE_BASE_IMAGE], {
      input: await readFile(tarball),
    })
    return NODE_BASE_IMAGE
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
