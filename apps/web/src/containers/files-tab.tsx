import type { DirectoryEntry } from '@harbormaster/contract'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { errorMessage } from '../platform/api-client.ts'
import { formatBytes } from '../platform/format.ts'
import {
  Button,
  buttonClass,
  DownloadIcon,
  EmptyState,
  ErrorState,
  FileIcon,
  FolderIcon,
  layout,
  Spinner,
  texts,
  TimeAgo,
  useToast,
} from '../ui/index.ts'
import { containerFilesOptions, containerKeys, fileDownloadUrl, uploadFile } from './queries.ts'
import styles from './files-tab.module.css'

export function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`
}

export function parentPath(path: string): string {
  const parent = path.replace(/\/+$/, '').replace(/\/[^/]*$/, '')
  return parent === '' ? '/' : parent
}

const KIND_ORDER: Record<DirectoryEntry['kind'], number> = {
  directory: 0,
  symlink: 1,
  file: 2,
  device: 3,
  pipe: 3,
  socket: 3,
  other: 3,
}

/** Browse, download and upload files inside the container; the path is in the URL. */
export function FilesTab({ hostId, id }: { hostId: string; id: string }) {
  const [pathParam, setPath] = useUrlParam('path')
  const path = pathParam || '/'
  const listing = useQuery(containerFilesOptions(hostId, id, path))
  const entries = [...(listing.data?.entries ?? [])].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name),
  )
  return (
    <div>
      <div className={layout.toolbar}>
        <Button
          disabled={path === '/'}
          onClick={() => {
            setPath(parentPath(path))
          }}
        >
          ↑ Up
        </Button>
        <Breadcrumbs path={path} onOpen={setPath} />
        <a className={buttonClass()} href={fileDownloadUrl(hostId, id, path)} download>
          Download folder (.tar)
        </a>
        <UploadButton hostId={hostId} id={id} path={path} />
      </div>
      {listing.isPending && <Spinner label="Reading directory…" />}
      {listing.isError && (
        <ErrorState error={listing.error} onRetry={() => void listing.refetch()} />
      )}
      {listing.isSuccess && entries.length === 0 && <EmptyState title="This folder is empty" />}
      {listing.isSuccess && entries.length > 0 && (
        <div className={texts.scrollX}>
          <table className={layout.simpleTable}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th className={texts.hidePhone}>Mode</th>
                <th className={texts.hidePhone}>Modified</th>
                <th>
                  <span className={texts.srOnly}>Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <FileRow
                  key={e.name}
                  entry={e}
                  href={fileDownloadUrl(hostId, id, joinPath(path, e.name))}
                  onOpen={() => {
                    setPath(joinPath(path, e.name))
                  }}
                />
              ))}
            </tbody>
          </table>
          {listing.data.truncated && (
            <p className={texts.muted}>Only the first entries are shown.</p>
          )}
        </div>
      )}
    </div>
  )
}

function FileRow({
  entry,
  href,
  onOpen,
}: {
  entry: DirectoryEntry
  href: string
  onOpen: () => void
}) {
  const isDir = entry.kind === 'directory'
  return (
    <tr>
      <td>
        {isDir ? (
          <button type="button" className={styles.open} onClick={onOpen}>
            <FolderIcon /> {entry.name}
          </button>
        ) : (
          <span>
            {entry.kind === 'symlink' ? '↪ ' : <FileIcon />} {entry.name}
            {entry.linkTarget !== '' && <span className={texts.muted}> → {entry.linkTarget}</span>}
          </span>
        )}
      </td>
      <td>{isDir ? '—' : formatBytes(entry.size)}</td>
      <td className={texts.hidePhone}>
        <code>{(entry.permissions & 0o777).toString(8).padStart(3, '0')}</code>
      </td>
      <td className={texts.hidePhone}>
        <TimeAgo value={entry.mtime} />
      </td>
      <td>
        <a href={href} download aria-label={`Download ${entry.name}`}>
          <DownloadIcon />
        </a>
      </td>
    </tr>
  )
}

function Breadcrumbs({ path, onOpen }: { path: string; onOpen: (p: string) => void }) {
  const parts = path.split('/').filter(Boolean)
  return (
    <nav className={styles.crumbs} aria-label="Path">
      <button
        type="button"
        className={styles.open}
        onClick={() => {
          onOpen('/')
        }}
      >
        /
      </button>
      {parts.map((part, i) => {
        const target = `/${parts.slice(0, i + 1).join('/')}`
        return (
          <span key={target}>
            <button
              type="button"
              className={styles.open}
              onClick={() => {
                onOpen(target)
              }}
            >
              {part}
            </button>
            {i < parts.length - 1 ? '/' : ''}
          </span>
        )
      })}
    </nav>
  )
}

/** Uploads the chosen files into the folder on screen, one toast per file. */
function UploadButton({ hostId, id, path }: { hostId: string; id: string; path: string }) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const fileInput = useRef<HTMLInputElement>(null)
  const [uploading, setUploading] = useState(false)

  const handleUpload = async (files: FileList | null) => {
    if (!files || files.length === 0) return
    setUploading(true)
    for (const file of Array.from(files)) {
      try {
        await uploadFile(hostId, id, path, file)
        toast({ tone: 'ok', title: `Uploaded ${file.name}`, body: `to ${path}` })
      } catch (err) {
        toast({ tone: 'bad', title: `Upload of ${file.name} failed`, body: errorMessage(err) })
      }
    }
    setUploading(false)
    if (fileInput.current) fileInput.current.value = ''
    void queryClient.invalidateQueries({ queryKey: containerKeys.files(hostId, id, path) })
  }

  return (
    <label className={buttonClass()}>
      {uploading ? 'Uploading…' : 'Upload files'}
      <input
        ref={fileInput}
        type="file"
        multiple
        className={texts.srOnly}
        disabled={uploading}
        onChange={(e) => void handleUpload(e.target.files)}
      />
    </label>
  )
}
