import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { useBrowser } from '../support/browser.ts'

const MARKUP = '<img src=x onerror="window.__pwned=1">'

describe('what the engine returns is data, rendered inert (issue 9)', () => {
  const { stack, newPage } = useBrowser()

  it('shows markup in labels, env and log lines as text, and ignores hyperlink and clipboard escapes', async () => {
    const name = `hm-e2e-inert-${Date.now().toString(36)}`
    // printf escapes: \033 is ESC, \\ a backslash (ESC \ ends the sequence), \007 is BEL.
    const hyperlink = String.raw`\033]8;;https://evil.example/\033\\click-me\033]8;;\033\\`
    const clipboard = String.raw`\033]52;c;cHduZWQ=\007`
    const script = `printf '%s\\n' '${MARKUP}'; printf '${hyperlink}\\n'; printf '${clipboard}\\n'; sleep 300`
    await docker(stack.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      `harbormaster.test-run=e2e-inert`,
      '--label',
      `note=${MARKUP}`,
      '-e',
      `HTML=${MARKUP}`,
      stack.fixtureImage,
      'sh',
      '-c',
      script,
    ])
    const page = await newPage()
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', stack.adminPassword)

    await dashboard.openContainer(name)
    await page.getByText(MARKUP).first().waitFor()
    await dashboard.openContainer(name, 'logs')
    await page.getByRole('log').getByText(MARKUP).first().waitFor()
    await page.getByRole('log').getByText('click-me').first().waitFor()

    expect(await page.evaluate('window.__pwned')).toBeUndefined()
    expect(await page.locator('main img').count()).toBe(0)
    expect(await page.locator('a[href*="evil.example"]').count()).toBe(0)
  })
})
