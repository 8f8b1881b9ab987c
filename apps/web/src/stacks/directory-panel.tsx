import type { StackDirectoryEntry, StackDirectoryListing } from '@harbormaster/contract'
import { useQuery } from '@tanstack/react-query'
import { type DragEvent, useState } from 'react'
import { formatBytes } from '../platform/format.ts'
import {
  Badge,
  Button,
  DownloadIcon,
  ErrorState,
  FileIcon,
  FolderIcon,
  layout,
  Spinner,
  texts,
  TimeAgo,
} from '../ui/index.ts'
import { chosenFrom, directoryFileUrl, stackDirectoryOptions } from './directory-calls.ts'
import { useDirectoryActions } from './use-directory-actions.ts'
import { DirectoryToolbar, NOT_YOURS } from './directory-toolbar.tsx'
import { MoveDialog } from './move-dialog.tsx'
import styles from './directory-panel.module.css'

/**
 * The stack's folder beside its compose file: what `env_file`, secrets, configs and build
 * contexts name. Everyone who sees the stack sees names and sizes; operators and admins upload,
 * make folders, download and remove (the compose file and `.env` are edited above). After each
 * change the compose file is checked again (`onChanged`), so a mark on a missing file clears.
 */
export function DirectoryPanel({
  hostId,
  name,
  onChanged,
}: {
  hostId: string
  name: string
  onChanged: () => void
}) {
  const listing = useQuery(stackDirectoryOptions(hostId, name))
  return (
    <section className={styles.panel} aria-label="Files in the stack’s folder">
      <h3 className={styles.title}>Files in the stack’s folder</h3>
      <p className={texts.muted}>
        Paths in the compose file (<code>env_file</code>, secrets and configs with{' '}
        <code>file:</code>, build contexts) are relative to this folder.
      </p>
      {listing.isPending && <Spinner label="Reading the stack’s folder…" />}
      {listing.isError && (
        <ErrorState
          title="Could not read the stack’s folder"
          error={listing.error}
          onRetry={() => void listing.refetch()}
        />
      )}
      {listing.isSuccess && (
        <DirectoryContent
          hostId={hostId}
          name={name}
          listing={listing.data}
          onChanged={onChanged}
        />
      )}
    </section>
  )
}

function DirectoryContent({
  hostId,
  name,
  listing,
  onChanged,
}: {
  hostId: string
  name: string
  listing: StackDirectoryListing
  onChanged: () => void
}) {
  const actions = useDirectoryActions(hostId, name, onChanged)
  const [dragging, setDragging] = useState(false)
  const [moving, setMoving] = useState<string | undefined>()
  const folders = listing.entries.filter((e) => e.kind === 'directory').map((e) => e.path)
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    if (!listing.mayWrite) return
    void actions.uploadInto('', chosenFrom(event.dataTransfer.files))
  }

  return (
    <div
      className={dragging ? styles.dropping : undefined}
      onDragOver={(event) => {
        if (!listing.mayWrite) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => {
        setDragging(false)
      }}
      onDrop={onDrop}
    >
      <DirectoryToolbar
        folders={folders}
        mayWrite={listing.mayWrite}
        busy={actions.uploading}
        onUpload={(target, chosen) => void actions.uploadInto(target, chosen)}
        onFolder={actions.makeFolderAt}
      />
      {!listing.mayRead && (
        <p className={texts.muted}>
          Your role sees the names and sizes of these files, not their content (secrets live here).
        </p>
      )}
      <EntryTable
        hostId={hostId}
        name={name}
        listing={listing}
        onRemove={(entry) => void actions.removeWithConfirmation(entry)}
        onMove={(entry) => {
          setMoving(entry.path)
        }}
      />
      {moving !== undefined && (
        <MoveDialog
          from={moving}
          onMove={(to) => actions.moveTo(moving, to)}
          onClose={() => {
            setMoving(undefined)
          }}
        />
      )}
      {listing.truncated && (
        <p className={texts.muted}>
          Only the first {String(listing.entries.length)} entries are shown.
        </p>
      )}
    </div>
  )
}

function EntryTable({
  hostId,
  name,
  listing,
  onRemove,
  onMove,
}: {
  hostId: string
  name: string
  listing: StackDirectoryListing
  onRemove: (entry: StackDirectoryEntry) => void
  onMove: (entry: StackDirectoryEntry) => void
}) {
  return (
    <div className={texts.scrollX}>
      <table className={layout.simpleTable} aria-label="Files">
        <thead>
          <tr>
            <th>Name</th>
            <th>Size</th>
            <th className={texts.hidePhone}>Mode</th>
            <th className={texts.hidePhone}>Modified</th>
            <th>
              <span className={texts.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {listing.entries.map((entry) => (
            <EntryRow
              key={entry.path}
              entry={entry}
              href={directoryFileUrl(hostId, name, entry.path)}
              mayRead={listing.mayRead}
              mayWrite={listing.mayWrite}
              onRemove={() => {
                onRemove(entry)
              }}
              onMove={() => {
                onMove(entry)
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function EntryRow({
  entry,
  href,
  mayRead,
  mayWrite,
  onRemove,
  onMove,
}: {
  entry: StackDirectoryEntry
  href: string
  mayRead: boolean
  mayWrite: boolean
  onRemove: () => void
  onMove: () => void
}) {
  const depth = entry.path.split('/').length - 1
  const base = entry.path.split('/').at(-1) ?? entry.path
  const isFile = entry.kind === 'file'
  return (
    <tr>
      <td style={{ paddingLeft: `${String(0.5 + depth * 1.25)}rem` }}>
        {entry.kind === 'directory' ? (
          <FolderIcon />
        ) : entry.kind === 'symlink' ? (
          '↪ '
        ) : (
          <FileIcon />
        )}{' '}
        <span className={texts.mono} title={entry.path}>
          {base}
        </span>{' '}
        {entry.managed && <Badge tone="info">edited above</Badge>}
        {entry.kind === 'symlink' && <Badge tone="warn">link, not followed</Badge>}
      </td>
      <td>{isFile ? formatBytes(entry.size) : '—'}</td>
      <td className={texts.hidePhone}>
        <code>{(entry.mode & 0o777).toString(8).padStart(3, '0')}</code>
      </td>
      <td className={texts.hidePhone}>
        <TimeAgo value={entry.mtime} />
      </td>
      <td className={styles.actions}>
        {isFile && !entry.managed && mayRead && (
          <a href={href} download aria-label={`Download ${entry.path}`}>
            <DownloadIcon />
          </a>
        )}
        {!entry.managed && (
          <>
            <Button
              variant="ghost"
              disabled={!mayWrite}
              title={mayWrite ? undefined : NOT_YOURS}
              aria-label={`Move ${entry.path}`}
              onClick={onMove}
            >
              Move
            </Button>
            <Button
              variant="danger"
              disabled={!mayWrite}
              title={mayWrite ? undefined : NOT_YOURS}
              aria-label={`Remove ${entry.path}`}
              onClick={onRemove}
            >
              Remove
            </Button>
          </>
        )}
      </td>
    </tr>
  )
}
