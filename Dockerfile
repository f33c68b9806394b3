# syntax=docker/dockerfile:1
# One image for every Poise process; the command picks what runs (`up --target ops`, and later the
# services). The workspaces ship TypeScript run by tsx (docs/decisions/005), so there is no build step.

# Only what `npm ci` reads, so the deps layer is rebuilt when dependencies change, not on every edit.
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json ! -name .npmrc ! -path '*/bin/*' -delete \
 && find . -type d -empty -delete

FROM node:20-bookworm-slim AS deps
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=manifests /app ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=deps /app ./
COPY . .
# The embedded mode writes under ./data; nothing else in /app is writable by the service user.
# The console is served from its Vite build and the interview room from its esbuild bundle;
# everything else runs from sources under tsx.
RUN npm run build -w @poise/console && npm run build -w @poise/capture
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000 3001 50051 9464
# node's fetch, because the slim image has neither curl nor wget.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.POISE_OPS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["npx", "tsx", "apps/poise/src/main.ts"]
CMD ["up"]
