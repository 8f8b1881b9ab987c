import { describe, expect, it } from 'vitest'
import { attachmentDisposition } from './attachment.ts'

describe('attachmentDisposition', () => {
  it('names the file in ASCII and exactly, and never lets a name break out of the header', () => {
    expect(attachmentDisposition('hello.txt', 'tar')).toBe(
      `attachment; filename="hello.txt.tar"; filename*=UTF-8''hello.txt.tar`,
    )
    const tricky = attachmentDisposition('a"b\r\nSet-Cookie: x=1; ünï', 'log')
    expect(tricky).not.toMatch(/[\r\n]/)
    expect(tricky.split('"')).toHaveLength(3)
    expect(tricky).toContain(`filename="a_b__Set-Cookie__x_1___n_.log"`)
    expect(tricky).toContain(
      `filename*=UTF-8''a%22b%0D%0ASet-Cookie%3A%20x%3D1%3B%20%C3%BCn%C3%AF.log`,
    )
    expect(attachmentDisposition('', 'tar')).toContain('filename="download.tar"')
  })
})
