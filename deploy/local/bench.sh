#!/usr/bin/env bash
# Runs a benchmark against the local servers (started here if needed) and prints its figures:
#   deploy/local/bench.sh reporting [--enterprises 100 --years 10]
#   deploy/local/bench.sh platform  [options]
# Benchmarks are not tests: they assert nothing and stay out of CI. Run them on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# Servers this shell already points at (PLATFORM_* exported, e.g. from the main checkout's servers.sh env) are
# used as they are; otherwise start (or find) this checkout's own.
if [ -z "${PLATFORM_POSTGRES:-}" ]; then
  "$here/servers.sh" up >&2
  eval "$("$here/servers.sh" env)"
fi
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT
cd "$repo"
dotnet build bench/Platform.Benchmarks -c Release -v q -nologo >&2
exec dotnet bench/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll "$@"
