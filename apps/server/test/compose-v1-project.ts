import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type CommandOutput, dockerCompose } from '@harbormaster/testkit'
import { stringify } from 'yaml'
import type { Harness } from './harness.ts'

/** A project made by Debian's docker-compose (compose v1, 1.29) from a file in a folder of its own. */
export interface ComposeV1Project {
  name: string
  /** The project's folder: its `docker-compose.yml`, `.env` and whatever else it was given. */
  dir: string
  file: string
  /** Runs `docker-compose -p <name> ...` in the project's folder, against the test engine. */
  compose(args: readonly string[]): Promise<CommandOutput>
  /** Each container's state as `docker-compose ps` shows it (`Up`, `Exit 0`...), by name. */
  ps(): Promise<Map<string, string>>
}

/**
 * The file of a project of two services the way people write one for compose v1 (format 2.4):
 * `web` with most settings a stack reproduces, `worker` scaled to 2. Every service, network and
 * volume carries the harness's labels, so its cleanup removes them.
 */
export function sampleComposeV1File(h: Harness): Record<string, unknown> {
  const labels = h.labels
  const loop = "trap 'exit 0' TERM INT; while true; do sleep 1; done"
  return {
    version: '2.4',
    services: {
      web: {
        image: h.fixtureImage,
        command: ['sh', '-c', loop],
        environment: { GREETING: 'hello $$USER', APP_PASSWORD: 'hunter2' },
        ports: ['127.0.0.1::80'],
        volumes: ['data:/data', './conf:/conf:ro', { type: 'tmpfs', target: '/cache' }],
        networks: { front: { aliases: ['www'] } },
        labels: { ...labels, team: 'a' },
        healthcheck: { test: ['CMD', 'true'], interval: '5s', retries: 2 },
        restart: 'unless-stopped',
        init: true,
        ulimits: { nofile: { soft: 1024, hard: 2048 } },
        cap_drop: ['MKNOD'],
        sysctls: { 'net.core.somaxconn': '1024' },
        stop_signal: 'SIGINT',
        stop_grace_period: '5s',
        mem_limit: '64m',
        cpus: 0.5,
        pids_limit: 100,
      },
      worker: {
        image: h.fixtureImage,
        command: ['sh', '-c', loop],
        depends_on: ['web'],
        scale: 2,
        labels,
      },
    },
    networks: { default: { labels }, front: { labels } },
    volumes: { data: { labels } },
  }
}

/**
 * Writes the file (and `files`, relative to the project's folder) into a new folder under `root`
 * and runs `docker-compose -p <name> up -d` on it, as a person on the host would.
 */
export async function upComposeV1Project(
  h: Harness,
  root: string,
  file: Record<string, unknown>,
  files: Record<string, string> = {},
): Promise<ComposeV1Project> {
  const name = h.uniqueName('v1')
  const dir = await mkdtemp(join(root, `${name}-`))
  const path = join(dir, 'docker-compose.yml')
  await writeFile(path, stringify(file))
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, relative)), { recursive: true })
    await writeFile(join(dir, relative), text)
  }
  // In its folder, as people run it: compose v1 then labels the file relative to it.
  const compose = (args: readonly string[]) =>
    dockerCompose(h.dockerHost, ['-p', name, ...args], { cwd: dir })
  await compose(['up', '-d'])
  return { name, dir, file: path, compose, ps: () => psOf(compose) }
}

async function psOf(compose: ComposeV1Project['compose']): Promise<Map<string, string>> {
  const { stdout } = await compose(['ps'])
  const states = new Map<string, string>()
  // `Name   Command   State   Ports`, a rule, then a row per container.
  for (const line of stdout.split('\n').slice(2)) {
    const match = /^(\S+)\s.*?\s{2,}(Up|Exit \d+|Restarting|Paused)\b/.exec(line)
    if (match?.[1] && match[2]) states.set(match[1], match[2])
  }
  return states
}
