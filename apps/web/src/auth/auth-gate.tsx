import type { ReactNode } from 'react'
import { ErrorState, Spinner } from '../ui/index.ts'
import { useMe, useSetupStatus } from './queries.ts'
import { EnrolmentPage } from './second-factor/enrolment-page.tsx'
import { SignInPage } from './sign-in-page.tsx'

/** Renders the app for a signed-in user; otherwise sign-in, or first-run setup. */
export function AuthGate({ children }: { children: ReactNode }) {
  const me = useMe()
  const signedOut = me.isSuccess && me.data === null
  const setup = useSetupStatus(signedOut)
  if (me.isPending) return <Spinner label="Starting…" />
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />
  // Until they enrol a second factor their role requires, the server refuses everything else.
  if (me.data?.mustEnrolSecondFactor === true) return <EnrolmentPage />
  if (me.data) return children
  if (setup.isPending) return <Spinner label="Starting…" />
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />
  return <SignInPage firstRun={setup.data.needed} />
}
