import { z } from 'zod'

/**
 * A path inside a container: absolute, no NUL, no `..` segment. The engine resolves paths in the
 * container's root, but we refuse traversal outright so a path means what it says in the audit log.
 */
export const containerPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => path.startsWith('/'), 'expected an absolute path')
  .refine((path) => !path.includes('\0'), 'path contains a NUL byte')
  .refine((path) => !path.split('/').includes('..'), 'path traversal ("..") is not allowed')

export const pathQuerySchema = z.object({ path: containerPathSchema }).strict()

export const uploadQuerySchema = z
  .object({
    path: containerPathSchema,
    /** Upload a single file under this name instead of a tar archive. */
    name: z
      .string()
      .min(1)
      .max(255)
      .refine(
        (name) => !name.includes('/') && name !== '.' && name !== '..',
        'expected a file name without "/"',
      )
      .optional(),
  })
  .strict()

export const directoryEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(['file', 'directory', 'symlink', 'device', 'pipe', 'socket', 'other']),
  size: z.number(),
  permissions: z.number(),
  mtime: z.string(),
  linkTarget: z.string(),
})
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>

export const directoryListingSchema = z.object({
  path: z.string(),
  entries: z.array(directoryEntrySchema),
  truncated: z.boolean(),
})
export type DirectoryListing = z.infer<typeof directoryListingSchema>
