#!/usr/bin/env bash
# The platform's main command: the Aspire AppHost runs PostgreSQL, RabbitMQ, the four services and the
# web console, and the Aspire dashboard shows their health, logs, traces and metrics (AppHost/README.md).
#   deploy/local/aspire.sh [--seed] [--containers|--local] [other AppHost settings, e.g. Platform:Ports:Postgres=0]
# --seed loads the demo data once everything is healthy (the *-seed resources; without it they wait for
# their Start button in the dashboard). Servers: containers where `docker info`/`podman info` answers,
# otherwise Debian's postgresql and rabbitmq-server as processes of the AppHost, installed here when
# missing (data under .local/aspire). Ctrl+C stops everything (DCP needs about 15 s).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

settings=()
for arg in "$@"; do
  case "$arg" in
    --seed) settings+=("Platform:Seed=true") ;;
    --containers) settings+=("Platform:Servers=containers") ;;
    --local) settings+=("Platform:Servers=local") ;;
    *) settings+=("$arg") ;;
  esac
done

# The AppHost runs Debian's servers itself when no container engine answers; install them if missing.
if ! docker info >/dev/null 2>&1 && ! podman info >/dev/null 2>&1; then "$here/servers.sh" install; fi

echo "[aspire] building the AppHost and the services (Release)"
dotnet build "$repo/AppHost/Platform.AppHost.csproj" -c Release -v q -nologo | { grep -E "error|warn" || true; }

# The dashboard's telemetry API (/api/telemetry/...) answers requests carrying this key in x-api-key.
export AppHost__DashboardApiKey="${AppHost__DashboardApiKey:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
echo "[aspire] dashboard telemetry API key (header x-api-key): $AppHost__DashboardApiKey"
echo "[aspire] the dashboard's login URL (with its token) follows as \"Login URL\"; Ctrl+C stops everything"
cd "$repo/AppHost"
# exec: Ctrl+C reaches the AppHost itself, which then stops every resource.
exec dotnet run -c Release --no-build --launch-profile http -- "${settings[@]}"
