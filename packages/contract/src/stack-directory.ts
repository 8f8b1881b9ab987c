import { z } from 'zod'

/*
 * The files of a stack's directory beside its compose file: what `env_file`, secrets and configs
 * of `file` type, and build contexts name, relative to that directory. The compose file and
 * `.env` are there too, but they are written only through the stack's own routes (versions).
 */

/** The files of the directory the server writes from the stack's stored versions. */
export const MANAGED_STACK_FILES = ['compose.yaml', '.env'] as const

/**
 * A path inside a stack's directory: relative, `/` between folders, no `..` segment, no NUL or
 * backslash. `.` segments and a trailing `/` are allowed and dropped.
 */
export const stackDirectoryPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.includes('\0'), 'path contains a NUL byte')
  .refine((path) => !path.includes('\\'), 'expected / between folders, not \\')
  .refine(
    (path) => !path.startsWith('/'),
    "expected a path inside the stack's folder, not an absolute path",
  )
  .refine((path) => !path.split('/').includes('..'), 'path traversal ("..") is not allowed')

export const stackDirectoryPathQuerySchema = z.object({ path: stackDirectoryPathSchema }).strict()

/** Where an archive is unpacked: the directory itself unless a folder is named. */
export const stackDirectoryArchiveQuerySchema = z
  .object({ path: stackDirectoryPathSchema.optional() })
  .strict()

export const stackDirectoryFolderSchema = z.object({ path: stackDirectoryPathSchema }).strict()

export const stackDirectoryMoveSchema = z
  .object({ from: stackDirectoryPathSchema, to: stackDirectoryPathSchema })
  .strict()

export const stackDirectoryEntrySchema = z.object({
  /** Relative to the stack's directory, `/` between folders. */
  path: z.string(),
  /** A link is listed, never followed. */
  kind: z.enum(['file', 'directory', 'symlink', 'other']),
  size: z.number(),
  /** Permission bits (`0o600` is 384). */
  mode: z.number(),
  mtime: z.string(),
  /** `compose.yaml` and `.env`: written from the stack's versions, not through these routes. */
  managed: z.boolean(),
})
export type StackDirectoryEntry = z.infer<typeof stackDirectoryEntrySchema>

export const stackDirectoryListingSchema = z.object({
  /** Folders before the files inside them, each folder's entries by name. */
  entries: z.array(stackDirectoryEntrySchema),
  /** True when the directory holds more than the listing's bound. */
  truncated: z.boolean(),
  /** Whether the caller may download files (`stack.directory.read`): viewers see names only. */
  mayRead: z.boolean(),
  /** Whether the caller may change files (`stack.change`). */
  mayWrite: z.boolean(),
  /** The limits an upload is held to, in bytes. */
  limits: z.object({ fileBytes: z.number(), directoryBytes: z.number() }),
})
export type StackDirectoryListing = z.infer<typeof stackDirectoryListingSchema>

/** What an upload wrote: each file's and folder's path and size. */
export const stackDirectoryWriteSchema = z.object({
  written: z.array(
    z.object({ path: z.string(), kind: z.enum(['file', 'directory']), size: z.number() }),
  ),
})
export type StackDirectoryWrite = z.infer<typeof stackDirectoryWriteSchema>
