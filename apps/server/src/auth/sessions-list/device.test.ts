import { describe, expect, it } from 'vitest'
import { describeDevice } from './device.ts'

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36'
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'

describe('describeDevice', () => {
  it.each([
    [CHROME_LINUX, 'Chrome 131 on Linux'],
    [HEADLESS, 'Chrome 131 on Linux'],
    [FIREFOX_WINDOWS, 'Firefox 133 on Windows'],
    [SAFARI_IPHONE, 'Safari 17 on iOS'],
  ])('names the browser, its major version and the system', (userAgent, device) => {
    expect(describeDevice(userAgent)).toBe(device)
  })

  it('says it does not know for scripts and empty headers', () => {
    expect(describeDevice('')).toBe('Unknown device')
    expect(describeDevice('curl/8.5.0')).toBe('Unknown device')
  })
})
