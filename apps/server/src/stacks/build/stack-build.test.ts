import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { docker, dockerCompose, scaled, testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultyEngineProxy } from '../../../test/faulty-engine-proxy.ts'
import { type StackLineBody, stackLines, stepsIn } from '../../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  doneOf,
  inspect,
  labelsYaml,
  projectObjects,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

// Engine requests go through a recording proxy: "no mutating call" and "no pull" are counted
// outside the server.
const dir = mkdtempSync(join(tmpdir(), 'hm-stack-build-'))
let proxy: Awaited<ReturnType<typeof startFaultyEngineProxy>>
beforeAll(async () => {
  proxy = await startFaultyEngineProxy(join(dir, 'engine.sock'), testEngine().socketPath)
})
afterAll(async () => {
  await proxy.close()
  rmSync(dir, { recursive: true, force: true })
})
const h = startHarness({ dockerHost: () => proxy.dockerHost })
const cli = testEngine().dockerHost

const mutatingSince = (from: number) =>
  proxy.seen.slice(from).filter((request) => !/^(GET|HEAD) /.test(request))
const pullsSince = (from: number) =>
  proxy.seen.slice(from).filter((request) => /^POST \S*\/images\/create/.test(request))

const stackDir = (name: string) => join(h.server.services.config.dataDir, 'stacks', 'local', name)

/** Writes files into the stack's folder, as the upload routes will. */
async function writeContext(name: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    const target = join(stackDir(name), path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, text)
  }
}

/** A Dockerfile FROM the local fixture image; its image carries the run's label (cleanup). */
const dockerfile = (...lines: string[]) =>
  [
    `FROM ${h.fixtureImage}`,
    `LABEL ${Object.entries(h.labels)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(' ')}`,
    ...lines,
  ].join('\n') + '\n'

/** The default network labelled for cleanup, as every object a test makes. */
const defaultNetwork = `networks:\n  default:\n    labels: ${labelsYaml(h)}`

const buildLines = (lines: StackLineBody[]) =>
  lines
    .filter((line) => line.action === 'build')
    .map((line) => `${line.state} ${line.message ?? ''}`)

