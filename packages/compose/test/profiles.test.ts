import { describe, expect, it } from 'vitest'
import { load, loadErrors, loadProject, yaml } from './support.ts'

// The Compose Specification's "Profiles" example.
const text = yaml`
  services:
    foo:
      image: foo
    bar:
      image: bar
      profiles:
        - test
    baz:
      image: baz
      depends_on:
        - bar
      profiles:
        - test
    zot:
      image: zot
      depends_on:
        - bar
      profiles:
        - debug
`

describe('profiles (the Compose Specification, "Profiles")', () => {
  it.each([
    [[], ['foo']],
    [['test'], ['foo', 'bar', 'baz']],
    [
      ['debug', 'test'],
      ['foo', 'bar', 'baz', 'zot'],
    ],
    [['*'], ['foo', 'bar', 'baz', 'zot']],
  ])('with %j active, the services are %j', (profiles, services) => {
    const project = loadProject(text, { profiles })
    expect(Object.keys(project.services)).toEqual(services)
    expect(project.disabledServices).toEqual(
      ['foo', 'bar', 'baz', 'zot'].filter((s) => !services.includes(s)),
    )
    expect(project.activeProfiles).toEqual(profiles)
  })

  it('refuses a dependency on a service the active profiles disable, at its line', () => {
    expect(loadErrors(text, { profiles: ['debug'] })).toEqual([
      expect.objectContaining({
        line: 17,
        path: ['services', 'zot', 'depends_on', 'bar'],
        message: 'service "zot" depends on service "bar", which the active profiles disable',
      }),
    ])
  })

  it('takes the active profiles from COMPOSE_PROFILES when none are given', () => {
    expect(
      Object.keys(loadProject(text, { dotenv: 'COMPOSE_PROFILES=test, debug\n' }).services),
    ).toHaveLength(4)
    expect(
      Object.keys(loadProject(text, { environment: { COMPOSE_PROFILES: 'test' } }).services),
    ).toHaveLength(3)
    expect(
      Object.keys(
        loadProject(text, { environment: { COMPOSE_PROFILES: 'test' }, profiles: [] }).services,
      ),
    ).toEqual(['foo'])
  })

  it('drops an optional dependency on a disabled service with a warning', () => {
    const result = load(yaml`
      services:
        web:
          image: nginx
          depends_on:
            metrics:
              condition: service_started
              required: false
        metrics:
          image: prom
          profiles: [monitoring]
    `)
    expect(result.ok && result.project.services.web?.dependsOn).toEqual({})
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 6,
        message: expect.stringMatching(/optional dependency "metrics" is disabled/),
      }),
    ])
  })

  it('does not read the env_file of a disabled service', () => {
    const project = loadProject(yaml`
      services:
        web:
          image: nginx
        debug:
          image: busybox
          env_file: debug.env
          profiles: [debug]
    `)
    expect(project.disabledServices).toEqual(['debug'])
  })
})
