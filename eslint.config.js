// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * Boundaries (docs/architecture.md): web -> typed API -> server -> engine -> socket. They are
 * enforced with the core rule: eslint-plugin-import-x was tried, but its resolver pulls
 * platform-specific optional packages that the npm registry mirror here lacks, which breaks
 * `npm ci` on a fresh clone.
 */
const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

/** A type-only re-export must be erased whole (see the rule's message). */
const typeReExport = {
  selector:
    "ExportNamedDeclaration[exportKind='value'][source]:not(:has(ExportSpecifier[exportKind='value']))",
  message:
    'Re-export types with `export type { … } from`, which is erased whole: `export { type … } from` still loads the module.',
}

/**
 * The policy table (apps/server/src/policy/policy.ts) is the whole of "who may do what": server
 * code outside policy/ and auth/ names no role and compares none; it asks `may(c, action)`.
 * apps/server/src/policy/policy.test.ts checks that this reaches the route folders.
 */
const noRoleNameMessage =
  'Server code outside policy/ and auth/ names no role: put the privilege in ACTIONS (policy/policy.ts) and ask `may(c, action)`.'
const roleChecks = [
  { selector: 'Literal[value=/^(admin|operator|viewer)$/]', message: noRoleNameMessage },
  {
    selector:
      "BinaryExpression[operator=/^[!=]==?$/] > :matches(MemberExpression[property.name='role'], Identifier[name='role'])",
    message: noRoleNameMessage,
  },
  { selector: 'CallExpression[callee.name=/^(roleRank|lowerRole)$/]', message: noRoleNameMessage },
]

/**
 * Another capability only through its index.ts, from a file `depth` folders below src/ (a
 * capability's own folders, such as stacks/deploy/, reach each other freely).
 */
const capabilityDeepImport = (depth) => {
  const up = '../'.repeat(depth)
  return {
    group: [`${up}*/*`, `!${up}*/index.ts`, `!${up}platform/*`, `!${up}db/*`, `!${up}policy/*`],
    message:
      'Import another capability through its index.ts; shared plumbing belongs in platform/.',
  }
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.tools/**',
      'docs/screenshots/**',
      // Generated from the sheets by typed-css-modules (npm run css-types).
      '**/*.module.css.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // A type-only import or re-export is erased whole, so the cycle check (scripts/test.sh,
      // madge without type imports) sees exactly the imports that run.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-restricted-syntax': ['error', typeReExport],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `text || undefined`: an empty string from a form, a query or a label means "not given",
      // and with exactOptionalPropertyTypes that is how an optional field is left out.
      '@typescript-eslint/prefer-nullish-coalescing': [
        'error',
        { ignorePrimitives: { string: true } },
      ],
      // Engine wire data is read defensively; `??` on values typed non-null is how we stay safe.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      'no-console': 'error',
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['packages/contract/**'],
    rules: restrict([
      {
        group: ['@harbormaster/*', 'hono*', 'react*', 'node:*'],
        message: 'The contract is shared by server and web; it depends on zod only.',
      },
    ]),
  },
  {
    files: ['packages/engine/src/**'],
    rules: restrict([
      {
        group: ['@harbormaster/*', 'hono*', 'react*', 'zod'],
        message: 'The engine client knows nothing of HTTP routes, users or React.',
      },
    ]),
  },
  {
    files: ['packages/compose/src/**'],
    rules: restrict([
      {
        group: ['@harbormaster/*', 'hono*', 'react*', 'node:*'],
        message:
          'The compose reader is pure: it reads files only through readFile and knows nothing of the engine, HTTP or Node, so the browser can run it too.',
      },
    ]),
  },
  {
    files: ['apps/web/**'],
    // The Vite config runs in Node at build time, not in the browser.
    ignores: ['apps/web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      {
        group: ['@harbormaster/engine', '@harbormaster/testkit', '**/server/src/**', 'node:*'],
        message:
          'The web app speaks the typed API only: import type { AppType } from "@harbormaster/server/api-type".',
      },
      {
        group: ['@harbormaster/server/*'],
        allowTypeImports: true,
        message: 'Only the type of the API may come from the server.',
      },
    ]),
  },
  {
    // The plugin's recommended set: the rules of hooks plus the React Compiler's checks (purity,
    // refs read during render, setState in effects...). Missing effect dependencies are errors.
    files: ['apps/web/{src,test}/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Tests and test helpers (auth/test-app.ts) may reach the shared test code in test/.
  ...[1, 2, 3].map((depth) => ({
    files: [`apps/server/src/${'*/'.repeat(depth)}*.ts`],
    ignores: ['**/*.test.ts', '**/test-app.ts'],
    rules: restrict([capabilityDeepImport(depth)]),
  })),
  {
    files: ['apps/server/src/**/*.ts'],
    // policy/ holds the table and its helpers; auth/ makes users and judges the one being changed.
    ignores: ['apps/server/src/policy/**', 'apps/server/src/auth/**', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', typeReExport, ...roleChecks] },
  },
  {
    files: ['apps/server/src/platform/**'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      {
        group: ['../*'],
        message:
          'platform/ is the floor: it imports nothing of ours. It names what it needs in its own terms (platform-env.ts); the app names its services in app-env.ts.',
      },
    ]),
  },
  {
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'packages/*/test/**',
      'e2e/**',
      'bench/**',
      'scripts/**',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Vitest's asymmetric matchers (expect.stringMatching…) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      'max-lines-per-function': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
