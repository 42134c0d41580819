#!/bin/bash
# Copyright 2026 The BFG Integration Console authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Replay benchmarks, side by side on one PostgreSQL, in one run:
#
#   build-aux/dev exec benchmarks/replay.sh [BUILDDIR] [ROWS]
#
# (e) generation of ROWS operations rows into a demo workspace;
# (c) snapshot export with digest against sqlite3 .dump | sha256sum;
# (a) our adapter-replay step against psql \copy of the same rows:
#     - fair: the superuser (RLS bypassed; COPY FROM is refused under RLS)
#       copies the same rows into the same runbook tables, with their
#       primary keys, indexes and foreign keys, in one transaction that is
#       rolled back, like ours;
#     - plain: the same rows into copies of the tables without any
#       constraint or index, for transparency;
# (b) our whole dry-run (the migration of the workspace) against pgloader's
#     import of the same sqlite file, and the replay's phases: the rows
#     inserted under RLS (COPY FROM is refused there) alone bound how
#     close the replay can come to a load that builds its indexes after;
# (d) peak RSS of the dry-run (/usr/bin/time -v).
#
# Every client (ours, psql, pgloader) reaches the server over TCP on
# loopback; ours and psql with TLS (sslmode verify-full and require),
# pgloader without it (sslmode=disable, which only favours pgloader). It
# starts its own PostgreSQL through build-aux/test-services, and prints a
# Markdown table at the end.

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

export PGPASSWORD="$BFG_TEST_PG_SUPERPASS" PGSSLMODE=require
db="$BFG_TEST_PG_DATABASE"
super=(-h "$BFG_TEST_PG_HOST" -p "$BFG_TEST_PG_PORT" -U "$BFG_TEST_PG_SUPERUSER"
       -q -v ON_ERROR_STOP=1)
now () { date +%s.%N; }
since () { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ops="orders driver_events finance_events documents"

echo "== (e) generating $rows operations rows"
gen_s=$("$helper" generate "$ws" "$rows" | awk '{ print $2 }')
echo "generate: ${gen_s}s"

echo "== runbook schema, app role grants"
"$helper" schema > "$work/schema.sql"
psql "${super[@]}" -d "$db" -f "$work/schema.sql" >/dev/null 2>&1
psql "${super[@]}" -d "$db" -c \
  "grant usage on schema bfg_flowcontrol to $BFG_TEST_PG_USER;
   grant select, insert on all tables in schema bfg_flowcontrol to $BFG_TEST_PG_USER" >/dev/null

echo "== (c) snapshot export with digest vs sqlite3 .dump | sha256sum"
t0=$(now); sqlite3 "$ws" .dump | sha256sum >/dev/null; dump_s=$(since "$t0")
export_s=$("$helper" export "$ws" "$work/snapshot.json" | awk '{ print $2 }')
echo "sqlite3 .dump | sha256sum: ${dump_s}s; our export+digest: ${export_s}s"

# Taken before the dry-run, which adds audit events of its own.
echo "== (a) the same rows as text files for psql \\copy"
tenant=$(sqlite3 "$ws" "select tenant_id from tenants order by 1 limit 1")
q () { sqlite3 -separator $'\t' "$ws" "$1" | sed 's/\\/\\\\/g' > "$work/$2.tsv"; }
q "select * from tenants order by 1" tenants
# users.permissions as the text[] literal the replay sends.
q "select user_id, tenant_id, role_key, display_name, '{' || (select
     group_concat('\"' || permission || '\"', ',') from (select permission
     from user_permissions p where p.user_id = u.user_id order by 1)) || '}',
     desk from users u order by 1" users
for t in $ops; do q "select * from $t order by 1" "$t"; done
q "select 'audit-' || seq, '$tenant', actor_id, action, json_object('seq', seq,
     'time', time, 'check', check_id, 'detail', detail, 'prevHash', prev_hash,
     'hash', hash), time from audit_events order by seq" audit_events
loaded=$(cat "$work"/{tenants,users,orders,driver_events,finance_events,documents,audit_events}.tsv | wc -l)

echo "== (a, b, d) our dry-run (steps timed inside), peak RSS"
G_MESSAGES_DEBUG=bfg-replay /usr/bin/time -v "$helper" dry-run "$ws" \
  > "$work/dry-run.txt" 2> "$work/time.txt" || { cat "$work/dry-run.txt" "$work/time.txt"; exit 1; }
grep -v '^(process' "$work/dry-run.txt"
replay_s=$(awk '$1 == "adapter-replay" { print $2 }' "$work/dry-run.txt")
replay_rows=$(awk '$1 == "adapter-replay" { print $3 }' "$work/dry-run.txt")
dry_s=$(awk '$1 == "dry-run" { print $2 }' "$work/dry-run.txt")
rss_kb=$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")

