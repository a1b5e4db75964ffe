#!/usr/bin/env bash
# Runs the whole platform on this machine without Aspire or Docker: the local PostgreSQL and RabbitMQ
# (servers.sh), one database per service, then every service in services.txt with the same
# ConnectionStrings__* environment the Aspire AppHost would give it. Each service logs to
# .local/logs/<name>.log. Ctrl+C (or `run.sh down` from another shell) stops what this started.
#   deploy/local/run.sh [up|down]      (up is the default; add --seed to load demo data)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="$repo/.local/run"
logs="$repo/.local/logs"
mkdir -p "$state" "$logs"

say() { printf '[run] %s\n' "$*"; }

services() { grep -v '^\s*#' "$here/services.txt" | grep -v '^\s*$'; }

stop_services() {
  local pidfile name pid
  for pidfile in "$state"/*.pid; do
    [ -e "$pidfile" ] || continue
    name="$(basename "$pidfile" .pid)"; pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping $name (pid $pid)"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

if [ "${1:-up}" = "down" ]; then
  stop_services
  "$here/servers.sh" down
  exit 0
fi
seed=false; [[ " $* " == *" --seed "* ]] && seed=true

"$here/servers.sh" up
eval "$("$here/servers.sh" env)"

say "building (Release)"
dotnet build "$repo/Platform.Offline.slnf" -c Release -v q -nologo | tail -n 3

create_database() {
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "${PLATFORM_PG_PORT:-54329}" -U postgres -tAc \
    "select 1 from pg_database where datname='$1'" | grep -q 1 ||
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "${PLATFORM_PG_PORT:-54329}" -U postgres -qc "create database \"$1\" encoding 'UTF8' template template0"
}

stop_services
trap 'echo; stop_services; say "services stopped; servers still running (deploy/local/servers.sh down stops them)"; exit 0' INT TERM

failed=false
while read -r name project port database; do
  dll="$repo/$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll"
  env_vars=(
    "ASPNETCORE_URLS=http://127.0.0.1:$port"
    "ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}"
    "OTEL_SERVICE_NAME=$name"
  )
  # A database of "-" means none; the web console has one (its sessions) and no broker.
  if [ "$database" != "-" ]; then
    create_database "$database"
    env_vars+=("ConnectionStrings__$database=$PLATFORM_POSTGRES;Database=$database")
    [ "$name" = web ] || env_vars+=("ConnectionStrings__messaging=$PLATFORM_RABBITMQ")
  fi
  # Sign-in: the identity service issues the tokens; in Development the APIs also keep accepting development
  # tokens (dev-token.sh, the console's role picker), and the console offers both ways in.
  identity_url="http://127.0.0.1:$(services | awk '$1=="identity"{print $3}')"
  case "$name" in
    identity) env_vars+=("Identity__Issuer=$identity_url/") ;;
    web) env_vars+=("Authentication__Oidc__Authority=$identity_url/" "Authentication__Oidc__ClientId=platform-web"
           "Authentication__Oidc__ClientSecret=platform-web-development-secret" "Authentication__Oidc__RequireHttpsMetadata=false"
           "Console__DevelopmentSignIn=true") ;;
    *) env_vars+=("Authentication__Schemes__Bearer__Authority=$identity_url/" "Authentication__Schemes__Bearer__ValidAudiences__0=platform"
         "Authentication__Schemes__Bearer__RequireHttpsMetadata=false" "Authentication__AcceptDevelopmentTokens=true"
         "Authentication__ServiceClient__TokenEndpoint=$identity_url/connect/token" "Authentication__ServiceClient__ClientId=platform-services"
         "Authentication__ServiceClient__ClientSecret=platform-services-development-secret") ;;
  esac
  # Every service learns the others' addresses the way Aspire's service discovery passes them.
  while read -r other _ other_port _; do env_vars+=("services__${other}__http__0=http://127.0.0.1:$other_port"); done < <(services)
  printf '%s\n' "${env_vars[@]}" >"$state/$name.env"
  say "starting $name on http://127.0.0.1:$port (log: $logs/$name.log)"
  (cd "$(dirname "$dll")" && exec env "${env_vars[@]}" dotnet "$dll") >>"$logs/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
done < <(services)

# Wait for each service's /health; show the end of its log if it dies or never gets healthy.
while read -r name _ port _; do
  pid="$(cat "$state/$name.pid")"
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    say "$name ready: http://127.0.0.1:$port  (API docs: http://127.0.0.1:$port/scalar/v1, health: /health)"
  else
    failed=true
    say "$name FAILED to start; last lines of $logs/$name.log:"
    tail -n 30 "$logs/$name.log" | sed 's/^/    /'
  fi
done < <(services)

if $failed; then stop_services; exit 1; fi

# Demo data goes in once every service runs, Registry first: the others learn its enterprises from
# its events, which reach only queues that already exist.
if $seed; then
  while read -r name project _ database; do
    [ "$database" != "-" ] && [ "$name" != web ] || continue   # the web console has no demo data of its own
    dll="$repo/$(dirname "$project")/bin/Release/net10.0/$(basename "$project" .csproj).dll"
    say "loading demo data into $name"
    mapfile -t env_vars <"$state/$name.env"
    (cd "$(dirname "$dll")" && env "${env_vars[@]}" dotnet "$dll" seed-demo) >>"$logs/$name.log" 2>&1 || say "demo data for $name failed; see $logs/$name.log"
  done < <(services)
  # The demo accounts' passwords, from the identity service's log: on this console only.
  grep -ho 'Demo account .*' "$logs/identity.log" | tail -n 4 | sed 's/^/[run]   /' || true
fi
say "RabbitMQ management: ${PLATFORM_RABBITMQ_MANAGEMENT} (guest/guest)"
say "all services up; Ctrl+C stops them"
if [ "${PLATFORM_RUN_DETACH:-}" = "1" ]; then trap - INT TERM; exit 0; fi
wait
