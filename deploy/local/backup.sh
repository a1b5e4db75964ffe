#!/usr/bin/env bash
# Backups of the local PostgreSQL (every service database: one cluster) with point-in-time recovery:
# base backups by pg_basebackup, WAL archived continuously by the server's archive_command
# (deploy/local/servers.sh sets it), restore with restore_command + recovery_target_time.
#   deploy/local/backup.sh base                  # a base backup; WAL is archived from now on
#   deploy/local/backup.sh list                  # base backups, the WAL archive, the restorable window
#   deploy/local/backup.sh archive-now           # close the current WAL segment and wait until it is archived
#   deploy/local/backup.sh restore --to '2026-11-28 21:30:00+00' [--target DIR] [--from LABEL]
#   deploy/local/backup.sh prune --keep N        # keep the newest N base backups and the WAL they need
# Backups go to PLATFORM_BACKUP_DIR (default <repo>/.local/backups): base/<label>/ and wal/.
# `restore` needs an empty (or missing) target, by default the servers' data directory, with PostgreSQL
# stopped; into the default target it starts PostgreSQL, waits for the recovery to reach the moment and
# leaves the server running on a new timeline. Same variables as servers.sh (ports, PLATFORM_LOCAL_DIR).
# Why pg_basebackup and not pgBackRest: README, "Backups and restore".
set -euo pipefail

# Called by the server's archiver for each full WAL segment (as user postgres, cwd = data directory):
# archive-wal <path> <file name> <backup dir>. Kept apart from the rest so that it starts fast.
if [ "${1:-}" = archive-wal ]; then
  src="$2" name="$3" wal="$4/wal"
  # No base backup yet: a segment without a base to replay it onto restores nothing. Succeed, so the
  # server may recycle it (the test suite pays nothing more).
  [ -d "$wal" ] || exit 0
  if [ -f "$wal/$name" ]; then
    # Archived before (the archiver retries after a crash between copy and acknowledgement).
    cmp -s "$src" "$wal/$name" && exit 0
    echo "backup.sh: $wal/$name exists with other content; not overwritten" >&2
    exit 1
  fi
  # Copy under a temporary name, flush, then rename: a crash never leaves a truncated segment that
  # looks archived.
  cp "$src" "$wal/.$name.part" && sync "$wal/.$name.part" && mv "$wal/.$name.part" "$wal/$name"
  exit
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=servers.sh
source "$here/servers.sh"
say() { printf '[backup] %s\n' "$*"; }
die() { printf '[backup] ERROR: %s\n' "$*" >&2; exit 1; }

