import type { StackIssue } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { issueRange, issuesToDiagnostics } from './issue-diagnostics.ts'

const TEXT = 'services:\n  web:\n    image: nginx\n    ports: [80:80]   \n'

const issue = (over: Partial<StackIssue>): StackIssue => ({
  message: 'expected a port mapping',
  file: 'compose.yaml',
  line: 4,
  column: 12,
  path: 'services.web.ports[0]',
  kind: 'error',
  ...over,
})

describe('issueRange', () => {
  it.each([
    ['a value, to the end of its line without trailing spaces', 3, 12, 'nginx'],
    ['a whole line from its first column', 2, 1, '  web:'],
    ['a column past the end: the last character, never nothing', 2, 40, ':'],
    ['a line past the end of the text: its last line', 99, 1, ''],
    ['line 0 and column 0: the start', 0, 0, 'services:'],
  ])('marks %s', (_name, line, column, marked) => {
    const { from, to } = issueRange(TEXT, line, column)
    expect(TEXT.slice(from, to).trimEnd()).toBe(marked)
  })
})

describe('issuesToDiagnostics', () => {
  it("keeps one file's issues, as errors at their place with the key path", () => {
    const diagnostics = issuesToDiagnostics(TEXT, 'compose.yaml', [
      issue({}),
      issue({ file: '.env', line: 1, column: 1, message: 'bad line' }),
      issue({ line: 3, column: 12, kind: 'policy', path: '', message: 'privileged is refused' }),
    ])
    expect(diagnostics).toEqual([
      {
        from: TEXT.indexOf('[80:80]'),
        to: TEXT.indexOf('[80:80]') + 7,
        severity: 'error',
        message: 'services.web.ports[0]: expected a port mapping',
        source: 'compose',
      },
      {
        from: TEXT.indexOf('nginx'),
        to: TEXT.indexOf('nginx') + 5,
        severity: 'error',
        message: 'privileged is refused',
        source: 'not allowed for your role',
      },
    ])
  })
})
