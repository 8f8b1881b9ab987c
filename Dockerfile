# Harbormaster: the dashboard as a container, with the engine socket mounted.
#
#   docker build -t harbormaster .
#   docker run -d -p 8080:8080 -v /var/run/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/run/docker.sock)" -v harbormaster-data:/data harbormaster
#
# BASE_IMAGE must be a Node.js 24 image with a POSIX shell (npm too, for the build stage).
# The default is the official one; the tests build on a local base made from the host's node
# binary (see packages/testkit/src/node-base-image.ts), because they have no registry.
ARG BASE_IMAGE=node:24-bookworm-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /src
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/contract/package.json packages/contract/
COPY packages/compose/package.json packages/compose/
COPY packages/registry/package.json packages/registry/
COPY packages/testkit/package.json packages/testkit/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
# An optional npm cache in the context (`npm-offline-cache/`, made by the tests) lets the build run
# with no network; the glob keeps this COPY valid when there is none.
COPY package.json npm-offline-cach[e] /tmp/npm/
RUN if [ -d /tmp/npm/_cacache ]; then set -- --offline --cache /tmp/npm; fi; \
    npm ci --ignore-scripts --no-audit --no-fund "$@" && rm -rf /tmp/npm
COPY tsconfig.base.json ./
COPY packages/engine packages/engine
COPY packages/contract packages/contract
COPY packages/compose packages/compose
COPY packages/registry packages/registry
COPY apps/server apps/server
COPY apps/web apps/web
# The server becomes one file (see docs/architecture.md, "Running bundled"); better-sqlite3 stays
# outside the bundle because it loads a native addon, and ssh2 because it names optional native
# addons a bundler cannot load (it runs without them): with their few pure-JS dependencies, the
# production dependencies left.
RUN npm run build -w @harbormaster/web && npm run build -w @harbormaster/server \
 && mkdir -p /out/node_modules \
 && cp apps/server/dist/*.mjs apps/server/serve.sh /out/ \
 && cp -r apps/web/dist /out/web \
 && cp -rL node_modules/better-sqlite3 /out/node_modules/ \
 && for m in ssh2 asn1 safer-buffer bcrypt-pbkdf tweetnacl; do cp -rL "node_modules/$m" /out/node_modules/; done \
 && rm -rf /out/node_modules/better-sqlite3/src /out/node_modules/better-sqlite3/deps

FROM ${BASE_IMAGE}
# /data is a volume: the engine's host does not see it at that path, so a stack may not bind a
# folder of its own (`./conf:/conf`); secrets and configs are copied into containers instead.
ENV NODE_ENV=production \
    HARBORMASTER_PORT=8080 \
    HARBORMASTER_DATA_DIR=/data \
    HARBORMASTER_DATA_DIR_ON_ENGINE_HOST=false \
    HARBORMASTER_WEB_DIR=/app/web
WORKDIR /app
COPY --from=build /out/ /app/
# The code belongs to root and is read-only to the server; only /data is the server's.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
STOPSIGNAL SIGTERM
# serve.sh execs node (PID 1 receives SIGTERM itself) with the measured memory settings.
CMD ["/bin/sh", "/app/serve.sh", "/app/main.mjs"]
