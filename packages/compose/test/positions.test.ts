import { describe, expect, it } from 'vitest'
import { formatPath } from '../src/index.ts'
import { load, loadErrors, loadProject, yaml } from './support.ts'

const at = (line: number, column: number, file = 'compose.yaml') => ({ file, line, column })

describe('sourceOf: the node that supplied each value', () => {
  const text = yaml`
    x-hardened: &hardened
      privileged: true
      cap_add: &caps
        - NET_ADMIN
    x-logging: &logging
      driver: json-file
    services:
      base:
        image: busybox
        user: "1000"
        stop_grace_period: 1m
      web:
        <<: *hardened
        extends: base
        image: nginx
        logging: *logging
        cap_drop: *caps
        ports:
          - "8080:80"
          - target: 443
            published: "8443"
        environment:
          FROM_FILE_TOO: inline
        env_file: web.env
  `
  const project = loadProject(text, {
    files: { 'web.env': '# web\nFROM_FILE=1\nFROM_FILE_TOO=2\n' },
  })
  const sourceOf = (...path: (string | number)[]) => project.sourceOf(['services', 'web', ...path])

  it('through a merge key (<<), the line in the anchored mapping', () => {
    expect(sourceOf('privileged')).toEqual(at(2, 15))
    expect(sourceOf('capAdd')).toEqual(at(4, 5))
    expect(sourceOf('capAdd', 0)).toEqual(at(4, 7))
  })

  it('through an alias, the line of the anchored node', () => {
    expect(sourceOf('logging', 'driver')).toEqual(at(6, 11))
    expect(sourceOf('capDrop', 0)).toEqual(at(4, 7))
  })

  it('through extends, the line in the base service', () => {
    expect(sourceOf('user')).toEqual(at(10, 11))
    expect(sourceOf('stopGracePeriod')).toEqual(at(11, 24))
    expect(sourceOf('image')).toEqual(at(15, 12))
  })

  it('for a short syntax, the string it was read from; for the long syntax, each field', () => {
    expect(sourceOf('ports', 0, 'published')).toEqual(at(19, 9))
    expect(sourceOf('ports', 0, 'target')).toEqual(at(19, 9))
    expect(sourceOf('ports', 1, 'target')).toEqual(at(20, 17))
    expect(sourceOf('ports', 1, 'published')).toEqual(at(21, 20))
  })

  it('for a variable from an env_file, that file and line; the service environment wins', () => {
    expect(sourceOf('environment', 'FROM_FILE')).toEqual(at(2, 1, 'web.env'))
    expect(sourceOf('environment', 'FROM_FILE_TOO')).toEqual(at(23, 22))
  })

  it('for a default the file did not write, the nearest written ancestor', () => {
    expect(sourceOf('tty')).toEqual(sourceOf())
    expect(sourceOf()).toEqual(at(13, 5))
    expect(project.sourceOf(['services', 'nope'])).toBeUndefined()
  })
})

describe('error positions', () => {
  it('puts a missing variable at the line of the value, for each place an anchor is used', () => {
    const errors = loadErrors(yaml`
      x-env: &env
        TOKEN: \${TOKEN:?set TOKEN in .env}
      services:
        web:
          image: nginx
          environment: *env
    `)
    const message = 'required variable TOKEN is missing a value: set TOKEN in .env'
    expect(errors).toEqual([
      expect.objectContaining({ line: 2, column: 10, path: ['x-env', 'TOKEN'], message }),
      expect.objectContaining({
        line: 2,
        column: 10,
        path: ['services', 'web', 'environment', 'TOKEN'],
        message,
      }),
    ])
  })

  it('puts an unsupported key reached through a merge key at its line in the anchor', () => {
    const errors = loadErrors(yaml`
      x-ns: &ns
        pid: host
      services:
        web:
          <<: *ns
          image: nginx
    `)
    expect(errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        path: ['services', 'web', 'pid'],
        message: 'not supported by Harbormaster stacks',
      }),
    ])
  })

  it('puts a schema error inherited through extends at its line in the base', () => {
    const errors = loadErrors(yaml`
      services:
        base:
          image: nginx
          privileged: [yes]
        web:
          extends: base
    `)
    expect(errors.map((e) => [e.line, e.path.join('.')])).toEqual([
      [4, 'services.base.privileged'],
      [4, 'services.web.privileged'],
    ])
  })

  it('names the schema problem and its line', () => {
    const errors = loadErrors(yaml`
      services:
        web:
          image: nginx
          ports:
            - 80
            - [80]
          depends_on:
            db:
              condition: when_ready
          restart: 5
    `)
    expect(errors.map((e) => [e.line, formatPath(e.path), e.message])).toEqual([
      [6, 'services.web.ports[1]', 'must be a mapping, a number or a string'],
      [
        9,
        'services.web.depends_on.db.condition',
        'must be one of: service_started, service_healthy, service_completed_successfully',
      ],
      [10, 'services.web.restart', 'must be a string'],
    ])
  })

  it('gives YAML syntax errors their line and column', () => {
    expect(loadErrors('services:\n\tweb: {}\n')).toEqual([
      expect.objectContaining({
        line: 2,
        column: 1,
        path: [],
        message: 'Tabs are not allowed as indentation',
      }),
    ])
    // An unclosed flow sequence is found where the input ends.
    expect(loadErrors('services:\n  web:\n    image: [nginx\n')).toEqual([
      expect.objectContaining({
        line: 4,
        column: 1,
        message: expect.stringMatching(/end with a \]/),
      }),
    ])
    expect(loadErrors('services:\n  web: {}\n  web: {}\n')).toEqual([
      expect.objectContaining({ line: 3, column: 3, message: expect.stringMatching(/unique/) }),
    ])
  })

  it('puts .env and env_file errors in those files', () => {
    expect(loadErrors('services:\n  web: {image: nginx}\n', { dotenv: 'A=1\nB="open\n' })).toEqual([
      expect.objectContaining({ file: '.env', line: 2, path: [] }),
    ])
    expect(
      loadErrors('services:\n  web:\n    image: nginx\n    env_file: [a.env, b.env]\n', {
        files: { 'a.env': 'OK=1\n', 'b.env': '\n\nBAD KEY=1\n' },
      }),
    ).toEqual([
      expect.objectContaining({ file: 'b.env', line: 3, path: ['services', 'web', 'env_file', 1] }),
    ])
    expect(loadErrors('services:\n  web:\n    image: nginx\n    env_file: missing.env\n')).toEqual([
      expect.objectContaining({
        file: 'compose.yaml',
        line: 4,
        column: 15,
        message: 'env file missing.env not found in the stack',
      }),
    ])
  })

  it('warns, with its line, about a variable that is not set', () => {
    const result = load('services:\n  web:\n    image: nginx:$TAG\n')
    expect(result.ok && result.project.services.web?.image).toBe('nginx:')
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 3,
        message: expect.stringMatching(/TAG variable is not set/),
      }),
    ])
  })
})
