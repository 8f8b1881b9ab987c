import { describe, expect, it } from 'vitest'
import { splitDetails } from './log-details.ts'

const attrs =
  'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1'

describe('splitDetails', () => {
  it('takes the task and node off the line', () => {
    expect(splitDetails(`${attrs} hello world`, false)).toEqual({
      text: 'hello world',
      origin: { task: 't1', node: 'n1' },
    })
  })

  it('keeps the timestamp in front of the text', () => {
    const stamp = '2026-12-07T04:00:00.000000000Z'
    expect(splitDetails(`${stamp} ${attrs} hi`, true)).toEqual({
      text: `${stamp} hi`,
      origin: { task: 't1', node: 'n1' },
    })
  })

  it('decodes escaped values, and an empty line is empty', () => {
    expect(splitDetails(`a=b+c%2C,${attrs} `, false)).toEqual({
      text: '',
      origin: { task: 't1', node: 'n1' },
    })
  })

  it('leaves a line without the swarm attributes as it is', () => {
    expect(splitDetails('plain text here', false)).toEqual({ text: 'plain text here' })
  })
})
