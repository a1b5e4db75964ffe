#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ as ordinary processes on 127.0.0.1, for development and tests on
# a machine without Docker. Installs the Debian packages when missing; data, logs and pid files live
# under <repo>/.local (git-ignored). Idempotent: `up` twice is a no-op; `down` stops only what `up` started.
#   deploy/local/servers.sh up|down|status|env
# Ports (override with the variables): PLATFORM_PG_PORT=54329, PLATFORM_AMQP_PORT=56729,
# PLATFORM_RABBIT_MGMT_PORT=56739, PLATFORM_RABBIT_DIST_PORT=56749, PLATFORM_EPMD_PORT=56759.
# PLATFORM_PG_FAST=1 starts PostgreSQL without fsync (tests only: data may be lost on a crash).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
base="${PLATFORM_LOCAL_DIR:-$repo/.local}"

pg_port="${PLATFORM_PG_PORT:-54329}"
amqp_port="${PLATFORM_AMQP_PORT:-56729}"
mgmt_port="${PLATFORM_RABBIT_MGMT_PORT:-56739}"
dist_port="${PLATFORM_RABBIT_DIST_PORT:-56749}"
epmd_port="${PLATFORM_EPMD_PORT:-56759}"

pg_bin=/usr/lib/postgresql/15/bin
pg_dir="$base/postgres"; pg_data="$pg_dir/data"; pg_sock="$pg_dir/socket"; pg_log="$pg_data/server.log"
rb_dir="$base/rabbitmq"; rb_log_dir="$rb_dir/log"; rb_pid="$rb_dir/rabbitmq.pid"
rb_node="platform@localhost"

say() { printf '[servers] %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install_missing() {
  local missing=()
  [ -x "$pg_bin/postgres" ] || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing from Debian: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Keep the packages' own init scripts from starting system-wide servers on the default ports.
  local policy=/usr/sbin/policy-rc.d created_policy=false
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null; $sudo chmod +x "$policy"; created_policy=true; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $created_policy && $sudo rm -f "$policy"
  say "installed ${missing[*]}"
}

# --- PostgreSQL -------------------------------------------------------------------------------
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_running() { [ -f "$pg_data/postmaster.pid" ] && pg_as "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }

pg_up() {
  if pg_running; then say "PostgreSQL already running on 127.0.0.1:$pg_port (log: $pg_log)"; return; fi
  mkdir -p "$pg_dir" "$pg_sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$pg_dir"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    say "initialising PostgreSQL data in $pg_data"
    local pwfile; pwfile="$(mktemp)"; echo postgres >"$pwfile"; chmod 644 "$pwfile"
    pg_as "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >>"$pg_data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_sock'
max_connections = 400
logging_collector = off
CONF
  fi
  local fast=""
  [ "${PLATFORM_PG_FAST:-0}" = "1" ] && fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  say "starting PostgreSQL on 127.0.0.1:$pg_port${fast:+ (fast mode, tests only)}"
  pg_as "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -o "-p $pg_port $fast" -w -t 60 start >/dev/null
  "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q
  say "PostgreSQL ready (log: $pg_log)"
}

pg_down() {
  if pg_running; then say "stopping PostgreSQL"; pg_as "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null; else say "PostgreSQL not running"; fi
}

# --- RabbitMQ ---------------------------------------------------------------------------------
rb_env() {
  export HOME="$rb_dir" \
    RABBITMQ_CONF_ENV_FILE="$rb_dir/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$rb_dir/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$rb_dir/enabled_plugins" \
    RABBITMQ_NODENAME="$rb_node" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$amqp_port" \
    RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_MNESIA_BASE="$rb_dir/mnesia" \
    RABBITMQ_LOG_BASE="$rb_log_dir" \
    RABBITMQ_PID_FILE="$rb_pid" \
    ERL_EPMD_PORT="$epmd_port" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rb_running() { [ -f "$rb_pid" ] && kill -0 "$(cat "$rb_pid")" 2>/dev/null && port_open "$amqp_port"; }

rb_up() {
  if rb_running; then say "RabbitMQ already running on 127.0.0.1:$amqp_port (logs: $rb_log_dir)"; return; fi
  mkdir -p "$rb_dir/mnesia" "$rb_log_dir"
  # The server and the CLI authenticate to each other with this cookie; keep it fixed and private.
  [ -f "$rb_dir/.erlang.cookie" ] || { head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$rb_dir/.erlang.cookie"; }
  chmod 600 "$rb_dir/.erlang.cookie"
  : >"$rb_dir/rabbitmq-env.conf"
  # The AMQP listener comes from the environment only; setting it here as well crashes the boot.
  cat >"$rb_dir/rabbitmq.conf" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt_port
loopback_users.guest = true
CONF
  echo '[rabbitmq_management].' >"$rb_dir/enabled_plugins"
  (rb_env; setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$rb_log_dir/console.log" 2>&1 &)
  say "starting RabbitMQ on 127.0.0.1:$amqp_port (management http://127.0.0.1:$mgmt_port)"
  for _ in $(seq 1 120); do
    if port_open "$amqp_port" && (rb_env; /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q check_running >/dev/null 2>&1); then
      for _ in $(seq 1 60); do port_open "$mgmt_port" && break; sleep 0.5; done
      say "RabbitMQ ready (logs: $rb_log_dir)"
      return
    fi
    sleep 0.5
  done
  say "RabbitMQ did not start within 60 s; last lines of its logs:"
  tail -n 40 "$rb_log_dir/console.log" "$rb_log_dir"/*.log 2>/dev/null | sed 's/^/    /'
  return 1
}

rb_down() {
  if [ -f "$rb_pid" ] && kill -0 "$(cat "$rb_pid")" 2>/dev/null; then
    say "stopping RabbitMQ"
    (rb_env; /usr/lib/rabbitmq/bin/rabbitmqctl -q shutdown >/dev/null 2>&1) || kill "$(cat "$rb_pid")" 2>/dev/null || true
  else
    say "RabbitMQ not running"
  fi
  rm -f "$rb_pid"
  # epmd outlives the broker; stop our private one (never the system's, which uses another port).
  if port_open "$epmd_port"; then epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true; fi
}

case "${1:-}" in
  up) install_missing; pg_up; rb_up ;;
  down) rb_down; pg_down ;;
  status)
    if pg_running; then say "PostgreSQL running on 127.0.0.1:$pg_port"; else say "PostgreSQL stopped"; fi
    if rb_running; then say "RabbitMQ running on 127.0.0.1:$amqp_port"; else say "RabbitMQ stopped"; fi ;;
  env)
    echo "export PLATFORM_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres'"
    echo "export PLATFORM_RABBITMQ='amqp://guest:guest@127.0.0.1:$amqp_port'"
    echo "export PLATFORM_RABBITMQ_MANAGEMENT='http://127.0.0.1:$mgmt_port'"
    echo "export PLATFORM_PG_PORT='$pg_port'" ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