restore_timeout="${PLATFORM_RESTORE_TIMEOUT:-3600}"   # seconds of WAL replay before restore gives up
base_dir="$backup_dir/base"; wal_dir="$backup_dir/wal"
# Over TCP with the password, like the services: works whichever checkout started the server.
sql() { PGPASSWORD=postgres "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$1"; }
utc() { date -u -d "$1" '+%Y-%m-%d %H:%M:%S.%6N+00'; }
ns() { date -u -d "$1" +%s%N; }
info() { sed -n "s/^$2=//p" "$base_dir/$1/backup.info"; }
labels() { [ -d "$base_dir" ] && find "$base_dir" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial' -printf '%f\n' | sort; return 0; }
# Directories user postgres writes into (the archiver, pg_basebackup), owned by it when we are root.
pg_owned_dir() { mkdir -p "$1"; if is_root; then chown postgres:postgres "$1"; fi; pg_make_reachable "$1"; }

# The server must archive into this backup folder, or a base backup here could never be rolled forward.
check_archiving() {
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || die "no PostgreSQL on 127.0.0.1:$pg_port (deploy/local/servers.sh up)"
  local mode command
  mode="$(sql 'show archive_mode')"; command="$(sql 'show archive_command')"
  [ "$mode" = on ] && [[ "$command" == *"\"$backup_dir\""* ]] ||
    die "the PostgreSQL on port $pg_port does not archive WAL into $backup_dir (archive_mode=$mode, archive_command=$command); restart it with this checkout's servers.sh (down, up) and the same PLATFORM_BACKUP_DIR"
}

cmd_base() {
  check_archiving
  local t0 label start end target; t0=$(now_ms)
  mkdir -p "$backup_dir"; pg_owned_dir "$backup_dir"; pg_owned_dir "$base_dir"
  # From this moment on the archiver keeps every segment (archive-wal above), so the WAL from this
  # backup's start onwards reaches the archive.
  pg_owned_dir "$wal_dir"
  label="$(date -u +%Y%m%dT%H%M%SZ)"; target="$base_dir/$label"
  [ -e "$target" ] && die "$target exists (one base backup per second)"
  start="$(date -u '+%Y-%m-%d %H:%M:%S.%6N+00')"
  say "base backup $label of 127.0.0.1:$pg_port into $target"
  mkdir -p "$pg_dir"
  # Plain format (a data directory, restored with cp), WAL of the backup's own span streamed into it
  # (-X stream: the backup is consistent on its own), an immediate checkpoint rather than a spread one.
  if ! pg_as env PGPASSWORD=postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U postgres \
       -D "$target.partial" -F plain -X stream --checkpoint=fast --label="platform $label" >"$backup_dir/base-$label.log" 2>&1; then
    show_tail "$backup_dir/base-$label.log"; rm -rf "$target.partial"; die "pg_basebackup failed"
  fi
  # The backup is consistent from its end: no moment before that can be restored from it.
  end="$(date -u '+%Y-%m-%d %H:%M:%S.%6N+00')"
  mv "$target.partial" "$target"; rm -f "$backup_dir/base-$label.log"
  local start_wal; start_wal="$(sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]*\)).*/\1/p' "$target/backup_label")"
  printf 'label=%s\nstart=%s\nend=%s\nstart_wal=%s\n' "$label" "$start" "$end" "$start_wal" | pg_as tee "$target/backup.info" >/dev/null
  say "base backup $label done in $(since "$t0"): $(du -sh "$target" | cut -f1), restorable from $end"
}

cmd_list() {
  say "backup folder: $backup_dir"
  local label any=""
  printf '  %-18s %-28s %-28s %s\n' LABEL STARTED "CONSISTENT FROM" SIZE
  for label in $(labels); do
    any=1
    printf '  %-18s %-28s %-28s %s\n' "$label" "$(info "$label" start)" "$(info "$label" end)" "$(du -sh "$base_dir/$label" | cut -f1)"
  done
  [ -n "$any" ] || { say "no base backup yet (deploy/local/backup.sh base)"; return 0; }
  local segments newest=""
  segments="$(find "$wal_dir" -maxdepth 1 -type f -name '[0-9A-F]*' ! -name '*.part' | wc -l)"
  # The newest segment proper (24 hex digits), not a .history or .backup file.
  [ "$segments" -gt 0 ] && newest="$(find "$wal_dir" -maxdepth 1 -type f -regex '.*/[0-9A-F]\{24\}' -printf '%T@ %f\n' | sort -n | tail -n 1)"
  say "WAL archive: $segments files, $(du -sh "$wal_dir" | cut -f1)${newest:+, newest ${newest#* } archived $(date -u -d "@${newest%% *}" '+%Y-%m-%d %H:%M:%S+00')}"
  say "restorable: any moment from $(info "$(labels | head -n 1)" end) to the last commit in the newest archived segment${newest:+ (about $(date -u -d "@${newest%% *}" '+%Y-%m-%d %H:%M:%S+00'))}"
}

# Closes the current segment (pg_switch_wal) and waits until the archiver has stored it: everything
# committed before this call is then restorable (before a planned stop; the restore drill uses it).
cmd_archive_now() {
  check_archiving
  [ -d "$wal_dir" ] || die "no base backup in $backup_dir yet: take one first (deploy/local/backup.sh base)"
  local segment deadline=$((SECONDS + 300))
  segment="$(sql 'select pg_walfile_name(pg_switch_wal())')"
  until [ -f "$wal_dir/$segment" ]; do
    ((SECONDS < deadline)) || die "segment $segment not archived after 300 s: $(sql 'select failed_count, last_failed_wal from pg_stat_archiver')"
    sleep 0.2
  done
  say "WAL archived up to segment $segment"
}

cmd_restore() {
  local to="" target="$pg_data" from=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --to) to="$2"; shift 2 ;;
      --target) target="$2"; shift 2 ;;
      --from) from="$2"; shift 2 ;;
      *) die "restore: unknown argument $1" ;;
    esac
  done
  [ -n "$to" ] || die "restore: --to <moment> is required (e.g. --to '$(date -u '+%Y-%m-%d %H:%M:%S+00')')"
  to="$(utc "$to")" || die "restore: cannot read the moment '$to'"
  target="$(realpath -m "$target")"
  lock
  if [ "$target" = "$pg_data" ] && pg_running; then die "PostgreSQL runs on $pg_data: stop it (servers.sh down) and move the directory away first"; fi
  if [ -d "$target" ] && [ -n "$(ls -A "$target")" ]; then die "$target is not empty: restore into a fresh directory (move this one away first)"; fi
  # The newest base backup that is consistent before the moment (or the one named).
  local label
  if [ -n "$from" ]; then label="$from"; [ -f "$base_dir/$label/backup.info" ] || die "no base backup $label in $base_dir"
  else
    for l in $(labels); do (($(ns "$(info "$l" end)") < $(ns "$to"))) && label="$l"; done
    [ -n "${label:-}" ] || die "no base backup in $base_dir is consistent before $to (deploy/local/backup.sh list)"
  fi
  (($(ns "$(info "$label" end)") < $(ns "$to"))) || die "base backup $label is consistent only from $(info "$label" end), after $to"

  local t0 t1; t0=$(now_ms)
  say "restoring base backup $label into $target, then WAL from $wal_dir up to $to"
  mkdir -p "$target"
  cp -a "$base_dir/$label/." "$target/"
  rm -f "$target/backup.info" "$target/postmaster.pid" "$target/postmaster.opts"
  chmod 700 "$target"
  if is_root; then chown -R postgres:postgres "$target"; fi
  # Recovery settings in a file of their own, removed once the server is promoted (they are read only
  # at start, and only with recovery.signal present). recovery_target_action=promote: the restored
  # server opens for writes on a new timeline, whose WAL goes on into the same archive.
  cat >"$target/platform-recovery.conf" <<CONF
