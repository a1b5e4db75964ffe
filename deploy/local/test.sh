#!/usr/bin/env bash
# Runs the whole test suite against real servers: starts the local PostgreSQL and RabbitMQ
# (installing them if needed), exports their connection strings, runs every test project, and
# prints one closing line "N passed, N failed, N skipped" added up over all test projects.
# With a Docker engine and no PLATFORM_* variables, the tests would use Testcontainers instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

PLATFORM_PG_FAST=1 "$here/servers.sh" up   # fsync off when it starts here: test data is disposable
eval "$("$here/servers.sh" env)"
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT
"$here/browser.sh"   # Debian's chromium for the web console's browser tests (installed when missing)

results="$repo/.local/test-results"
rm -rf "$results"
cd "$repo"
status=0
# The layout conventions of .editorconfig, checked before the tests (whitespace only: no analyzer or style rule is
# set to warning, so the full `dotnet format` adds nothing but three minutes of loading the solution).
dotnet format whitespace . --folder --verify-no-changes --exclude tests/ApiClients/Generated \
  || { echo "dotnet format: the layout differs from .editorconfig; run the same command without --verify-no-changes"; status=1; }
dotnet test Platform.Offline.slnf -c Release --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" "$@" || status=$?

# A typed C# client generated with Kiota from each service's OpenAPI document (saved by each service's OpenAPI contract test) must compile.
clients=0
"$here/api-clients.sh" || { clients=$?; status=1; }

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo
if [ "$failed" -gt 0 ]; then
  # The console logger's output is long; name each failed test and the start of its message last,
  # where a truncated CI log still shows them.
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk 'BEGIN { RS = "<UnitTestResult " }
         /^[^>]*outcome="Failed"/ {
           name = $0; sub(/^[^>]*testName="/, "", name); sub(/".*/, "", name); gsub(/&quot;/, "\"", name)
           message = ""
           if (match($0, /<Message>[^<]*/)) message = substr($0, RSTART + 9, RLENGTH - 9)
           gsub(/\n/, " ", message); gsub(/&quot;/, "\"", message); gsub(/&lt;/, "<", message); gsub(/&gt;/, ">", message); gsub(/&amp;/, "\\&", message)
           printf "  %s\n    %s\n", name, substr(message, 1, 600)
         }' "$trx"
  done
fi
[ "$clients" -eq 0 ] || echo "api-clients.sh failed: a Kiota client did not generate or compile (see above)"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
