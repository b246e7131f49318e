# Capstan container image: build with dev dependencies, ship only the runtime (non-root, no npm).
# docker build -t capstan . && docker run -p 8080:8080 -p 9090:9090 -p 9091:9091 -v "$PWD/caps:/capabilities:ro" capstan
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY sandbox ./sandbox
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production \
    CAPSTAN_HOST=0.0.0.0 \
    CAPSTAN_CONTROL_PORT=9091
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root bin ./bin
COPY --chown=root:root schemas ./schemas
COPY --chown=root:root examples ./examples
# The files belong to root and are read-only for the process, which runs as the image's `node` user.
USER node
EXPOSE 8080 9090 9091
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s CMD ["node", "bin/capstan.js", "health", "--port", "9091"]
ENTRYPOINT ["node", "bin/capstan.js"]
# Mount capability files at /capabilities. Exposes without inbound `authentication` are refused on
# 0.0.0.0: add authentication to each expose (or, on a private network only, --allow-unauthenticated).
CMD ["run", "/capabilities"]
