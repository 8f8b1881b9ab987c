import type { Row } from './context.ts'

/**
 * The two scenarios that need the web app in a real browser (headless Chromium). The web app is
 * being built; until it is, these print that they are skipped and report no figure.
 */
const SKIPPED = 'skipped: needs the web app'

/** Scenario 2 (issue 7): cold load of the containers view with 1,000 containers. */
export function firstView(): Promise<Row[]> {
  return Promise.resolve([
    {
      scenario: '2 First view',
      figure: 'first row drawn / table usable (1,000 containers); initial JS and CSS gzipped',
      value: '—',
      direct: '—',
      ratio: '—',
      target: 'first row < 1 s; JS < 250 KB gz',
      verdict: 'SKIPPED',
      note: SKIPPED,
    },
  ])
}

/** Scenario 6 (issue 7): a container started from the CLI until its row shows in a browser. */
export function eventsToScreen(): Promise<Row[]> {
  return Promise.resolve([
    {
      scenario: '6 Events to screen',
      figure: 'container started from the CLI until its row appears',
      value: '—',
      direct: '—',
      ratio: '—',
      target: '< 300 ms',
      verdict: 'SKIPPED',
      note: SKIPPED,
    },
  ])
}
