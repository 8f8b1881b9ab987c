import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import type { StackInfo } from './global-setup.ts'

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')

/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download here). The flags
 * keep it off the network: without them it keeps trying to reach Google's services.
 */
export function useBrowser() {
  const stack: StackInfo = inject('stack')
  const state: { browser?: Browser } = {}
  beforeAll(async () => {
    state.browser = await chromium.launch({
      executablePath: process.env.HARBORMASTER_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  })
  afterAll(async () => {
    await state.browser?.close()
  })
  return {
    stack,
    /** A fresh browser context (cookies of its own) and page at the dashboard (or `baseURL`). */
    newPage: async (
      viewport = { width: 1280, height: 800 },
      baseURL = stack.url,
    ): Promise<Page> => {
      if (!state.browser) throw new Error('the browser is not started')
      const context = await state.browser.newContext({ viewport, baseURL })
      return context.newPage()
    },
  }
}

/** Writes a screenshot of the page to docs/screenshots/<name>.png, linked from the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}
