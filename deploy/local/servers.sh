#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ as ordinary processes on 127.0.0.1, for development and tests on
# a machine without Docker. Installs the Debian packages when missing; data, logs and pid files live
# under <repo>/.local (git-ignored). Idempotent: `up` twice is a no-op; `down` stops only what `up`
# started (found through pid files), including the broker's private epmd.
#   deploy/local/servers.sh up|down|status|env|install     (up/down postgres|rabbitmq: that server only)
#   eval "$(deploy/local/servers.sh env)"   # PLATFORM_POSTGRES, PLATFORM_RABBITMQ, PLATFORM_RABBITMQ_MANAGEMENT
# `status` exits 0 when both servers run, 3 otherwise.
# Ports (override with the variables): PLATFORM_PG_PORT=54329, PLATFORM_AMQP_PORT=56729,
# PLATFORM_RABBIT_MGMT_PORT=56739, PLATFORM_RABBIT_DIST_PORT=56749, PLATFORM_EPMD_PORT=56759.
# PLATFORM_PG_FAST=1 starts PostgreSQL without fsync (tests only: data may be lost on a crash).
# PLATFORM_PG_PRELOAD sets shared_preload_libraries (bench.sh's own server: pg_stat_statements).
# PLATFORM_LOCAL_DIR moves the state folder (default <repo>/.local); PLATFORM_START_TIMEOUT (seconds,
# default 120) bounds the wait for each server.
# PostgreSQL archives its WAL into PLATFORM_BACKUP_DIR (default <state folder>/backups) once
# deploy/local/backup.sh has taken a base backup there; until then archiving discards (README,
# "Backups and restore"). backup.sh sources this file for its settings and functions.
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"   # runuser, invoke-rc.d: root shells without sbin exist
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
base="${PLATFORM_LOCAL_DIR:-$repo/.local}"

pg_port="${PLATFORM_PG_PORT:-54329}"
amqp_port="${PLATFORM_AMQP_PORT:-56729}"
mgmt_port="${PLATFORM_RABBIT_MGMT_PORT:-56739}"
dist_port="${PLATFORM_RABBIT_DIST_PORT:-56749}"
epmd_port="${PLATFORM_EPMD_PORT:-56759}"
start_timeout="${PLATFORM_START_TIMEOUT:-120}"   # RabbitMQ needs ~6 s idle, ~55 s on a busy 2-CPU machine

pg_bin=/usr/lib/postgresql/15/bin
backup_dir="${PLATFORM_BACKUP_DIR:-$base/backups}"
pg_dir="$base/postgres"; pg_data="$pg_dir/data"; pg_sock="$pg_dir/socket"; pg_log="$pg_data/server.log"
rb_bin=/usr/lib/rabbitmq/bin
rb_dir="$base/rabbitmq"; rb_log_dir="$rb_dir/log"; rb_node="platform@localhost"
rb_pid="$rb_dir/rabbitmq.pid"        # written by the broker itself, early in its boot
rb_launcher="$rb_dir/launcher.pid"   # the rabbitmq-server shell we start (exists before the broker's own)
rb_console="$rb_log_dir/console.log"; rb_log="$rb_log_dir/$rb_node.log"

