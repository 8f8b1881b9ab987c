import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CommandError, docker, runCommand } from '@harbormaster/testkit'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * Builds the project's Dockerfile on the engine, as a user would with `docker build`, from a
 * context holding the repository's files (tracked, or new and not ignored) plus this machine's
 * npm cache as `npm-offline-cache/`: the engine has no network, so the Dockerfile's `npm ci`
 * installs offline from it. Returns the build output.
 */
export async function buildProjectImage(
  dockerHost: string,
  tag: string,
  baseImage: string,
  labels: string[],
): Promise<string> {
  const context = await mkdtemp(join(tmpdir(), 'hm-image-ctx-'))
  try {
    const listed = await runCommand('git', ['-C', ROOT, 'ls-files', '-co', '--exclude-standard'])
    const files = listed.stdout.split('\n').filter((f) => f !== '' && existsSync(join(ROOT, f)))
    const list = join(context, '.files')
    await writeFile(list, files.join('\n'))
    await runCommand('sh', [
      '-c',
      `tar -C "$1" -cf - -T "$2" | tar -C "$3" -xf -`,
      'sh',
      ROOT,
      list,
      context,
    ])
    await rm(list)
    const cache = (await runCommand('npm', ['config', 'get', 'cache'])).stdout.trim()
    await cp(join(cache, '_cacache'), join(context, 'npm-offline-cache', '_cacache'), {
      recursive: true,
    })
    const args = ['build', '-t', tag, '--build-arg', `BASE_IMAGE=${baseImage}`]
    for (const label of labels) args.push('--label', label)
    const { stdout } = await docker(dockerHost, [...args, context], {
      env: { DOCKER_BUILDKIT: '0' },
    }).catch((error: unknown) => {
      // The failing step's output is on stdout; stderr only says which step failed.
      if (error instanceof CommandError) error.message += `\n${error.stdout.slice(-4000)}`
      throw error
    })
    return stdout
  } finally {
    await rm(context, { recursive: true, force: true })
  }
}
