# syntax=docker/dockerfile:1
#
# minutes_exporter images, built by docker-compose.yml:
#   exporter      the exporter: a static binary on distroless, non-root (the default)
#   exporter-pdf  the same with pdftotext (poppler-utils), for sources that publish PDF minutes
#   backfill      a one-shot: the store's history as OpenMetrics, turned into
#                 TSDB blocks by promtool in Prometheus's volume, with the
#                 per-resident recording rules run over it
#
#   docker build -t minutes_exporter .
#   docker build --target exporter-pdf -t minutes_exporter:pdf .

ARG GO_VERSION=1.26
ARG PROMETHEUS_VERSION=v3.16.0

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
# CGO off: the SQLite driver is pure Go, so the binary runs on any base.
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/prometheus/common/version.Version=${VERSION}" \
      -o /out/minutes_exporter ./cmd/minutes_exporter \
 && mkdir -p /out/data

# The one-shot history service. It runs as nobody (65534), like
# Prometheus, so the blocks it writes into Prometheus's volume are
# Prometheus's; the exporter runs as the same user so that the store it
# shares is readable.
FROM prom/prometheus:${PROMETHEUS_VERSION} AS backfill
COPY --from=build /out/minutes_exporter /bin/minutes_exporter
COPY dashboards/prometheus/backfill.sh /bin/backfill.sh
USER 65534:65534
ENTRYPOINT ["/bin/sh", "/bin/backfill.sh"]

FROM debian:bookworm-slim AS exporter-pdf
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/minutes_exporter /bin/minutes_exporter
COPY --from=build --chown=65534:65534 /out/data /data
USER 65534:65534
EXPOSE 9873
VOLUME ["/data"]
ENTRYPOINT ["/bin/minutes_exporter"]
CMD ["serve", "--storage.path=/data"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=1m CMD ["/bin/minutes_exporter", "healthcheck"]

# Last, so that a plain `docker build .` gives it. Distroless has no shell:
# the healthcheck is the binary's own subcommand.
FROM gcr.io/distroless/static-debian12 AS exporter
COPY --from=build /out/minutes_exporter /bin/minutes_exporter
COPY --from=build --chown=65534:65534 /out/data /data
USER 65534:65534
EXPOSE 9873
VOLUME ["/data"]
ENTRYPOINT ["/bin/minutes_exporter"]
CMD ["serve", "--storage.path=/data"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=1m CMD ["/bin/minutes_exporter", "healthcheck"]
