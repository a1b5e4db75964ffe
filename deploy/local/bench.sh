#!/usr/bin/env bash
# Runs a benchmark against the local servers (started here if needed) and prints its figures:
#   deploy/local/bench.sh reporting [--enterprises 100 --years 10]
#   deploy/local/bench.sh platform  [options]
# Benchmarks are not tests: they assert nothing and stay out of CI. Run them on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
"$here/servers.sh" up >&2
eval "$("$here/servers.sh" env)"
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT
cd "$repo"
dotnet build bench/Platform.Benchmarks -c Release -v q -nologo >&2
exec dotnet bench/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll "$@"
