import { randomBytes } from 'node:crypto'
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCommand } from './exec.ts'

/** Paths of the certificates made for one TLS engine. */
export interface EngineCertificates {
  /** DOCKER_CERT_PATH for clients: ca.pem, cert.pem, key.pem. */
  certPath: string
  caFile: string
  serverCertFile: string
  serverKeyFile: string
}

// Our own config, so a host's /etc/ssl/openssl.cnf cannot change what gets made.
const CONFIG = `[req]
distinguished_name = dn
x509_extensions = ca_ext
prompt = no
[dn]
CN = harbormaster test CA
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`

// P-256 keys: generated in milliseconds, and dockerd, the docker CLI and Node all accept them.
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
const DAYS = '7'

/**
 * Makes a throwaway CA, a server certificate for `serverAddress` (an IP) and a client
 * certificate in `dir`, following the docker CLI's DOCKER_CERT_PATH file names.
 */
export async function makeCertificates(
  dir: string,
  serverAddress: string,
): Promise<EngineCertificates> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = (name: string): string => join(dir, name)
  await writeFile(file('openssl.cnf'), CONFIG)
  const openssl = (args: string[]): Promise<unknown> => runCommand('openssl', args)
  await openssl([
    'req',
    '-x509',
    '-config',
    file('openssl.cnf'),
    ...NEW_KEY,
    '-days',
    DAYS,
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
  ])

  const issue = async (key: string, cert: string, subject: string, ext: string): Promise<void> => {
    const [csrFile, extFile] = [file(`${cert}.csr`), file(`${cert}.ext`)]
    await writeFile(extFile, ext)
    await openssl([
      'req',
      '-new',
      '-config',
      file('openssl.cnf'),
      ...NEW_KEY,
      '-subj',
      subject,
      '-keyout',
      file(key),
      '-out',
      csrFile,
    ])
    await openssl([
      'x509',
      '-req',
      '-in',
      csrFile,
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca-key.pem'),
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      DAYS,
      '-extfile',
      extFile,
      '-out',
      file(cert),
    ])
    await Promise.all([rm(csrFile), rm(extFile)])
  }
  await issue(
    'server-key.pem',
    'server-cert.pem',
    `/CN=${serverAddress}`,
    `basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:${serverAddress}\n`,
  )
  await issue(
    'key.pem',
    'cert.pem',
    '/CN=harbormaster test client',
    'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n',
  )
  await rm(file('openssl.cnf'))
  for (const key of ['ca-key.pem', 'server-key.pem', 'key.pem']) await chmod(file(key), 0o600)
  return {
    certPath: dir,
    caFile: file('ca.pem'),
    serverCertFile: file('server-cert.pem'),
    serverKeyFile: file('server-key.pem'),
  }
}
