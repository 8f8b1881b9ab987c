import { describe, expect, it } from 'vitest'
import { archiveType, emptyBuildForm, toBuildRequest } from './build-request.ts'

describe('toBuildRequest', () => {
  it('sends a Dockerfile as JSON with its tags and labels', () => {
    const result = toBuildRequest(
      {
        ...emptyBuildForm,
        dockerfile: 'FROM busybox\n',
        tags: 'app:1, app:latest',
        labels: 'team=web',
      },
      undefined,
    )
    expect(result).toEqual({
      ok: true,
      request: {
        query: '',
        contentType: 'application/json',
        body: JSON.stringify({
          dockerfile: 'FROM busybox\n',
          tags: ['app:1', 'app:latest'],
          labels: { team: 'web' },
        }),
      },
    })
  })

  it('sends a context tar as the body with the options in the query', () => {
    const file = { name: 'ctx.tar.gz' }
    const result = toBuildRequest(
      { ...emptyBuildForm, source: 'context', dockerfilePath: 'docker/Dockerfile', noCache: true },
      file,
    )
    expect(result).toEqual({
      ok: true,
      request: {
        query: 'dockerfile=docker%2FDockerfile&nocache=true',
        contentType: 'application/gzip',
        body: file,
      },
    })
  })

  it('names the problem before sending anything', () => {
    expect(toBuildRequest(emptyBuildForm, undefined)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^dockerfile: /) as unknown,
    })
    expect(toBuildRequest({ ...emptyBuildForm, source: 'context' }, undefined)).toEqual({
      ok: false,
      error: 'context: choose a tar file',
    })
    expect(
      toBuildRequest({ ...emptyBuildForm, dockerfile: 'FROM a', tags: 'app:1 bad!' }, undefined),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^tags\.1: /) as unknown })
    expect(
      toBuildRequest({ ...emptyBuildForm, dockerfile: 'FROM a', labels: 'nokey' }, undefined),
    ).toEqual({ ok: false, error: 'labels: expected key=value: nokey' })
  })
})

describe('archiveType', () => {
  it('follows the file name', () => {
    expect(archiveType('context.tar')).toBe('application/x-tar')
    expect(archiveType('context.tgz')).toBe('application/gzip')
    expect(archiveType('context.tar.xz')).toBe('application/x-xz')
  })
})