say() { printf '[servers] %s\n' "$*"; }
die() { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
as_root() { if is_root; then "$@"; else sudo "$@"; fi; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now_ms() { date +%s%3N; }
since() { local ms=$(($(now_ms) - $1)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }
show_tail() { local f; for f in "$@"; do [ -f "$f" ] && { say "last lines of $f:"; tail -n 40 "$f" | sed 's/^/    /'; }; done; return 0; }
# Is pid $1 alive and running a command line containing $2 (guards against a recycled pid)?
pid_is() { [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "$2"; }

# Files to remove however the script ends (temporary policy-rc.d, password file).
cleanup=()
trap 'for f in "${cleanup[@]}"; do as_root rm -f "$f"; done' EXIT

# --- Installation ------------------------------------------------------------------------------
install_missing() {
  local missing=()
  [ -x "$pg_bin/postgres" ] || missing+=(postgresql-15)   # what Debian 12's `postgresql` pulls in
  [ -x "$rb_bin/rabbitmq-server" ] || missing+=(rabbitmq-server)
  command -v curl >/dev/null || missing+=(curl)           # run.sh polls the services' /health with it
  [ ${#missing[@]} -eq 0 ] && return 0
  local t0 log="$base/install.log"; t0=$(now_ms)
  say "installing Debian packages: ${missing[*]} (apt output: $log)"
  # The packages' maintainer scripts would start system-wide servers (5432, 5672, epmd 4369) through
  # invoke-rc.d/deb-systemd-invoke; a policy-rc.d answering 101 forbids that during the install.
  local policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary (deploy/local/servers.sh): no service starts during the install\nexit 101\n' |
      as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    cleanup+=("$policy")
  fi
  if ! { as_root apt-get update -q &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    show_tail "$log"
    die "apt-get failed (full output: $log)"
  fi
  { [ -x "$pg_bin/postgres" ] && [ -x "$rb_bin/rabbitmq-server" ]; } || die "installed, but $pg_bin or $rb_bin is still missing"
  say "installed ${missing[*]} in $(since "$t0")"
}

# --- PostgreSQL --------------------------------------------------------------------------------
# initdb and the server refuse to run as root: as root, run them as the package's `postgres` user.
pg_as() { if is_root; then (cd "$pg_dir" && runuser -u postgres -- "$@"); else (cd "$pg_dir" && "$@"); fi; }
pg_running() { [ -f "$pg_data/postmaster.pid" ] && ! pg_stale_pid && pg_as "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }
# After a crash (kill -9) the postmaster may linger as a zombie where nothing reaps orphans (containers):
# its pid still "exists", so pg_ctl and the server itself would take the stale lock file for a live server.
pg_stale_pid() {
  local pid; pid="$(head -n 1 "$pg_data/postmaster.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] || return 1
  [ ! -d "/proc/$pid" ] || grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}
pg_pid() { pg_as head -n 1 "$pg_data/postmaster.pid" 2>/dev/null || echo '?'; }

# User postgres must be able to walk down to the data folder and the backup folder (a clone under
# /root is not reachable).
pg_make_reachable() {
  local dir="${1:-$pg_dir}"
  is_root || return 0
  runuser -u postgres -- test -w "$dir" && return 0
  local p="" part parts
  IFS=/ read -ra parts <<<"${dir#/}"
  for part in "${parts[@]}"; do
    p="$p/$part"
    if ! runuser -u postgres -- test -x "$p"; then
      say "chmod o+x $p (so that user postgres can reach $dir)"
      chmod o+x "$p"
    fi
  done
  runuser -u postgres -- test -w "$dir" || die "user postgres cannot write to $dir"
}

pg_up() {
  if pg_running; then
    say "PostgreSQL already running on 127.0.0.1:$pg_port (pid $(pg_pid); log: $pg_log)"
    return
  fi
  port_open "$pg_port" && die "127.0.0.1:$pg_port is taken by another program (set PLATFORM_PG_PORT to move ours)"
  if [ -f "$pg_data/postmaster.pid" ] && pg_stale_pid; then
    say "removing the lock files of a crashed PostgreSQL (pid $(head -n 1 "$pg_data/postmaster.pid"))"
    rm -f "$pg_data/postmaster.pid" "$pg_sock/.s.PGSQL.$pg_port" "$pg_sock/.s.PGSQL.$pg_port.lock"
  fi
  local t0; t0=$(now_ms)
  mkdir -p "$pg_dir" "$pg_sock" "$backup_dir"
  is_root && chown postgres:postgres "$pg_dir" "$pg_sock" "$backup_dir"
  pg_make_reachable "$pg_dir"
  pg_make_reachable "$backup_dir"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    say "initialising a PostgreSQL 15 cluster in $pg_data (superuser postgres, password postgres)"
    local pwfile; pwfile="$(mktemp)"; cleanup+=("$pwfile")
    echo postgres >"$pwfile"
    is_root && chown postgres "$pwfile"
    # Local socket: trust (for psql -h <socket dir>); TCP: password, as the services connect.
    pg_as "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 ||
      { show_tail "$pg_dir/initdb.log"; die "initdb failed"; }
  fi
  # Our settings live in their own file, rewritten at each start, so that changed ports also apply to
  # an existing cluster; postgresql.conf only includes it (added once).
  grep -q "^include_if_exists = 'platform.conf'" "$pg_data/postgresql.conf" ||
    echo "include_if_exists = 'platform.conf'" >>"$pg_data/postgresql.conf"
  # The archiver runs as user postgres: if it cannot run backup.sh (a checkout it cannot read), every
  # segment would fail to archive and pile up in pg_wal, so archiving then discards instead, loudly.
  local archive_command="\"$here/backup.sh\" archive-wal \"%p\" \"%f\" \"$backup_dir\""
  if is_root && ! runuser -u postgres -- test -x "$here/backup.sh"; then
    say "WARNING: user postgres cannot run $here/backup.sh: WAL is not archived (no point-in-time restore) until it can"
    archive_command=/bin/true
  fi
  cat >"$pg_data/platform.conf" <<CONF
# Written by deploy/local/servers.sh at each start; edits are lost.
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_sock'
max_connections = 400        # the test hosts open many connection pools at once
logging_collector = off      # pg_ctl -l already writes the log file
# WAL archiving for point-in-time recovery (deploy/local/backup.sh). The archiver hands each full
# segment to backup.sh, which keeps it only once a base backup exists (WAL without a base to replay
# it onto restores nothing), so the test suite pays one short shell per 16 MB segment. A segment is
# closed after at most archive_timeout when there is activity: the recovery point objective.
wal_level = replica
archive_mode = on
archive_command = '$archive_command'
archive_timeout = 60
${PLATFORM_PG_PRELOAD:+shared_preload_libraries = '$PLATFORM_PG_PRELOAD'}
CONF
  is_root && chown postgres:postgres "$pg_data/platform.conf"
  local fast=""
  [ "${PLATFORM_PG_FAST:-0}" = "1" ] && fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  say "starting PostgreSQL on 127.0.0.1:$pg_port${fast:+ (PLATFORM_PG_FAST=1: fsync off, tests only)}"
  # 9>&-: the server must not inherit (and so hold) our lock.
  pg_as "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" ${fast:+-o "$fast"} -w -t "$start_timeout" start >/dev/null 2>&1 9>&- ||
    { show_tail "$pg_log"; die "PostgreSQL did not start"; }
  # pg_ctl -w waits on the socket; the services connect over TCP, so wait for that too.
  local deadline=$((SECONDS + start_timeout))
  until "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do
    ((SECONDS < deadline)) || { show_tail "$pg_log"; die "PostgreSQL does not accept TCP connections on 127.0.0.1:$pg_port"; }
    sleep 0.3
  done
  say "PostgreSQL ready in $(since "$t0"): 127.0.0.1:$pg_port, pid $(pg_pid) (data: $pg_data; log: $pg_log)"
}

pg_down() {
  if pg_running; then
    say "stopping PostgreSQL (pid $(pg_pid))"
    pg_as "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null
  else
    say "PostgreSQL not running"
  fi
}

# --- RabbitMQ ----------------------------------------------------------------------------------
# Everything the broker and its CLI need to find each other without reading /etc or /var/lib: the
# cookie comes from HOME, the node name and the private epmd from the environment.
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
    ERL_CRASH_DUMP="$rb_log_dir/erl_crash.dump" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}
rb_cli() { (rb_env; "$rb_bin/$1" "${@:2}"); }

rb_beam() { local p; p="$(cat "$rb_pid" 2>/dev/null || true)"; pid_is "$p" beam && echo "$p"; }
rb_shell() { local p; p="$(cat "$rb_launcher" 2>/dev/null || true)"; pid_is "$p" rabbitmq-server && echo "$p"; }
rb_alive() { rb_beam >/dev/null || rb_shell >/dev/null; }
# A process that exists and is not a zombie (a child that exited stays a zombie until the shell reaps it).
proc_alive() { [ -n "$1" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
# While `up` waits: the launcher it started itself ($launcher, known from `$!`), or any process still
# in that launcher's session (the Erlang VM before and after it writes its own pid file).
rb_starting() {
  if [ -n "${launcher:-}" ]; then
    proc_alive "$launcher" && return 0
    local p; for p in $(pgrep -s "$launcher" 2>/dev/null); do proc_alive "$p" && return 0; done
    rb_beam >/dev/null
  else
    rb_alive   # another `up` launched it earlier; its pid files are written by now
  fi
}
rb_running() { rb_beam >/dev/null && port_open "$amqp_port"; }

# The broker's failure report: what its log gained since the launch (older runs would bury it), then
# the console output, which holds boot errors from before the log file takes over.
rb_failure_report() {
  if [ -f "$rb_log" ]; then
    say "last lines of $rb_log:"
    tail -c +"$((rb_log_start + 1))" "$rb_log" | tail -n 40 | sed 's/^/    /'
  fi
  show_tail "$rb_console"
}

rb_up() {
  rb_log_start=0; launcher=""
  if rb_running; then
    say "RabbitMQ already running on 127.0.0.1:$amqp_port (pid $(rb_beam); management http://127.0.0.1:$mgmt_port; logs: $rb_log_dir)"
    return
  fi
  local t0; t0=$(now_ms)
  if rb_alive; then
    say "RabbitMQ is already starting; waiting for it"
  else
    local port
    for port in "$amqp_port" "$mgmt_port" "$dist_port"; do
      port_open "$port" && die "127.0.0.1:$port is taken by another program (see the PLATFORM_* port variables)"
    done
    mkdir -p "$rb_dir/mnesia" "$rb_log_dir"
    # Server and CLI authenticate to each other with this cookie: made once, kept, private.
    [ -s "$rb_dir/.erlang.cookie" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$rb_dir/.erlang.cookie"
    chmod 600 "$rb_dir/.erlang.cookie"
    : >"$rb_dir/rabbitmq-env.conf"   # our own (empty) one, so /etc/rabbitmq/rabbitmq-env.conf is not read
    # The AMQP listener comes from the environment only: setting it here too crashes the boot (eaddrinuse).
    cat >"$rb_dir/rabbitmq.conf" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt_port
loopback_users.guest = true
CONF
    echo '[rabbitmq_management].' >"$rb_dir/enabled_plugins"
    rb_log_start="$(stat -c %s "$rb_log" 2>/dev/null || echo 0)"
    # Own session, no terminal, stdin/stdout detached: the broker outlives this script and never
    # holds a caller's pipe open (nor our lock). `$!` is the launcher's pid from the first instant
    # (setsid -w keeps that pid alive for as long as the broker's shell runs, should setsid have to
    # fork), so liveness never depends on a pid file someone else has yet to write.
    (rb_env; cd "$rb_dir" && exec setsid -w nohup "$rb_bin/rabbitmq-server" </dev/null >"$rb_console" 2>&1 9>&-) &
    launcher=$!
    echo "$launcher" >"$rb_launcher"
    say "starting RabbitMQ on 127.0.0.1:$amqp_port (management http://127.0.0.1:$mgmt_port, node $rb_node, epmd port $epmd_port)"
  fi
  # The AMQP port opens late in the boot; then the CLI confirms the node (await_startup straight after
  # the launch fails, hence the port first).
  local deadline=$((SECONDS + start_timeout))
  until port_open "$amqp_port" && rb_cli rabbitmq-diagnostics -q check_running >/dev/null 2>&1; do
    if ! rb_starting; then
      rb_failure_report
      say "processes at the time (ps --forest):"
      ps -e -o pid,ppid,pgid,sid,stat,etime,args --forest 2>/dev/null | grep -E 'rabbit|beam|epmd|erl|PID' | grep -v grep | cut -c1-220 | sed 's/^/    /' || true
      rm -f "$rb_pid" "$rb_launcher"
      die "RabbitMQ exited during its start (logs: $rb_log_dir)"
    fi
    if ((SECONDS >= deadline)); then
      # Left running: a slow machine may still get there, and `up` again waits for it.
      rb_failure_report
      die "RabbitMQ not ready after $start_timeout s (logs: $rb_log_dir); \`$0 up\` waits for it again, \`$0 down\` stops it"
    fi
    sleep 0.5
  done
  until port_open "$mgmt_port"; do
    ((SECONDS < deadline)) || { rb_failure_report; die "RabbitMQ management did not open 127.0.0.1:$mgmt_port"; }
    sleep 0.3
  done
  say "RabbitMQ ready in $(since "$t0"): amqp://127.0.0.1:$amqp_port, management http://127.0.0.1:$mgmt_port, pid $(rb_beam) (logs: $rb_log_dir)"
}

# Stops the broker we started: a clean shutdown first (it waits for the node to exit), then signals.
rb_stop_processes() {
  local beam shell; beam="$(rb_beam || true)"; shell="$(rb_shell || true)"
  if [ -n "$beam" ]; then rb_cli rabbitmqctl -q -t 60 shutdown >/dev/null 2>&1 || true; fi
  local sig
  for sig in TERM KILL; do
    for _ in $(seq 1 50); do
      pid_is "$beam" beam || pid_is "$shell" rabbitmq-server || break 2
      sleep 0.2
    done
    say "RabbitMQ still running; sending SIG$sig"
    pid_is "$beam" beam && kill -s "$sig" "$beam" 2>/dev/null
    pid_is "$shell" rabbitmq-server && kill -s "$sig" "$shell" 2>/dev/null
  done
  rm -f "$rb_pid" "$rb_launcher"
}

rb_down() {
  if rb_alive; then
    say "stopping RabbitMQ (pid $(rb_beam || rb_shell))"
    rb_stop_processes
  else
    say "RabbitMQ not running"
    rm -f "$rb_pid" "$rb_launcher"
  fi
  # epmd outlives the broker; stop our private one (the system's, if any, listens on another port).
  # epmd itself refuses while a node is still registered with it, so a shared port is safe.
  if port_open "$epmd_port"; then
    if epmd -port "$epmd_port" -kill >/dev/null 2>&1; then
      for _ in $(seq 1 25); do port_open "$epmd_port" || break; sleep 0.2; done
      say "stopped the private epmd on port $epmd_port"
    else
      say "private epmd on port $epmd_port left running: another node is registered with it"
    fi
  fi
}

# --- Commands ----------------------------------------------------------------------------------
lock() { mkdir -p "$base"; exec 9>"$base/.servers.lock"; flock 9; }   # one up/down at a time

# Sourced (by backup.sh): settings and functions only.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

case "${1:-}" in
  up)   # `up postgres` or `up rabbitmq`: that server only (the restore drill needs no broker of its own)
    t_all=$(now_ms)
    lock; install_missing
    [ "${2:-postgres}" = postgres ] && pg_up
    [ "${2:-rabbitmq}" = rabbitmq ] && rb_up
    say "done in $(since "$t_all"); connection settings: eval \"\$($0 env)\"" ;;
  down)
    lock
    [ "${2:-rabbitmq}" = rabbitmq ] && rb_down
    [ "${2:-postgres}" = postgres ] && pg_down
    true ;;
  install)   # only the Debian packages (deploy/local/aspire.sh: the AppHost runs the servers itself)
    lock; install_missing ;;
  status)
    ok=0
    if pg_running; then say "PostgreSQL running on 127.0.0.1:$pg_port (pid $(pg_pid); log: $pg_log)"
    else say "PostgreSQL stopped"; ok=3; fi
    if rb_running; then say "RabbitMQ running on 127.0.0.1:$amqp_port, management http://127.0.0.1:$mgmt_port (pid $(rb_beam); logs: $rb_log_dir)"
    elif rb_alive; then say "RabbitMQ starting (pid $(rb_beam || rb_shell))"; ok=3
    else say "RabbitMQ stopped"; ok=3; fi
    if port_open "$epmd_port"; then say "private epmd listening on 127.0.0.1:$epmd_port"; fi
    exit $ok ;;
  env)
    echo "export PLATFORM_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres'"
    echo "export PLATFORM_RABBITMQ='amqp://guest:guest@127.0.0.1:$amqp_port'"
    echo "export PLATFORM_RABBITMQ_MANAGEMENT='http://127.0.0.1:$mgmt_port'" ;;
  *)
    echo "usage: $0 up|down [postgres|rabbitmq] | status|env|install" >&2; exit 2 ;;
esac
