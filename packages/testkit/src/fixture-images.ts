import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docker } from './docker-cli.ts'
import { runCommand } from './exec.ts'

/** The ~2 MB busybox image tests run: sh, sleep, stty, cat, top, yes, httpd and the rest. */
export const FIXTURE_IMAGE = 'harbormaster-fixture/busybox:1'

/** Label on fixture images; cleanup never removes images carrying it. */
export const FIXTURE_LABEL = 'io.harbormaster.fixture'

// Debian's busybox-static: no shared libraries to copy next to it.
const BUSYBOX = '/bin/busybox'

/** Lays out a minimal root filesystem around busybox, with a link for each applet in /bin. */
export async function makeBusyboxRootfs(root: string): Promise<void> {
  for (const dir of ['bin', 'etc', 'root']) await mkdir(join(root, dir), { recursive: true })
  await mkdir(join(root, 'tmp'))
  await chmod(join(root, 'tmp'), 0o1777) // mkdir's mode is masked by the umask; chmod is not
  await copyFile(BUSYBOX, join(root, 'bin/busybox'))
  await chmod(join(root, 'bin/busybox'), 0o755)
  const { stdout } = await runCommand(BUSYBOX, ['--list'])
  const applets = new Set(stdout.split('\n').filter((applet) => /^[\w.[\]-]+$/.test(applet)))
  applets.delete('busybox')
  await Promise.all([...applets].map((applet) => symlink('busybox', join(root, 'bin', applet))))
  await writeFile(
    join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  )
  await writeFile(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n')
}

/** Whether the engine has the image (by reference). */
export async function hasImage(dockerHost: string, image: string): Promise<boolean> {
  const { stdout } = await docker(dockerHost, ['image', 'ls', '-q', image])
  return stdout.trim() !== ''
}

/**
 * Builds {@link FIXTURE_IMAGE} on the engine unless it is already there. Nothing can be pulled
 * here, so the image is imported from a tarball made from the host's busybox.
 */
export async function ensureFixtureImages(dockerHost: string): Promise<void> {
  if (await hasImage(dockerHost, FIXTURE_IMAGE)) return
  const work = await mkdtemp(join(tmpdir(), 'hm-fixture-'))
  try {
    const [root, tarball] = [join(work, 'rootfs'), join(work, 'rootfs.tar')]
    await makeBusyboxRootfs(root)
    const owner = ['--numeric-owner', '--owner=0', '--group=0']
    await runCommand('tar', ['-C', root, ...owner, '-cf', tarball, '.'])
    const changes = ['-c', 'CMD ["/bin/sh"]', '-c', `LABEL ${FIXTURE_LABEL}=1`]
    await docker(dockerHost, ['import', ...changes, '-', FIXTURE_IMAGE], {
      input: await readFile(tarball),
    })
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
