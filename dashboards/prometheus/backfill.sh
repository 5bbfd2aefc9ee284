#!/bin/sh
# One-shot, before Prometheus starts (docker-compose.yml's backfill
# service): write every stored figure as OpenMetrics stamped with its
# meeting date, and turn it into TSDB blocks in Prometheus's data folder,
# so that the dashboards show years of history from the first start.
#
# Environment: STORAGE_PATH (the exporter's store, default /data) and
# TSDB_PATH (Prometheus's data folder, default /prometheus).
#
# A history identical to the last one backfilled is not written again.
# A changed one is written whole: its blocks overlap the earlier ones, and
# Prometheus merges overlapping blocks, a sample at the same time of the
# same series counting once.
set -eu

store=${STORAGE_PATH:-/data}
tsdb=${TSDB_PATH:-/prometheus}
stamp="$tsdb/minutes_exporter_backfill.sha256"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

minutes_exporter backfill --storage.path="$store" --out="$work/history.om"
sum=$(sha256sum "$work/history.om" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
	echo "backfill: history unchanged since the last backfill; nothing to do"
	exit 0
fi
promtool tsdb create-blocks-from openmetrics "$work/history.om" "$tsdb"
echo "$sum" >"$stamp"
echo "backfill: history written to $tsdb"