describe('a stack with a service built from its folder, against a real engine', () => {
  const name = h.uniqueName('built')
  const image = `${name}-app`
  const container = (service: string) => `${name}-${service}-1`
  const compose = `
services:
  app:
    build:
      context: ./app
      args: { GREETING: hello }
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
  web:
    image: ${h.fixtureImage}
    pull_policy: if_not_present
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
${defaultNetwork}
`

  it('builds <project>-<service> with compose’s labels and runs the container on it', async () => {
    const operator = await h.as('operator')
    await storeStack(operator, name, compose)
    await writeContext(name, {
      'app/Dockerfile': dockerfile(
        'ARG GREETING',
        'COPY . /app',
        'RUN echo "$GREETING" > /greeting',
      ),
      'app/index.html': 'one\n',
      'app/.dockerignore': 'ignored\n',
    })
    // A link would be refused in the context; in an ignored folder it is never looked at.
    await mkdir(join(stackDir(name), 'app/ignored'))
    symlinkSync('/etc/passwd', join(stackDir(name), 'app/ignored/passwd'))

    const lines = await up(operator, name)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(lines).toContainEqual(
      expect.objectContaining({
        object: 'image',
        name: image,
        service: 'app',
        action: 'build',
        state: 'progress',
        message: expect.stringMatching(/^Step 4\/\d+ : COPY \. \/app/),
      }),
    )
    expect(stepsIn(lines, 'done')).toContain(`build ${image}`)
    const labels = JSON.parse(
      await inspect(h, image, '{{json .Config.Labels}}', 'image'),
    ) as Record<string, string>
    expect(labels).toMatchObject({
      'com.docker.compose.project': name,
      'com.docker.compose.service': 'app',
      'com.docker.compose.image.builder': 'classic',
      'io.harbormaster.stack.build-digest': expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    const imageId = await inspect(h, image, '{{.Id}}', 'image')
    expect(await inspect(h, container('app'), '{{.Image}}')).toBe(imageId)
    expect(await inspect(h, container('app'), '{{.State.Status}}')).toBe('running')
    const exec = async (command: string) =>
      (await docker(cli, ['exec', container('app'), 'sh', '-c', command])).stdout.trim()
    expect(await exec('cat /greeting /app/index.html')).toBe('hello\none')
    expect((await exec('ls -A /app')).split('\n').sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'index.html',
    ])
  })

  it('makes no mutating engine call on a second up of the unchanged stack and context', async () => {
    const operator = await h.as('operator')
    const from = proxy.seen.length

    const lines = await up(operator, name)

    expect(doneOf(lines), JSON.stringify(lines)).toEqual({ type: 'done', changes: 0 })
    expect(mutatingSince(from)).toEqual([])
  })

  it('rebuilds when a file of the context changed, and recreates only that service', async () => {
    const operator = await h.as('operator')
    const web = await inspect(h, container('web'), '{{.Id}}')
    const app = await inspect(h, container('app'), '{{.Id}}')
    await writeContext(name, { 'app/index.html': 'two\n' })

    const lines = await up(operator, name)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(stepsIn(lines, 'done')).toEqual([
      `build ${image}`,
      `recreate ${container('app')}`,
      `start ${container('app')}`,
    ])
    expect(await inspect(h, container('web'), '{{.Id}}')).toBe(web)
    expect(await inspect(h, container('app'), '{{.Id}}')).not.toBe(app)
    const html = await docker(cli, ['exec', container('app'), 'cat', '/app/index.html'])
    expect(html.stdout).toBe('two\n')
  })

  it('redeploys (pull: always) without pulling the built image or a pull_policy if_not_present one', async () => {
    const operator = await h.as('operator')
    const from = proxy.seen.length

    const lines = await up(operator, name, { pull: 'always' })

    expect(doneOf(lines), JSON.stringify(lines)).toEqual({ type: 'done', changes: 0 })
    expect(pullsSince(from)).toEqual([])
  })

  it('is listed by docker-compose ps as any compose project', async () => {
    const args = ['-p', name, '-f', 'compose.yaml', 'ps', '-q']
    const { stdout } = await dockerCompose(h.dockerHost, args, {
      cwd: stackDir(name),
    })
    const ids = stdout.split('\n').filter((line) => line !== '')
    const ours = await Promise.all(['app', 'web'].map((s) => inspect(h, container(s), '{{.Id}}')))
    expect(ids.sort()).toEqual(ours.sort())
  })
})

describe('the build policy and the build’s failures', () => {
  const built = () => `
services:
  app:
    build: ./app
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
${defaultNetwork}
`

  it('refuses an operator’s ADD <url> before anything is made, naming the Dockerfile line', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('addurl')
    await storeStack(operator, name, built())
    await writeContext(name, {
      'app/Dockerfile': dockerfile('ADD http://127.0.0.1:9/file /file'),
    })

    const res = await operator.post(`${STACKS}/${name}/up`, {})

    await expectApiError(
      res,
      403,
      'forbidden',
      /compose\.yaml:4 services\.app\.build: .*app\/Dockerfile line 3: http:\/\/127\.0\.0\.1:9\/file is a URL/,
    )
    expect(await projectObjects(h, 'container', name)).toEqual([])
    const images = await docker(cli, ['image', 'ls', '-q', `${name}-app`])
    expect(images.stdout.trim()).toBe('')
  })

  it('refuses an operator’s context holding another Dockerfile with ADD <url>, as an upload', async () => {
    // POST /images/build checks every file named like the Dockerfile in the bytes it streams;
    // the deploy checks them before its first engine call, so that check never stops it midway.
    const operator = await h.as('operator')
    const name = h.uniqueName('namesake')
    await storeStack(operator, name, built())
    await writeContext(name, {
      'app/Dockerfile': dockerfile('COPY . /app'),
      'app/vendor/Dockerfile': 'FROM scratch\nADD https://example.com/x /x\n',
    })
    const from = proxy.seen.length

    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      403,
      'forbidden',
      /compose\.yaml:4 services\.app\.build: .*vendor\/Dockerfile line 2: https:\/\/example\.com\/x is a URL/,
    )
    expect(mutatingSince(from)).toEqual([])
  })

  it('lets an admin build it: the plan passes and the engine itself reports the fetch', async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('addurl')
    await storeStack(admin, name, built())
    await writeContext(name, {
      'app/Dockerfile': dockerfile('ADD http://127.0.0.1:9/file /file'),
    })

    const lines = await stackLines(await admin.post(`${STACKS}/${name}/up`, {}))

    expect(buildLines(lines)[0]).toBe('started ')
    expect(lines.at(-1)).toMatchObject({
      error: { message: expect.stringMatching(/127\.0\.0\.1:9/) },
    })
  })

  it('refuses a context outside the stack’s folder at its line (400)', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('escape')
    const compose = `
services:
  app:
    image: ${h.fixtureImage}
  other:
    build:
      context: ../x
`
    await storeStack(operator, name, compose)

    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      400,
      'invalid_request',
      /compose\.yaml:7 services\.other\.build\.context: "\.\.\/x": expected a path inside the stack's folder/,
    )
    expect(await projectObjects(h, 'container', name)).toEqual([])
  })

  it('refuses a link inside the context at the service’s build line (400)', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('link')
    await storeStack(operator, name, built())
    await writeContext(name, { 'app/Dockerfile': dockerfile('COPY . /app') })
    symlinkSync('/etc/passwd', join(stackDir(name), 'app/passwd'))

    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      400,
      'invalid_request',
      /compose\.yaml:4 services\.app\.build: passwd in the build context is a link/,
    )
  })

  it('reports a failing build step with the engine’s message and the service', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('fails')
    await storeStack(operator, name, built())
    await writeContext(name, { 'app/Dockerfile': dockerfile('RUN false') })

    const lines = await stackLines(await operator.post(`${STACKS}/${name}/up`, {}))

    const failed = lines.find((line) => line.state === 'failed')
    expect(failed, JSON.stringify(lines)).toMatchObject({
      object: 'image',
      name: `${name}-app`,
      service: 'app',
      action: 'build',
      message: expect.stringMatching(
        /The command '\/bin\/sh -c false' returned a non-zero code: 1/,
      ),
    })
    expect(lines.at(-1)).toMatchObject({ error: { message: failed?.message } })
    expect(await projectObjects(h, 'container', name)).toEqual([])
  })

  it('stops the build when the client goes away: the step’s container is removed', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('cancel')
    await storeStack(operator, name, built())
    await writeContext(name, { 'app/Dockerfile': dockerfile('RUN sleep 300') })
    const controller = new AbortController()

    const res = await fetch(`${h.url}${STACKS}/${name}/up`, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        Origin: operator.origin,
        Cookie: operator.cookie ?? '',
        'Content-Type': 'application/json',
      },
      body: '{}',
    })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    let running: RegExpExecArray | null = null
    while (running === null) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`the build ended before its RUN step: ${text}`)
      text += decoder.decode(value)
      running = / ---> Running in ([0-9a-f]{12})/.exec(text)
    }
    const stepContainer = running[1] ?? ''
    expect(
      (await docker(cli, ['ps', '-aq', '--filter', `id=${stepContainer}`])).stdout.trim(),
    ).not.toBe('')
    controller.abort()

    await expect
      .poll(
        async () =>
          (await docker(cli, ['ps', '-aq', '--filter', `id=${stepContainer}`])).stdout.trim(),
        { timeout: scaled(30_000) },
      )
      .toBe('')
    expect((await docker(cli, ['image', 'ls', '-q', `${name}-app`])).stdout.trim()).toBe('')
    expect(await projectObjects(h, 'container', name)).toEqual([])
  })

  it('keeps a built image on POST /stacks/:name/pull: no pull reaches the engine', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('pullbuilt')
    await storeStack(operator, name, built())
    await writeContext(name, { 'app/Dockerfile': dockerfile() })
    expect((await up(operator, name)).at(-1)).toMatchObject({ type: 'done' })
    const from = proxy.seen.length

    const lines = await stackLines(await operator.post(`${STACKS}/${name}/pull`, {}))

    expect(lines).toEqual([
      {
        type: 'step',
        object: 'image',
        name: `${name}-app`,
        action: 'keep',
        state: 'done',
        message: 'built here: not pulled',
      },
      { type: 'done', changes: 0 },
    ])
    expect(pullsSince(from)).toEqual([])
  })

  it('stops before anything is made when a pull_policy never image is missing', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('never')
    const compose = `
services:
  app:
    image: ${name}-nowhere:1
    pull_policy: never
    labels: ${labelsYaml(h)}
${defaultNetwork}
`
    await storeStack(operator, name, compose)
    const from = proxy.seen.length

    const lines = await stackLines(await operator.post(`${STACKS}/${name}/up`, {}))

    expect(lines.at(-1)).toMatchObject({
      error: {
        message: `image ${name}-nowhere:1 is not on the host and service app has pull_policy never: pull or load it first`,
      },
    })
    expect(mutatingSince(from)).toEqual([])
  })

  it('refuses a refresh pull policy without its interval at its line', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('refresh')
    const compose = `
services:
  app:
    image: ${h.fixtureImage}
    pull_policy: refresh
`
    await storeStack(operator, name, compose)

    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      400,
      'invalid_request',
      /compose\.yaml:5 services\.app\.pull_policy: pull_policy refresh: give the interval/,
    )
  })

  it('does not pull an every_<duration> image whose tag is younger than the interval', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('every')
    // A registry that refuses connections: a pull, if tried, would fail the deploy.
    const image = `127.0.0.1:1/${name}:1`
    await docker(cli, ['tag', h.fixtureImage, image])
    try {
      const compose = `
services:
  app:
    image: ${image}
    pull_policy: every_1000w
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
${defaultNetwork}
`
      await storeStack(operator, name, compose)
      const from = proxy.seen.length

      const lines = await up(operator, name)

      expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
      expect(pullsSince(from)).toEqual([])
    } finally {
      await docker(cli, ['rm', '-f', `${name}-app-1`])
      await docker(cli, ['rmi', image])
    }
  })
})
