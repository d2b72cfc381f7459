# syntax=docker/dockerfile:1
# netreach service (`netreach serve`: REST on 8080, gRPC on 9090). Multi-stage: install and check with dev dependencies, then
# copy production dependencies and the compiled JavaScript (dist/, with source maps) into a slim image
# that runs as a non-root user.
#   docker build -t netreach:0.1.0 .
#   docker run --rm -p 127.0.0.1:8080:8080 -v netreach-data:/data netreach:0.1.0

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary for glibc x64/arm64; the toolchain is its fallback.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY openapi ./openapi
COPY proto ./proto
COPY migrations ./migrations
COPY examples ./examples
COPY bench ./bench
COPY test ./test
COPY web ./web
# npm ci builds dist/ (tsc) through the `prepare` script, so the sources are copied first.
RUN npm ci --no-audit --no-fund
# Fail the build on type errors or stale generated REST/gRPC code.
RUN npm run typecheck && npm run check:api && npm run check:grpc
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# The gRPC descriptor set (reflection) is read from src/ at run time; source maps point into src/.
COPY --from=build /app/src ./src
COPY --from=build /app/openapi ./openapi
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/examples ./examples
# The database lives on a volume owned by the runtime user; the code stays root-owned, read-only.
RUN mkdir -p /data && chown 10001:10001 /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080 9090
# /healthz needs no token. Keep the port in step with --listen below.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/netreach"]
# In the container the server binds 0.0.0.0 (the CLI's default is 127.0.0.1).
CMD ["serve", "--listen", "0.0.0.0:8080", "--grpc-listen", "0.0.0.0:9090", "--db", "/data/netreach.db"]
