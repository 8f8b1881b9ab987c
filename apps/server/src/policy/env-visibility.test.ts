import { DEFAULT_SECRET_ENV_PATTERNS, MASKED_ENV_VALUE } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { envVisibility, maskEnv, maskEnvIn, restoreWithheldEnv } from './env-visibility.ts'
import { matchesKeyPattern } from './key-pattern.ts'

const ENV = ['PLAIN=hello', 'DB_PASSWORD=s3cret', 'API_TOKEN=t0k', 'X=a=b', 'EMPTY=', 'NOVALUE']
const M = MASKED_ENV_VALUE

describe('secret key patterns', () => {
  it.each([
    ['*_PASSWORD', 'DB_PASSWORD', true],
    ['*_password', 'db_Password', true],
    ['*_PASSWORD', 'PASSWORD', false],
    ['*_PASSWORD', 'DB_PASSWORD_FILE', false],
    ['DB_*', 'DB_', true],
    ['*', '', true],
    ['A*B*C', 'AxxBxxC', true],
    ['A*B*C', 'AxxCxxB', false],
    ['EXACT', 'EXACT', true],
    ['EXACT', 'EXACTLY', false],
    // Regular-expression characters are plain characters in a pattern.
    ['A.B', 'AxB', false],
    ['A+(B)', 'A+(B)', true],
  ])('%s against %s: %s', (pattern, key, matches) => {
    expect(matchesKeyPattern(pattern, key)).toBe(matches)
  })

  it('matches a long key against many stars without backtracking for ever', () => {
    const pattern = `${'*a'.repeat(60)}*b`
    const key = 'a'.repeat(32 * 1024)

    expect(matchesKeyPattern(pattern, key)).toBe(false)
  })

  it.each([
    ['MYSQL_ROOT_PASSWORD', true],
    ['PGPASSWORD', true],
    ['SECRET_KEY_BASE', true],
    ['GITHUB_TOKEN', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['API_KEY', true],
    ['REDIS_PASS', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['PATH', false],
    ['KEYCLOAK_URL', false],
    ['PASSENGER_COUNT', false],
    ['NODE_ENV', false],
  ])('the default patterns take %s for a secret: %s', (key, secret) => {
    const operator = envVisibility('operator', DEFAULT_SECRET_ENV_PATTERNS)

    expect(operator.hides(key)).toBe(secret)
  })
})

describe('environment visibility by role', () => {
  const patterns = ['*_PASSWORD', '*_TOKEN']

  it('shows a viewer every name and no value, an empty one included', () => {
    const masked = new Set<string>()

    const env = maskEnv(ENV, envVisibility('viewer', patterns), masked)

    expect(env).toEqual([
      `PLAIN=${M}`,
      `DB_PASSWORD=${M}`,
      `API_TOKEN=${M}`,
      `X=${M}`,
      `EMPTY=${M}`,
      'NOVALUE',
    ])
    expect([...masked]).toEqual(['PLAIN', 'DB_PASSWORD', 'API_TOKEN', 'X', 'EMPTY'])
  })

  it('shows an operator the values whose key matches no secret pattern', () => {
    const masked = new Set<string>()

    const env = maskEnv(ENV, envVisibility('operator', patterns), masked)

    expect(env).toEqual([
      'PLAIN=hello',
      `DB_PASSWORD=${M}`,
      `API_TOKEN=${M}`,
      'X=a=b',
      'EMPTY=',
      'NOVALUE',
    ])
    expect([...masked]).toEqual(['DB_PASSWORD', 'API_TOKEN'])
  })

  it('shows an admin everything, and a role without access nothing', () => {
    const none = new Set<string>()

    expect(maskEnv(ENV, envVisibility('admin', patterns), none)).toEqual(ENV)
    expect(none.size).toBe(0)
    expect(envVisibility('none', []).hides('PLAIN')).toBe(true)
  })
})

describe('environment lists inside engine documents', () => {
  const document = {
    Id: 'c1',
    Config: { Env: ['DB_PASSWORD=s3cret', 'PLAIN=hello'], Cmd: ['run', '--password=cmd'] },
    ContainerConfig: { env: ['OLD_TOKEN=t0k'] },
    Spec: { TaskTemplate: { ContainerSpec: { Env: ['SVC_PASSWORD=svc', 42] } } },
    Labels: { env: 'a label, not a list' },
  }

  it('masks every list under a key spelled env, wherever it sits, and nothing else', () => {
    const masked = new Set<string>()

    const copy = maskEnvIn(document, envVisibility('operator', ['*_PASSWORD', '*_TOKEN']), masked)

    expect(copy).toEqual({
      Id: 'c1',
      Config: { Env: [`DB_PASSWORD=${M}`, 'PLAIN=hello'], Cmd: ['run', '--password=cmd'] },
      ContainerConfig: { env: [`OLD_TOKEN=${M}`] },
      Spec: { TaskTemplate: { ContainerSpec: { Env: [`SVC_PASSWORD=${M}`, M] } } },
      Labels: { env: 'a label, not a list' },
    })
    expect([...masked]).toEqual(['DB_PASSWORD', 'OLD_TOKEN', 'SVC_PASSWORD'])
    expect(document.Config.Env[0]).toBe('DB_PASSWORD=s3cret')
  })

  it("masks the environment on Podman's command line that created the container", () => {
    const podman = {
      Config: {
        CreateCommand: [
          'podman',
          'run',
          '-e',
          'A_TOKEN=t0k',
          '--env',
          'PLAIN=hello',
          '--env=B_TOKEN=b',
          '-eC_TOKEN=c',
          '--name',
          'x',
          'img',
        ],
      },
    }
    const masked = new Set<string>()

    const copy = maskEnvIn(podman, envVisibility('operator', ['*_TOKEN']), masked)

    expect(copy).toEqual({
      Config: {
        CreateCommand: [
          'podman',
          'run',
          '-e',
          `A_TOKEN=${M}`,
          '--env',
          'PLAIN=hello',
          `--env=B_TOKEN=${M}`,
          `-eC_TOKEN=${M}`,
          '--name',
          'x',
          'img',
        ],
      },
    })
    expect([...masked]).toEqual(['A_TOKEN', 'B_TOKEN', 'C_TOKEN'])
  })

  it('gives an admin the document untouched', () => {
    expect(maskEnvIn(document, envVisibility('admin', []), new Set())).toBe(document)
  })
})

describe('an environment list sent back masked', () => {
  const current = ['PLAIN=hello', 'DB_PASSWORD=s3cret', 'API_TOKEN=t0k']
  const operator = envVisibility('operator', DEFAULT_SECRET_ENV_PATTERNS)

  it('keeps the current value of each withheld key sent as the placeholder', () => {
    const sent = ['PLAIN=changed', `DB_PASSWORD=${M}`, 'API_TOKEN=new', 'ADDED=1']
    expect(restoreWithheldEnv(sent, current, operator)).toEqual([
      'PLAIN=changed',
      'DB_PASSWORD=s3cret',
      'API_TOKEN=new',
      'ADDED=1',
    ])
  })

  it('keeps the placeholder of a key the caller may see, or one the object lacks', () => {
    const admin = envVisibility('admin', DEFAULT_SECRET_ENV_PATTERNS)
    expect(restoreWithheldEnv([`DB_PASSWORD=${M}`], current, admin)).toEqual([`DB_PASSWORD=${M}`])
    expect(restoreWithheldEnv([`NEW_PASSWORD=${M}`], current, operator)).toEqual([
      `NEW_PASSWORD=${M}`,
    ])
  })

  it('drops a withheld key the caller left out, like any other', () => {
    expect(restoreWithheldEnv(['PLAIN=hello'], current, operator)).toEqual(['PLAIN=hello'])
  })
})