# Written by deploy/local/backup.sh restore; removed when the recovery has ended.
restore_command = 'cp "$wal_dir/%f" "%p"'
recovery_target_time = '$to'
recovery_target_action = 'promote'
CONF
  grep -q "^include_if_exists = 'platform-recovery.conf'" "$target/postgresql.conf" ||
    echo "include_if_exists = 'platform-recovery.conf'" >>"$target/postgresql.conf"
  touch "$target/recovery.signal"
  if is_root; then chown postgres:postgres "$target/platform-recovery.conf" "$target/recovery.signal"; fi
  say "base backup copied in $(since "$t0")"

  if [ "$target" != "$pg_data" ]; then
    say "prepared; start it on a free port to replay the WAL, e.g. (as user postgres):"
    say "  $pg_bin/pg_ctl -D $target -l $target/server.log -o '-p 55999 -c unix_socket_directories=/tmp' start"
    return 0
  fi
  t1=$(now_ms)
  pg_up
  # pg_ctl returns once the server accepts connections (when recovery is consistent); the replay to the
  # moment goes on until the server promotes itself.
  local deadline=$((SECONDS + restore_timeout))
  until [ "$(sql 'select pg_is_in_recovery()' 2>/dev/null || true)" = f ]; do
    pg_running || { show_tail "$pg_log"; die "PostgreSQL stopped during the recovery"; }
    ((SECONDS < deadline)) || { show_tail "$pg_log"; die "still recovering after $restore_timeout s (PLATFORM_RESTORE_TIMEOUT)"; }
    sleep 0.2
  done
  rm -f "$target/platform-recovery.conf"
  say "restored to $to in $(since "$t0") (WAL replay and promotion $(since "$t1")); timeline $(sql 'select timeline_id from pg_control_checkpoint()')"
  # RabbitMQ is not restored: messages of events committed after the moment would otherwise be applied.
  say "before starting the services: if RabbitMQ ran on after the moment, purge the platform's queues (README, \"Backups and restore\")"
}

cmd_prune() {
  local keep=""
  [ "${1:-}" = --keep ] && keep="${2:-}"
  [[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "prune: --keep N (N >= 1) is required"
  local all; mapfile -t all < <(labels)
  ((${#all[@]} > keep)) || { say "${#all[@]} base backups, nothing to prune"; return 0; }
  local l
  for l in "${all[@]:0:${#all[@]}-keep}"; do say "removing base backup $l"; rm -rf "${base_dir:?}/$l"; done
  local oldest; oldest="$(info "${all[${#all[@]}-keep]}" start_wal)"
  "$pg_bin/pg_archivecleanup" "$wal_dir" "$oldest"
  say "kept ${keep} base backups and the WAL from segment $oldest on"
}

case "${1:-}" in
  base) cmd_base ;;
  list) cmd_list ;;
  archive-now) cmd_archive_now ;;
  restore) shift; cmd_restore "$@" ;;
  prune) shift; cmd_prune "$@" ;;
  *) echo "usage: $0 base|list|archive-now|restore --to <moment> [--target DIR] [--from LABEL]|prune --keep N" >&2; exit 2 ;;
esac
