# Looply: one image for the API (`serve --no-worker`) and the workers (`worker`).
# Not built on the machines Looply is developed on (no Docker engine there): kept minimal and conventional.

# --- build: install the workspace and compile every package to dist/ ---
FROM node:20-bookworm-slim AS build
RUN npm install --global pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm exec tsc -b

# --- runtime: ffmpeg and fonts from Debian, the compiled workspace, a non-root user ---
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg espeak-ng fonts-dejavu-core fonts-noto-core ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    FFMPEG_PATH=/usr/bin/ffmpeg \
    FFPROBE_PATH=/usr/bin/ffprobe \
    LOOPLY_HOME=/home/node/.looply \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
ENTRYPOINT ["node", "packages/cli/dist/bin.js"]
CMD ["serve", "--no-worker"]
