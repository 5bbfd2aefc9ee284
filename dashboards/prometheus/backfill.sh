#!/bin/sh
# One-shot, before Prometheus starts (docker-compose.yml's backfill
# service): write every stored figure as OpenMetrics stamped with its
# meeting date, turn it into TSDB blocks, run the per-resident recording
# rules over that history, and put both sets of blocks in Prometheus's data
# folder, so that the dashboards show years of history, rates per 1,000
# residents included, from the first start.
#
# Environment:
#   STORAGE_PATH  the exporter's store (default /data)
#   TSDB_PATH     Prometheus's data folder (default /prometheus)
#   RULES_PATH    the recording rules to run over the history (default
#                 /etc/prometheus/rules/per_resident.rules.yml)
#   RULES_LISTEN  where the short-lived Prometheus that runs them listens
#                 (default 127.0.0.1:9091)
#   MINUTES_EXPORTER_CONFIG  the exporter's configuration, for the
#                 populations its sources give (default: none, the Census's)
#
# Recording rules are evaluated only as Prometheus runs, never over data
# loaded afterwards: promtool tsdb create-blocks-from rules evaluates them
# over a running Prometheus's history. It evaluates on its own grid of
# times, which an instant query sees a backfilled sample at only within
# five minutes, so it runs once for the five minutes after each meeting
# date (the time of every backfilled sample), where the counts and the
# populations are.
#
# A history and rules identical to the last backfilled are not written
# again. A changed one is written whole: its blocks overlap the earlier
# ones, and Prometheus merges overlapping blocks, a sample at the same time
# of the same series counting once.
set -eu

store=${STORAGE_PATH:-/data}
tsdb=${TSDB_PATH:-/prometheus}
rules=${RULES_PATH:-/etc/prometheus/rules/per_resident.rules.yml}
listen=${RULES_LISTEN:-127.0.0.1:9091}
config=${MINUTES_EXPORTER_CONFIG:-}
stamp="$tsdb/minutes_exporter_backfill.sha256"

work=$(mktemp -d)
prom=
cleanup() {
	if [ -n "$prom" ]; then
		kill "$prom" 2>/dev/null || true
		wait "$prom" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

minutes_exporter backfill --storage.path="$store" ${config:+--config.file="$config"} --out="$work/history.om"
sum=$(cat "$work/history.om" "$rules" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
	echo "backfill: history unchanged since the last backfill; nothing to do"
	exit 0
fi
mkdir -p "$tsdb"
mkdir "$work/blocks" "$work/rules"
promtool tsdb create-blocks-from openmetrics "$work/history.om" "$work/blocks"

# A Prometheus over the history alone, scraping nothing, for promtool to
# query; its retention must keep every backfilled block.
printf 'global:\n  scrape_interval: 1m\n' >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/blocks" \
	--storage.tsdb.retention.time=100y --web.listen-address="$listen" >"$work/prometheus.log" 2>&1 &
prom=$!
tries=0
until promtool query instant "http://$listen" 'vector(1)' >/dev/null 2>&1; do
	tries=$((tries + 1))
	if [ "$tries" -gt 120 ] || ! kill -0 "$prom" 2>/dev/null; then
		echo "backfill: the Prometheus that runs the recording rules did not start:" >&2
		cat "$work/prometheus.log" >&2
		exit 1
	fi
	sleep 0.5
done
dates=0
for t in $(awk '/^community_safety_population[{ ]/ { print $NF }' "$work/history.om" | sort -un); do
	promtool tsdb create-blocks-from rules --quiet --url="http://$listen" \
		--start="$t" --end="$((t + 300))" --output-dir="$work/rules" "$rules"
	dates=$((dates + 1))
done
kill "$prom"
wait "$prom" 2>/dev/null || true
prom=

# Only blocks (folders with a meta.json), not the short-lived server's
# head and WAL.
for b in "$work"/blocks/* "$work"/rules/*; do
	if [ -f "$b/meta.json" ]; then
		mv "$b" "$tsdb/"
	fi
done
echo "$sum" >"$stamp"
echo "backfill: history written to $tsdb, with the recording rules of $rules run at $dates meeting dates"
