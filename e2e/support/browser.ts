import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import type { StackInfo } from './global-setup.ts'

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')

/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download here). The flags
 * keep it off the network: without them it keeps trying to reach Google's services.
 */
export function useBrowser() {
  const stack: StackInfo = inject('stack')
  const state: {
    browser?: Browser
    contexts: BrowserContext[]
    reports: (() => Promise<void>)[]
  } = { contexts: [], reports: [] }
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
  // A page left open keeps its sockets and refreshes going into the next test. A failed test's
  // pages are reported first: onTestFailed would run after this hook, on closed pages.
  afterEach(async ({ task }) => {
    const reports = state.reports.splice(0)
    if (task.result?.state === 'fail') for (const report of reports) await report()
    await Promise.all(state.contexts.splice(0).map((context) => context.close()))
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
      state.contexts.push(context)
      const page = await context.newPage()
      state.reports.push(reportOnFailure(page))
      return page
    },
  }
}

/** Writes a screenshot of the page to docs/screenshots/<name>.png, linked from the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/**
 * Collects what goes wrong in the page; the function returned prints it with what the page
 * shows, for a test that failed (a timeout included): a CI log is all there is afterwards.
 */
function reportOnFailure(page: Page): () => Promise<void> {
  const trouble: string[] = []
  const at = () => new Date().toISOString().slice(11, 23)
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`${at()} console: ${message.text()}`)
  })
  page.on('pageerror', (error) => trouble.push(`${at()} page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    trouble.push(
      `${at()} failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`,
    )
  })
  page.on('response', (response) => {
    if (response.status() >= 400) {
      trouble.push(`${at()} ${response.status()}: ${response.request().method()} ${response.url()}`)
    }
  })
  return async () => {
    const text = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch((err: unknown) => `(unreadable: ${String(err)})`)
    console.error(
      [
        `page at ${page.url()} when the test failed (${at()}):`,
        text.slice(0, 1_500),
        ...trouble.slice(-30),
      ].join('\n'),
    )
  }
}
