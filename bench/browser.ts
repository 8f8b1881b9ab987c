import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { runCommand } from '@harbormaster/testkit'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import type { BenchBase } from './context.ts'
import { startChildServer } from './server-child.ts'

const ROOT = join(import.meta.dirname, '..')
export const WEB_DIR = join(ROOT, 'apps', 'web', 'dist')
export const BROWSER_ADMIN = { username: 'admin', password: 'bench-browser-admin-password' }

/** Phase 3: the server as a child process serving the built web app, and headless Chromium. */
export interface BrowserPhase extends BenchBase {
  url: string
  serverPid: number
  browser: Browser
  webDir: string
}

/**
 * Builds the web app with its workspace's build script: always for a full run (the figures
 * must be this tree's), only when apps/web/dist is missing for a smoke (`npm test` has just
 * built it for the browser journeys).
 */
export async function ensureWebBuild(always: boolean): Promise<void> {
  if (!always && existsSync(join(WEB_DIR, 'index.html'))) return
  await runCommand('npm', ['run', 'build', '--silent', '-w', '@harbormaster/web'], {
    env: { ...process.env, NODE_ENV: 'production' },
  })
}

/**
 * Debian's Chromium, headless, driven by playwright-core, with the flags of
 * e2e/support/browser.ts (which cannot be imported here: it pulls in vitest). They keep it off
 * the network: without them it keeps trying to reach Google's services.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * The server for the browser scenarios: the bundle through apps/server/serve.sh, as users start it,
 * straight on the engine socket (no counting proxy), with a data directory of its own and the
 * first administrator created from HARBORMASTER_ADMIN_PASSWORD, as e2e/support does.
 */
export async function startBrowserServer(base: BenchBase, work: string) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'hm-bench-web-'))
  const server = await startChildServer({
    dataDir,
    dockerHost: base.engine.dockerHost,
    logPath: join(work, 'web-server.log'),
    env: {
      HARBORMASTER_WEB_DIR: WEB_DIR,
      HARBORMASTER_ADMIN_PASSWORD: BROWSER_ADMIN.password,
    },
  })
  return {
    ...server,
    stop: async () => {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * A fresh browser context (its own cookies and an empty HTTP cache: a cold load), signed in
 * through the API, with the in-page probe installed before any of the app's scripts run.
 */
export async function signedInContext(ctx: BrowserPhase): Promise<BrowserContext> {
  const context = await ctx.browser.newContext({
    viewport: { width: 1280, height: 800 },
    baseURL: ctx.url,
  })
  await context.addInitScript({ content: PROBE })
  const res = await context.request.post('/api/auth/login', {
    data: BROWSER_ADMIN,
    headers: { Origin: ctx.url },
  })
  if (res.status() !== 200) throw new Error(`sign-in answered ${res.status()}`)
  return context
}

/**
 * Waits until a JavaScript condition over the page (and `window.__hmProbe`) holds. The condition
 * is evaluated through the DevTools protocol, which the page's CSP does not restrict.
 */
export async function until(page: Page, condition: string, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(`window.__hmProbe.until(() => (${condition}), ${timeoutMs})`)
}

/**
 * Runs in the page before the app (so it needs no DOM types here, it is a string). A
 * MutationObserver timestamps, in the page's clock (`performance.now()`, 0 = navigation start):
 * the first table row; rows whose text holds a watched string (and matches a pattern); the
 * moment the containers table's row count becomes a given value; the first input event. A
 * wrapper around WebSocket timestamps the first message that holds a watched string. Each DOM
 * time is followed by the next animation frame's, the frame that paints it.
 */
/**
 * The containers table's data rows, by role (class names are CSS Modules' own): a row with
 * more than one cell (a compose group's header row has one).
 */
export const DATA_ROWS = '[role=row]:has(> [role=cell] ~ [role=cell])'

const PROBE = `(() => {
  const probe = { timeOrigin: performance.timeOrigin, firstRow: undefined, firstRowFrame: undefined,
    rows: [], messages: [], rowcount: undefined, input: undefined, eventsOpen: false }
  window.__hmProbe = probe
  // Resolves once test() holds (checked every 5 ms); the bench's way to wait, since the app's
  // Content-Security-Policy forbids the eval behind playwright's waitForFunction.
  probe.until = (test, timeoutMs) => new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs
    const tick = () => {
      if (test()) resolve(true)
      else if (performance.now() > deadline) reject(new Error('timed out: ' + String(test)))
      else setTimeout(tick, 5)
    }
    tick()
  })
  const frame = (set) => requestAnimationFrame(() => set(performance.now()))
  const check = () => {
    const now = performance.now()
    const rows = document.querySelectorAll('${DATA_ROWS}')
    if (probe.firstRow === undefined && rows.length > 0) {
      probe.firstRow = now
      frame((t) => { probe.firstRowFrame = t })
    }
    for (const w of probe.rows) {
      if (w.at !== undefined) continue
      for (const r of rows) {
        const text = r.textContent || ''
        if (text.includes(w.text) && (!w.pattern || new RegExp(w.pattern).test(text))) {
          w.at = now
          frame((t) => { w.frame = t })
          break
        }
      }
    }
    const rc = probe.rowcount
    if (rc && rc.at === undefined) {
      const table = document.querySelector('[role=table][aria-label=Containers]')
      if (table && table.getAttribute('aria-rowcount') === rc.value) {
        rc.at = now
        frame((t) => { rc.frame = t })
      }
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['aria-rowcount'],
  })
  document.addEventListener('input', () => { probe.input ??= performance.now() }, true)
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      if (String(args[0]).includes('/events')) this.addEventListener('open', () => { probe.eventsOpen = true })
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return
        for (const w of probe.messages) if (w.at === undefined && e.data.includes(w.text)) w.at = performance.now()
      })
    }
  }
})()`
