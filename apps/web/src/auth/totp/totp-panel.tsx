import type { SecondFactorsStatus, TotpEnrolment } from '@harbormaster/contract'
import { useState } from 'react'
import { errorMessage } from '../../platform/api-client.ts'
import { Badge, Button, ErrorState, forms, Spinner, texts, TimeAgo } from '../../ui/index.ts'
import { useSecondFactors } from '../queries.ts'
import { ProofForm } from './proof-form.tsx'
import {
  useContinueAfterEnrolment,
  useNewRecoveryCodes,
  useRemoveTotp,
  useStartTotp,
} from './queries.ts'
import { RecoveryCodesShown } from './recovery-codes-shown.tsx'
import { TotpEnrolmentSteps } from './totp-enrolment-steps.tsx'
import styles from './totp-panel.module.css'

/**
 * The authenticator app and recovery codes, on the account page and the enrolment page: set up
 * (QR code, key, a code to confirm), recovery codes shown once, remove, new recovery codes.
 */
export function TotpPanel() {
  const status = useSecondFactors()
  const [enrolment, setEnrolment] = useState<TotpEnrolment | undefined>()
  const [codes, setCodes] = useState<string[] | undefined>()
  const continueAfter = useContinueAfterEnrolment()
  if (status.isPending) return <Spinner />
  if (status.isError)
    return <ErrorState error={status.error} onRetry={() => void status.refetch()} />
  if (codes !== undefined) {
    return (
      <RecoveryCodesShown
        codes={codes}
        onDone={() => {
          setCodes(undefined)
          void continueAfter()
        }}
      />
    )
  }
  if (enrolment !== undefined) {
    return (
      <TotpEnrolmentSteps
        enrolment={enrolment}
        onConfirmed={(recoveryCodes) => {
          setEnrolment(undefined)
          setCodes(recoveryCodes)
        }}
        onCancel={() => {
          setEnrolment(undefined)
        }}
      />
    )
  }
  return <TotpSummary status={status.data} onStarted={setEnrolment} onNewCodes={setCodes} />
}

function TotpSummary({
  status,
  onStarted,
  onNewCodes,
}: {
  status: SecondFactorsStatus
  onStarted: (enrolment: TotpEnrolment) => void
  onNewCodes: (codes: string[]) => void
}) {
  const start = useStartTotp()
  const { enrolled, confirmedAt } = status.totp
  const hasSecondFactor = enrolled || status.passkeys.length > 0
  return (
    <div className={styles.section}>
      <h3>Authenticator app</h3>
      {enrolled ? (
        <p>
          <Badge tone="ok">set up</Badge>{' '}
          {confirmedAt !== null && <TimeAgo value={confirmedAt} prefix="since" />}
        </p>
      ) : (
        <p className={texts.muted}>Not set up.</p>
      )}
      {!enrolled && (
        <Button
          variant="primary"
          busy={start.isPending}
          onClick={() => {
            start.mutate(undefined, { onSuccess: onStarted })
          }}
        >
          Set up authenticator app
        </Button>
      )}
      {start.isError && (
        <p className={forms.formError} role="alert">
          {errorMessage(start.error)}
        </p>
      )}
      {enrolled && <RemoveTotp />}
      {hasSecondFactor && <RecoveryCodesLeft left={status.recoveryCodesLeft} />}
      {hasSecondFactor && <NewRecoveryCodes withCode={enrolled} onNewCodes={onNewCodes} />}
    </div>
  )
}

/** Removal asks for a current code or the password first. */
function RemoveTotp() {
  const remove = useRemoveTotp()
  const [asking, setAsking] = useState(false)
  const close = () => {
    setAsking(false)
    remove.reset()
  }
  if (!asking) {
    return (
      <Button
        variant="danger"
        onClick={() => {
          setAsking(true)
        }}
      >
        Remove authenticator app
      </Button>
    )
  }
  return (
    <ProofForm
      withCode
      submitLabel="Remove authenticator app"
      busy={remove.isPending}
      error={remove.error}
      onProof={(proof) => {
        remove.mutate(proof, { onSuccess: close })
      }}
      onCancel={close}
    />
  )
}

/** New codes replace the old ones; a current code or the password is asked first. */
function NewRecoveryCodes(props: { withCode: boolean; onNewCodes: (codes: string[]) => void }) {
  const newCodes = useNewRecoveryCodes()
  const [asking, setAsking] = useState(false)
  const close = () => {
    setAsking(false)
    newCodes.reset()
  }
  if (!asking)
    return (
      <Button
        onClick={() => {
          setAsking(true)
        }}
      >
        New recovery codes
      </Button>
    )
  return (
    <ProofForm
      withCode={props.withCode}
      submitLabel="Make new recovery codes"
      busy={newCodes.isPending}
      error={newCodes.error}
      onProof={(proof) => {
        newCodes.mutate(proof, {
          onSuccess: ({ recoveryCodes }) => {
            close()
            props.onNewCodes(recoveryCodes)
          },
        })
      }}
      onCancel={close}
    />
  )
}

function RecoveryCodesLeft({ left }: { left: number }) {
  const tone = left === 0 ? 'bad' : left <= 3 ? 'warn' : 'muted'
  return (
    <p>
      <Badge tone={tone}>
        {left} recovery {left === 1 ? 'code' : 'codes'} left
      </Badge>{' '}
      {left <= 3 && <span className={texts.muted}>Make new ones before you run out.</span>}
    </p>
  )
}
