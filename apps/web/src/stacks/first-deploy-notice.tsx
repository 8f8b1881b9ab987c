import type { StackDetails } from '@harbormaster/contract'
import { bannerClass, Button } from '../ui/index.ts'

/**
 * A managed stack never deployed, to those who may deploy it: a new stack runs nothing yet,
 * and an adopted one still runs as the compose CLI left it. Either way the next step is Deploy,
 * offered here rather than left to the toolbar.
 */
export function FirstDeployNotice({
  stack,
  busy,
  onDeploy,
}: {
  stack: StackDetails
  busy: boolean
  onDeploy: () => void
}) {
  if (stack.origin !== 'managed' || stack.deployed !== undefined) return null
  const version = stack.saved?.version ?? 1
  return (
    <div className={bannerClass('info')} role="note" aria-label="Not deployed yet">
      {stack.total === 0 ? (
        <span>Version {version} is saved, and nothing runs from it yet.</span>
      ) : (
        <span>
          Version {version} is saved. Nothing has changed on the host: the containers run as the
          compose CLI left them until the first deploy. That deploy recreates every one of them
          once, because the compose CLI&apos;s configuration hash differs from Harbormaster&apos;s.
        </span>
      )}{' '}
      <Button variant="primary" disabled={busy} onClick={onDeploy}>
        Deploy version {version}
      </Button>
    </div>
  )
}
