// The package manifest is not a capability: the import rule's `../*/*` pattern matches it by shape.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import serverPackage from '../../package.json' with { type: 'json' }

/** The server's version, from its package (npm's environment is absent when serve.sh runs it). */
export const SERVER_VERSION: string = serverPackage.version
