# syntax=docker/dockerfile:1
# Two stages: the build has compilers and dev dependencies; the image keeps only what runs.

FROM node:24-bookworm-slim AS build
# argon2, better-sqlite3 and re2 are native modules: built here, for this Node.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off while only the manifests are here (`prepare` builds the sources, not copied yet);
# `npm rebuild` then runs the dependencies' own install scripts (the native builds).
RUN npm ci --ignore-scripts && npm rebuild
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
# Then only production dependencies, without the native modules' compiler leftovers (only their
# .node files are loaded at run time).
RUN npm run build && npm prune --omit=dev \
  && rm -rf node_modules/*/build/Release/obj* node_modules/*/build/Release/.deps \
    node_modules/re2/vendor node_modules/better-sqlite3/deps

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SQLite file and the generated secret key live in DATA_DIR: a volume, owned by the
# unprivileged `node` user the server runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains in-flight requests and exits within SHUTDOWN_TIMEOUT (8 s), inside Docker's 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=2", "dist/server.js"]
