#!/usr/bin/env bash
# Runs a benchmark and prints its figures:
#   deploy/local/bench.sh reporting [--enterprises 100 --years 10]
#   deploy/local/bench.sh platform  [--shared-postgres | --pg-port 54339] [options]
# Benchmarks are not tests: they assert nothing and stay out of CI. Run them on a quiet machine.
#
# `platform` runs on a PostgreSQL of its own by default: a cluster under <repo>/.local/bench/pg (initialised once,
# kept between runs), started by servers.sh with the durability of its normal start (fsync, synchronous_commit and
# full_page_writes on, WAL archiving as there; PLATFORM_PG_FAST is ignored) plus pg_stat_statements, on --pg-port
# (default 54339), and stopped at the end. So its figures never depend on how the shared servers were started, the
# server's CPU is its own, and the statement counts always print. --shared-postgres uses PLATFORM_POSTGRES (or
# servers.sh's shared server) instead, as before. RabbitMQ is the shared one in both cases (PLATFORM_RABBITMQ if
# exported, else servers.sh's, started if needed); the run keeps to its own vhost.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

private_pg=0; pg_port=54339; args=()
if [ "${1:-}" = platform ]; then
  private_pg=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --shared-postgres) private_pg=0 ;;
      --pg-port) pg_port="${2:?--pg-port needs a port}"; shift ;;
      *) args+=("$1") ;;
    esac
    shift
  done
else
  args=("$@")
fi

# Servers this shell already points at (PLATFORM_* exported, e.g. from the main checkout's servers.sh env) are
# used as they are; otherwise start (or find) this checkout's own.
if [ -z "${PLATFORM_RABBITMQ:-}" ] || { [ $private_pg = 0 ] && [ -z "${PLATFORM_POSTGRES:-}" ]; }; then
  if [ $private_pg = 1 ]; then "$here/servers.sh" up rabbitmq >&2; else "$here/servers.sh" up >&2; fi
  shared_postgres="${PLATFORM_POSTGRES:-}"
  eval "$("$here/servers.sh" env)"
  [ -n "$shared_postgres" ] && PLATFORM_POSTGRES="$shared_postgres"
fi

private_env=(env PLATFORM_LOCAL_DIR="$repo/.local/bench/pg" PLATFORM_PG_PORT="$pg_port" PLATFORM_PG_FAST=0
  PLATFORM_PG_PRELOAD=pg_stat_statements)
if [ $private_pg = 1 ]; then
  trap '"${private_env[@]}" "$here/servers.sh" down postgres >&2 || true' EXIT
  "${private_env[@]}" "$here/servers.sh" up postgres >&2
  PLATFORM_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres"
  export PLATFORM_BENCH_POSTGRES="private (bench.sh: $repo/.local/bench/pg, port $pg_port)"
else
  export PLATFORM_BENCH_POSTGRES="shared (PLATFORM_POSTGRES)"
fi
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT
cd "$repo"
dotnet build bench/Platform.Benchmarks -c Release -v q -nologo >&2
# Not exec: the private server is stopped after the run. A background job ignores SIGINT, so Ctrl+C and TERM reach
# the run as TERM (it stops the services and prints what it measured).
dotnet bench/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll "${args[@]}" &
run=$!
trap 'kill -TERM $run 2>/dev/null || true' TERM INT
rc=0; wait $run || rc=$?
# wait returns early when a trapped signal arrives: wait for the run to print what it measured.
while kill -0 $run 2>/dev/null; do wait $run || rc=$?; done
exit $rc
