#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Replay benchmarks, side by side on one PostgreSQL, in one run:
#
#   build-aux/dev exec benchmarks/replay.sh [BUILDDIR] [ROWS]
#
# 1. our adapter-replay step (COPY via staging under forced RLS, read-back
#    and digests) against psql \copy of the same rows (text files exported
#    from the same workspace), loaded by the superuser into plain tables;
# 2. the whole dry-run (our migration of the workspace) against pgloader's
#    sqlite import of the same file;
# 3. snapshot export with digest against sqlite3 .dump | sha256sum;
# 4. peak RSS of the dry-run (/usr/bin/time -v).
#
# It starts its own services through build-aux/test-services.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
srcdir="$(cd "$here/.." && pwd)"
builddir="${1:-_build-dry}"
rows="${2:-1000000}"

if [ -z "${BFG_TEST_PG_HOST:-}" ]; then
  exec "$srcdir/build-aux/test-services" --only postgres -- "$0" "$@"
fi

cd "$srcdir"
helper="$builddir/benchmarks/bfg-bench-replay"
work="$(mktemp -d "${TMPDIR:-/tmp}/bfg-bench.XXXXXX")"
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT
ws="$work/workspace.sqlite"

export PGPASSWORD="$BFG_TEST_PG_SUPERPASS"
super=(-h "$BFG_TEST_PG_HOST" -p "$BFG_TEST_PG_PORT" -U "$BFG_TEST_PG_SUPERUSER" -q)
now () { date +%s.%N; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== generating $rows operations rows"
"$helper" generate "$ws" "$rows"

echo "== runbook schema, app role grants"
"$helper" schema > "$work/schema.sql"
psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -f "$work/schema.sql" >/dev/null 2>&1
psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -c \
  "grant usage on schema bfg_flowcontrol to $BFG_TEST_PG_USER;
   grant select, insert on all tables in schema bfg_flowcontrol to $BFG_TEST_PG_USER" >/dev/null

echo "== 3. snapshot export with digest vs sqlite3 .dump | sha256sum"
t0=$(now); sqlite3 "$ws" .dump | sha256sum >/dev/null; t1=$(now)
dump_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
export_s=$("$helper" export "$ws" "$work/snapshot.json" | awk '{ print $2 }')
echo "sqlite3 .dump | sha256sum: ${dump_s}s; our export+digest: ${export_s}s" \
     "(speed ratio $(ratio "$dump_s" "$export_s"), goal >= 1)"

echo "== 1+4. our dry-run (replay step timed inside), peak RSS"
/usr/bin/time -v "$helper" dry-run "$ws" > "$work/dry-run.txt" 2> "$work/time.txt" || {
  cat "$work/dry-run.txt" "$work/time.txt"; exit 1; }
cat "$work/dry-run.txt"
replay_s=$(awk '$1 == "adapter-replay" { print $2 }' "$work/dry-run.txt")
dry_s=$(awk '$1 == "dry-run" { print $2 }' "$work/dry-run.txt")
rss_kb=$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
echo "peak RSS of the dry-run: $((rss_kb / 1024)) MB (goal < 200 MB)"

echo "== 1. psql \\copy of the same rows (superuser, plain tables)"
psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -c "create schema bench_copy" >/dev/null
for t in orders driver_events finance_events documents; do
  psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -c \
    "create table bench_copy.$t (like bfg_flowcontrol.$t)" >/dev/null
  sqlite3 -separator $'\t' "$ws" "select * from $t order by 1" | sed 's/\\/\\\\/g' > "$work/$t.tsv"
done
t0=$(now)
for t in orders driver_events finance_events documents; do
  psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -c "\\copy bench_copy.$t from '$work/$t.tsv'" >/dev/null
done
t1=$(now)
copy_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
psql "${super[@]}" -d "$BFG_TEST_PG_DATABASE" -c "drop schema bench_copy cascade" >/dev/null
echo "psql \\copy: ${copy_s}s; our replay step: ${replay_s}s" \
     "(throughput ratio $(ratio "$copy_s" "$replay_s"), goal >= 0.9)"

echo "== 2. pgloader sqlite import of the same file vs our dry-run"
psql "${super[@]}" -d postgres -c "create database bench_pgloader" >/dev/null
t0=$(now)
pgloader --quiet "sqlite://$ws" \
  "postgresql://$BFG_TEST_PG_SUPERUSER@127.0.0.1:$BFG_TEST_PG_PORT/bench_pgloader?sslmode=disable" \
  > "$work/pgloader.txt" 2>&1 || { tail -20 "$work/pgloader.txt"; }
t1=$(now)
pgl_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
psql "${super[@]}" -d postgres -c "drop database bench_pgloader" >/dev/null
echo "pgloader: ${pgl_s}s; our dry-run (all five steps): ${dry_s}s;" \
     "our replay step: ${replay_s}s (speed ratio $(ratio "$pgl_s" "$dry_s"), goal >= 3)"
