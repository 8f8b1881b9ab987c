import { describe, expect, it } from 'vitest'
import { byRank, matchRank } from './rank.ts'

describe('matchRank', () => {
  it('ranks the whole name, then a prefix, then a word start, then anywhere, ignoring case', () => {
    expect(matchRank('Web', 'web')).toBe(0)
    expect(matchRank('web-1', 'WEB')).toBe(1)
    expect(matchRank('shop_web_1', 'web')).toBe(2)
    expect(matchRank('registry:5000/team/web:1', 'web')).toBe(2)
    expect(matchRank('cobweb', 'web')).toBe(3)
    expect(matchRank('db', 'web')).toBeUndefined()
  })
})

describe('byRank', () => {
  it('puts better matches first, then shorter names, then by name and host', () => {
    const hits = [
      { rank: 3, name: 'cobweb', hostName: 'a' },
      { rank: 1, name: 'web-frontend', hostName: 'a' },
      { rank: 1, name: 'web-1', hostName: 'b' },
      { rank: 1, name: 'web-1', hostName: 'a' },
      { rank: 0, name: 'web', hostName: 'z' },
    ]

    const order = [...hits].sort(byRank).map((h) => `${h.name}@${h.hostName}`)

    expect(order).toEqual(['web@z', 'web-1@a', 'web-1@b', 'web-frontend@a', 'cobweb@a'])
  })
})