# The replay's phases, from its debug messages (GLib writes them to
# stdout): "... in 123.4 ms".
phase_s () {
  awk -v what="$1" 'index($0, "replay: ") && index($0, what) {
                      for (i = 1; i < NF; i++) if ($i == "in") ms += $(i + 1) }
                    END { printf "%.1f", ms / 1000 }' "$work/dry-run.txt"
}
staged_s=$(phase_s "staged with COPY")
inserted_s=$(phase_s "inserted under RLS")
checked_s=$(phase_s "references checked")
read_s=$(phase_s "read back and digested")
echo "replay phases: COPY into staging ${staged_s}s, INSERT under RLS ${inserted_s}s," \
     "reference check ${checked_s}s, read-back and digests ${read_s}s"

copy_script () {
  local schema="$1"
  echo "begin;"
  for t in tenants users $ops audit_events; do
    echo "\\copy $schema.$t from '$work/$t.tsv'"
  done
  echo "rollback;"
}

# Fair: the real runbook tables, constraints and all, as the superuser.
copy_script bfg_flowcontrol > "$work/copy-fair.sql"
t0=$(now); psql "${super[@]}" -d "$db" -f "$work/copy-fair.sql" >/dev/null
copy_fair_s=$(since "$t0")

# Plain: no key, index, foreign key, default or RLS.
psql "${super[@]}" -d "$db" -c "create schema bench_copy" >/dev/null
for t in tenants users $ops audit_events; do
  psql "${super[@]}" -d "$db" -c \
    "create table bench_copy.$t (like bfg_flowcontrol.$t)" >/dev/null
done
copy_script bench_copy > "$work/copy-plain.sql"
t0=$(now); psql "${super[@]}" -d "$db" -f "$work/copy-plain.sql" >/dev/null
copy_plain_s=$(since "$t0")
psql "${super[@]}" -d "$db" -c "drop schema bench_copy cascade" >/dev/null 2>&1
echo "psql \\copy of $loaded rows: fair ${copy_fair_s}s, plain ${copy_plain_s}s;" \
     "our replay step of $replay_rows rows: ${replay_s}s"

echo "== (b) pgloader's import of the same sqlite file"
psql "${super[@]}" -d "$db" -c "create database bench_pgloader" >/dev/null
t0=$(now)
pgloader --quiet "sqlite://$ws" \
  "postgresql://$BFG_TEST_PG_SUPERUSER@127.0.0.1:$BFG_TEST_PG_PORT/bench_pgloader?sslmode=disable" \
  > "$work/pgloader.txt" 2>&1 || { tail -20 "$work/pgloader.txt"; echo "pgloader FAILED"; }
pgl_s=$(since "$t0")
pgl_rows=$(psql "${super[@]}" -d bench_pgloader -At -c \
  "select sum(n_live_tup) from pg_stat_user_tables" 2>/dev/null || echo "?")
psql "${super[@]}" -d "$db" -c "drop database bench_pgloader" >/dev/null
echo "pgloader: ${pgl_s}s (${pgl_rows} rows landed); our dry-run: ${dry_s}s"

cat <<TABLE

| measure | ours | baseline | ratio | goal |
|---|---|---|---|---|
| (a) replay step vs psql \\copy, fair (same constrained tables, superuser, rolled back) | ${replay_s} s | ${copy_fair_s} s | $(ratio "$copy_fair_s" "$replay_s")× | ≥ 0.9× |
| (a) replay step vs psql \\copy, plain tables (transparency) | ${replay_s} s | ${copy_plain_s} s | $(ratio "$copy_plain_s" "$replay_s")× | — |
| (b) whole dry-run vs pgloader sqlite import | ${dry_s} s | ${pgl_s} s | $(ratio "$pgl_s" "$dry_s")× faster | ≥ 3× |
| (b') replay step alone vs pgloader | ${replay_s} s | ${pgl_s} s | $(ratio "$pgl_s" "$replay_s")× faster | — |
| (b'') the replay's INSERT under RLS alone vs pgloader | ${inserted_s} s | ${pgl_s} s | $(ratio "$pgl_s" "$inserted_s")× faster | — |
| (c) snapshot export + digest vs sqlite3 .dump \\| sha256sum | ${export_s} s | ${dump_s} s | $(ratio "$dump_s" "$export_s")× | ≥ 1× |
| (d) peak RSS of the dry-run | $((rss_kb / 1024)) MB | — | — | < 200 MB |
| (e) generating $rows operations rows | ${gen_s} s | — | — | — |
TABLE
