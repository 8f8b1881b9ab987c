import { describe, expect, it } from 'vitest'
import { splitShellWords } from './shell-words.ts'

describe('splitShellWords (compose: go-shellwords, no expansion)', () => {
  it.each([
    ['bundle exec thin -p 3000', ['bundle', 'exec', 'thin', '-p', '3000']],
    ['  spaced   out\twords\n', ['spaced', 'out', 'words']],
    [`/bin/sh -c 'echo "hello $HOSTNAME"'`, ['/bin/sh', '-c', 'echo "hello $HOSTNAME"']],
    [`echo "a b" 'c d'`, ['echo', 'a b', 'c d']],
    [`echo "it's"`, ['echo', "it's"]],
    [`echo a\\ b`, ['echo', 'a b']],
    [`echo "say \\"hi\\""`, ['echo', 'say "hi"']],
    [`echo 'no \\escape'`, ['echo', 'no \\escape']],
    [`echo \\n`, ['echo', 'n']],
    [`echo "" ''`, ['echo', '', '']],
    [`pre"fix"ed`, ['prefixed']],
    ['echo $HOME ${PATH}', ['echo', '$HOME', '${PATH}']],
    ['echo $(date) `uname -a`', ['echo', '$(date)', '`uname -a`']],
    ['sh -c "a && b | c > d"', ['sh', '-c', 'a && b | c > d']],
    ['', []],
  ])('%j -> %j', (line, words) => {
    expect(splitShellWords(line)).toEqual(words)
  })

  it.each([
    ['echo a && echo b', /shell operator "&"/],
    ['echo a; rm -rf x', /shell operator ";"/],
    ['cat < file', /shell operator "<"/],
    ['echo a | grep b', /shell operator "\|"/],
    ['echo "open', /unterminated/],
    ["echo 'open", /unterminated/],
    ['echo trailing\\', /unterminated/],
    ['echo (x)', /unexpected "\("/],
    ['echo x)', /unexpected "\)"/],
  ])('%j is refused (%s)', (line, message) => {
    expect(splitShellWords(line)).toEqual(
      expect.objectContaining({ message: expect.stringMatching(message) }),
    )
  })
})
