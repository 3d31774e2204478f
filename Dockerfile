# syntax=docker/dockerfile:1
# Multi-stage build: a static, cgo-free binary in a distroless image that runs as non-root.
# The module and build caches are BuildKit cache mounts, so a rebuild after a code change
# downloads nothing and recompiles only what changed.
#
#   docker build --build-arg VERSION=$(git describe --tags --always --dirty) -t wohnbruecke .
#
# Stopping: on SIGTERM the portal stops taking requests, waits up to 20 s for the running
# ones and the mail worker's current message, then exits. Give the container more than
# that before SIGKILL: `docker stop --time 30`, `stop_grace_period: 30s` (Compose),
# `terminationGracePeriodSeconds: 30` (Kubernetes; the default 30 s is just enough).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X wohnbruecke/internal/version.stamped=${VERSION}" \
        -o /out/wohnbruecke ./cmd/wohnbruecke \
    && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/wohnbruecke /wohnbruecke
COPY --from=build --chown=65532:65532 /out/data /data
ENV LISTEN_ADDR=0.0.0.0:8080 \
    DATA_DIR=/data \
    LOG_FORMAT=json
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/wohnbruecke", "healthcheck"]
ENTRYPOINT ["/wohnbruecke"]
CMD ["serve"]
