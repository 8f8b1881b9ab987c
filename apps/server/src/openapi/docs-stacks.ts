import {
  stackAdoptionSchema,
  stackDirectoryListingSchema,
  stackDirectoryWriteSchema,
  stackDetailsSchema,
  stackFilesSchema,
  stackLineSchema,
  stackLogsServerMessageSchema,
  stackSummarySchema,
  stackValidationSchema,
  stackVersionSchema,
} from '@harbormaster/contract'
import { z } from 'zod'
import { type RouteDoc, bytes, done, json, ndjson } from './route-doc.ts'

const S = '/api/hosts/:hostId/stacks'
const STEPS =
  'A step per object (started, done or failed), then `done` with the count of mutating engine ' +
  'calls; a failure is the last line, an error envelope'
const DEPLOYING = 'A deploy of this stack is running: its files change once it has ended'
const MANAGED = '`compose.yaml` and `.env` are changed through the stack’s versions, not here'
const UPLOAD_ERRORS = {
  400: 'An entry that is a link, device or fifo, or has an absolute name or `..` (named); nothing is written',
  409: `${DEPLOYING}; or ${MANAGED}; or a file where a folder is (named)`,
  413: 'A file over HARBORMASTER_STACK_FILE_MAX_BYTES, or the folder over HARBORMASTER_STACK_DIR_MAX_BYTES',
}
/** stacks/stack-claims.ts: one mutating operation of a stack at a time, refused rather than queued. */
const BUSY = 'A deploy or another operation of this stack is running on this host (named)'
const MASKED = '`.env` values masked as container environment is (`maskedEnv` names them)'

/** Stacks: compose projects of one host, ours (with their stored files) and the CLI's. */
export const stackDocs: Record<string, RouteDoc> = {
  [`GET ${S}`]: {
    summary: 'Every compose project on the host: stored stacks and the compose CLI’s projects',
    description: 'Served from the host’s container model; a label scope shows only what is in it.',
    ok: { 200: json(z.array(stackSummarySchema), 'The stacks') },
  },
  [`POST ${S}`]: {
    summary: 'Store a new stack (version 1); deploying it is `up`',
    ok: { 201: json(stackFilesSchema, `The stored version, ${MASKED}`) },
    errors: {
      409: 'A stack of that name is stored, or a compose project of that name has containers (adopt it)',
    },
  },
  [`GET ${S}/:name`]: {
    summary: 'A stack’s services and their containers',
    ok: { 200: json(stackDetailsSchema, 'The stack') },
  },
  [`PUT ${S}/:name`]: {
    summary: 'Save a new version over `baseVersion` (a masked value sent back keeps its value)',
    ok: { 200: json(stackFilesSchema, `The stored version, ${MASKED}`) },
    errors: { 409: 'A version newer than `baseVersion` was saved meanwhile' },
  },
  [`DELETE ${S}/:name`]: {
    summary: 'Forget a stored stack: its files and every version',
    ok: { 204: done('Forgotten') },
    errors: {
      409: 'The stack still has containers (take it down first), or an operation of it is running',
    },
  },
  [`GET ${S}/:name/files`]: {
    summary: 'The latest version’s compose file and `.env`',
    ok: { 200: json(stackFilesSchema, `The files, ${MASKED}`) },
  },
  [`GET ${S}/:name/versions`]: {
    summary: 'Every saved version, newest first',
    ok: { 200: json(z.array(stackVersionSchema), 'The versions') },
  },
  [`GET ${S}/:name/versions/:version`]: {
    summary: 'One version’s files',
    ok: { 200: json(stackFilesSchema, `The files, ${MASKED}`) },
  },
  [`POST ${S}/:name/start`]: {
    summary: 'Start the project’s stopped containers, dependencies first',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`POST ${S}/:name/stop`]: {
    summary: 'Stop the project’s running containers, dependents first',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`POST ${S}/:name/restart`]: {
    summary: 'Restart the project’s containers, dependencies first',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`POST ${S}/:name/down`]: {
    summary: 'Remove the project’s containers and networks (and volumes with `volumes: true`)',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`GET ${S}/:name/logs`]: {
    summary: 'The merged logs of the stack’s containers (one service with `service`), live',
    ok: {},
    websocket: { server: stackLogsServerMessageSchema },
  },
  [`POST ${S}/validate`]: {
    summary: 'Check a compose file and `.env` for this caller: file errors and policy refusals',
    description:
      'Nothing is saved or created. Each issue names its file, line, column and key path; ' +
      '`policy` issues are settings this caller’s role may not use. Messages may quote `.env` ' +
      'values, so only callers who may read them (operators, admins) are answered.',
    ok: { 200: json(stackValidationSchema, 'The issues, and the services the file deploys') },
  },
  [`POST ${S}/:name/up`]: {
    summary:
      'Deploy a stored version (the latest by default): create what is missing, recreate what changed',
    description:
      'The whole plan is checked against the caller’s policy first: a refused setting is a 403 ' +
      'naming the service’s key and line, and nothing is created. `pull: always` is a redeploy ' +
      '(services whose image changed are recreated). An unchanged stack makes no engine change ' +
      '(`done.changes` is 0). Secrets and configs (`file:`) are copied into each new container ' +
      'before it starts, and a changed file recreates its services. A relative bind source ' +
      '(`./conf:/conf`) names the stack’s folder on this server: it is a 400 on a host whose ' +
      'engine does not see that folder (over TCP, or `HARBORMASTER_DATA_DIR_ON_ENGINE_HOST=false`).',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: {
      400: 'The file has errors (each named with its line)',
      403: 'A setting this caller may not use (each named with its key and line)',
      409: BUSY,
    },
  },
  [`POST ${S}/:name/scale`]: {
    summary: 'Run one service with this many containers (the deployed version, not saved)',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`POST ${S}/:name/update`]: {
    summary: 'Apply the image updates the last check found: redeploy only the services they change',
    description:
      'Pulls the images of the stack’s containers that the last image update check found a new ' +
      'digest for (with the registry credentials the checker uses), then deploys the deployed ' +
      'version as `up` would: the containers whose image changed are recreated, the others keep ' +
      'their ids. The whole file passes the caller’s policy first, as a deploy. A swarm stack: ' +
      'each service the check found behind gets the tag at the new digest (as `docker stack ' +
      'deploy --resolve-image always`), judged by the service policy; Swarm rolls it over.',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: {
      400: 'The file has errors',
      403: 'A setting this caller may not use (each named with its key and line)',
      409: 'No update found for the stack’s images, or another operation of this stack is running',
    },
  },
  [`POST ${S}/:name/pull`]: {
    summary: 'Pull every image the project’s containers use',
    ok: { 200: ndjson(stackLineSchema, STEPS) },
    errors: { 409: BUSY },
  },
  [`GET ${S}/:name/adoption`]: {
    summary: 'A compose file for a compose CLI project, to review before adopting it',
    description:
      'Recovered from the files its labels name when they are in `HARBORMASTER_STACK_IMPORT_DIRS` ' +
      'and describe its services, otherwise generated from its containers’ inspect data (secret ' +
      'values in the `.env`); `notes` say what the file cannot reproduce.',
    ok: { 200: json(stackAdoptionSchema, `The file and \`.env\`, ${MASKED}`) },
    errors: {
      403: 'Some of the project’s containers are outside the caller’s label scope',
      409: 'The stack is managed already',
    },
  },
  [`POST ${S}/:name/adopt`]: {
    summary: 'Make a compose CLI project a managed stack: its file saved as version 1',
    description: 'A masked `.env` value sent back unchanged keeps the value the adoption found.',
    ok: { 201: json(stackFilesSchema, `The stored version, ${MASKED}`) },
    errors: {
      403: 'Some of the project’s containers are outside the caller’s label scope',
      409: 'A stack of that name is stored already',
    },
  },
  [`GET ${S}/:name/directory`]: {
    summary:
      'Every file and folder of the stack’s folder (env files, secrets, configs, build contexts)',
    description:
      'Links are listed, never followed; `compose.yaml` and `.env` are marked `managed`. At most ' +
      '5000 entries (`truncated` says when there are more). `mayRead` and `mayWrite` say what the ' +
      'caller may do with them: viewers see names and sizes only.',
    ok: {
      200: json(
        stackDirectoryListingSchema,
        'The entries, with the caller’s rights and the limits',
      ),
    },
  },
  [`GET ${S}/:name/directory/file`]: {
    summary: 'Download one file of the stack’s folder (operators and admins: secrets live here)',
    ok: { 200: bytes('The file as it is') },
    errors: {
      400: 'A link, a folder, or a path with `..` or absolute',
      409: `${MANAGED}: read them with GET ${S}/:name/files`,
    },
  },
  [`PUT ${S}/:name/directory/file`]: {
    summary: 'Upload one file to `path` (0600; folders on the way made 0700)',
    ok: { 200: json(stackDirectoryWriteSchema, 'What was written') },
    body: {
      required: true,
      content: { 'application/octet-stream': { description: 'The file’s content' } },
    },
    errors: UPLOAD_ERRORS,
  },
  [`PUT ${S}/:name/directory/archive`]: {
    summary:
      'Unpack a tar (or gzip tar) of files and folders into `path` (the folder itself by default)',
    description:
      'Every entry is checked and unpacked into a staging folder first; only when all passed are ' +
      'they moved into place, so a refused entry writes nothing. Files 0600 (0700 when marked ' +
      'executable), folders 0700.',
    ok: { 200: json(stackDirectoryWriteSchema, 'What was written') },
    body: {
      required: true,
      content: { 'application/x-tar': { description: 'The archive (plain or gzip)' } },
    },
    errors: UPLOAD_ERRORS,
  },
  [`POST ${S}/:name/directory/folders`]: {
    summary: 'Make a folder (0700), and the folders on the way',
    ok: { 204: done('Made') },
    errors: { 409: `Something is there already; or ${DEPLOYING}` },
  },
  [`POST ${S}/:name/directory/move`]: {
    summary: 'Rename or move a file or folder inside the stack’s folder',
    ok: { 204: done('Moved') },
    errors: {
      404: 'No `from`, or no folder for `to`',
      409: `\`to\` exists; or ${DEPLOYING}; or ${MANAGED}`,
    },
  },
  [`DELETE ${S}/:name/directory`]: {
    summary: 'Remove a file, a link, or a folder with everything in it',
    ok: { 204: done('Removed') },
    errors: { 404: 'Nothing at `path`', 409: `${DEPLOYING}; or ${MANAGED}` },
  },
}
