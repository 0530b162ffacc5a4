#!/usr/bin/env bash
# Zero-config local PostgreSQL 17 + TimescaleDB + pgvector for `schema` and the tests.
# Where a Docker engine answers: the timescale/timescaledb-ha:pg17 image (Community edition). Otherwise, as root on
# Debian/Ubuntu, the chroot below. SCHEMA_LOCAL_MODE=docker|chroot forces one on the first run.
#
# Why a chroot: these machines have no Docker engine and Debian bookworm has no TimescaleDB/pgvector packages,
# but Debian trixie has postgresql-17-timescaledb and -pgvector. debootstrap builds a trixie root filesystem once
# in a cache folder outside the work tree; the server runs from it via chroot and listens on 127.0.0.1, so every
# clone and every run reuses it.
#
# Usage: local-server.sh ensure|stop|status|destroy
#   ensure  build the root filesystem if missing, init the cluster if missing, start it if stopped;
#           prints KEY=VALUE lines (port, user, password file) on stdout, progress on stderr.
# Environment: SCHEMA_LOCAL_HOME (default ~/.cache/schema-cli/pg17), SCHEMA_LOCAL_MIRROR (default deb.debian.org).
set -euo pipefail

home="${SCHEMA_LOCAL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/schema-cli/pg17}"
rootfs="$home/rootfs"
mirror="${SCHEMA_LOCAL_MIRROR:-http://deb.debian.org/debian}"
pgbin=/usr/lib/postgresql/17/bin
datadir=/var/lib/postgresql/schema-local      # inside the chroot
logfile=/var/lib/postgresql/schema-local.log  # inside the chroot
# partman: the benchmark compares `schema maintain` with pg_partman's run_maintenance; plpgsql-check: `schema lint`
# checks every PL/pgSQL body with it. Neither is loaded by a migration.
packages="postgresql-17 postgresql-17-timescaledb postgresql-17-pgvector postgresql-17-partman postgresql-17-plpgsql-check"

say() { echo "local-server: $*" >&2; }
die() { echo "local-server: $*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] || die "building the local server needs root (debootstrap + chroot). Run as root, or set ConnectionStrings__Schema to point at a PostgreSQL 17 server with timescaledb and vector."
  command -v apt-get >/dev/null || die "no apt-get: the local server needs Debian or Ubuntu. Set ConnectionStrings__Schema to point at a server instead."
}

pg_uid() { awk -F: '$1=="postgres"{print $3":"$4}' "$rootfs/etc/passwd"; }
in_root_as_pg() { chroot --userspec="$(pg_uid)" "$rootfs" env -i LANG=C.UTF-8 PATH=/usr/bin:/bin HOME=/var/lib/postgresql "$@"; }

build_rootfs() {
  need_root
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap on the host (apt-get)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap) >&2 \
      || die "could not install debootstrap"
  fi
  local tmp="$home/rootfs.partial"
  rm -rf "$tmp"; mkdir -p "$home"
  say "creating a Debian trixie root filesystem in $rootfs (about a minute, once)"
  debootstrap --variant=minbase trixie "$tmp" "$mirror" >"$home/debootstrap.log" 2>&1 \
    || die "debootstrap failed, see $home/debootstrap.log"
  # No services may start inside the chroot during package installation, and no default cluster is wanted.
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"; chmod +x "$tmp/usr/sbin/policy-rc.d"
  mkdir -p "$tmp/etc/postgresql-common/createcluster.d"
  echo "create_main_cluster = false" >"$tmp/etc/postgresql-common/createcluster.d/no-main.conf"
  say "installing $packages inside it"
  mount -t proc proc "$tmp/proc"
  trap 'umount "'"$tmp"'/proc" 2>/dev/null || true' EXIT
  if ! chroot "$tmp" env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages" >"$home/apt.log" 2>&1; then
    die "package installation failed, see $home/apt.log"
  fi
  umount "$tmp/proc"; trap - EXIT
  chroot "$tmp" apt-get clean >/dev/null 2>&1 || true
  mv "$tmp" "$rootfs"
}

# A root filesystem built by an older version of this script lacks packages added since: install just those.
install_missing_packages() {
  local missing=() p
  for p in $packages; do
    chroot "$rootfs" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  say "installing ${missing[*]} inside $rootfs"
  mount -t proc proc "$rootfs/proc"
  trap 'umount "'"$rootfs"'/proc" 2>/dev/null || true' EXIT
  if ! chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${missing[*]}" >"$home/apt.log" 2>&1
  then
    umount "$rootfs/proc"; trap - EXIT
    die "package installation failed, see $home/apt.log"
  fi
  umount "$rootfs/proc"; trap - EXIT
  chroot "$rootfs" apt-get clean >/dev/null 2>&1 || true
}

free_port() {
  # Ask the kernel for a free port on the loopback address.
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

init_cluster() {
  need_root
  local port password
  port="$(free_port)"
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  mkdir -p "$rootfs$datadir"; chown "$(pg_uid)" "$rootfs$datadir"
  umask 077
  printf '%s\n' "$password" >"$rootfs/var/lib/postgresql/.pwfile"; chown "$(pg_uid)" "$rootfs/var/lib/postgresql/.pwfile"
  say "initialising a cluster (port $port)"
  in_root_as_pg "$pgbin/initdb" -D "$datadir" -U postgres --pwfile=/var/lib/postgresql/.pwfile \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 \
    || die "initdb failed, see $home/initdb.log"
  rm -f "$rootfs/var/lib/postgresql/.pwfile"
  cat >>"$rootfs$datadir/postgresql.conf" <<CONF

# --- schema-cli local server ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_preload_libraries = 'timescaledb,pg_stat_statements'
dynamic_shared_memory_type = mmap   # no /dev/shm inside the chroot
shared_buffers = 512MB
fsync = off                         # a throwaway developer database; never for real data
synchronous_commit = off
full_page_writes = off
timescaledb.telemetry_level = off
# max_connections and max_locks_per_transaction stay at PostgreSQL's defaults (100, 64): production servers run
# them, and the market partition code must work within them (a raised limit here once hid an "out of shared memory").
CONF
  printf 'mode=chroot\nport=%s\npassword=%s\n' "$port" "$password" >"$home/server.env"
  chmod 600 "$home/server.env"
}

port_of() { sed -n 's/^port=//p' "$home/server.env"; }

# Clusters initialised by older versions of this script raised the lock limits; put them back to the defaults.
reset_raised_limits() {
  local conf="$rootfs$datadir/postgresql.conf"
  grep -qE '^(max_connections = 200|max_locks_per_transaction = 256)' "$conf" || return 0
  say "restoring PostgreSQL's default max_connections/max_locks_per_transaction"
  sed -i -E '/^(max_connections = 200|max_locks_per_transaction = 256)/d' "$conf"
  if is_running; then in_root_as_pg "$pgbin/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 -m fast restart >&2 9>&-; fi
}

is_running() { in_root_as_pg "$pgbin/pg_ctl" -D "$datadir" status >/dev/null 2>&1; }

start() {
  need_root
  say "starting PostgreSQL 17 on 127.0.0.1:$(port_of)"
  # 9>&-: the server outlives this script and must not inherit (and so hold forever) the lock on fd 9.
  in_root_as_pg "$pgbin/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 start >&2 9>&- \
    || die "the server did not start, see $rootfs$logfile"
}

# --- Docker: where an engine answers, the timescale/timescaledb-ha:pg17 image (TimescaleDB Community + pgvector) ---
container=schema-cli-pg17
image=timescale/timescaledb-ha:pg17
docker_ok() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }
docker_running() { [ "$(docker container inspect -f '{{.State.Running}}' "$container" 2>/dev/null)" = true ]; }

docker_ensure() {
  if ! docker container inspect "$container" >/dev/null 2>&1; then
    local port password
    port="$(free_port)"
    password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    say "starting $image as container $container on 127.0.0.1:$port"
    docker run -d --name "$container" -p "127.0.0.1:$port:5432" -e POSTGRES_PASSWORD="$password" "$image" >/dev/null \
      || die "docker run $image failed"
    umask 077
    printf 'mode=docker\nport=%s\npassword=%s\n' "$port" "$password" >"$home/server.env"
  fi
  docker_running || docker start "$container" >/dev/null || die "docker start $container failed"
  # Provisioning, not a test: wait (bounded) for the server inside the container to accept connections.
  for _ in $(seq 1 120); do
    docker exec "$container" pg_isready -q -h 127.0.0.1 -U postgres && return 0
    sleep 1
  done
  die "$container did not become ready; see: docker logs $container"
}

mode_of() {
  if [ -f "$home/server.env" ]; then sed -n 's/^mode=//p' "$home/server.env" | grep . || echo chroot
  elif [ -n "${SCHEMA_LOCAL_MODE:-}" ]; then echo "$SCHEMA_LOCAL_MODE"
  elif docker_ok; then echo docker
  else echo chroot; fi
}

case "${1:-ensure}" in
  ensure)
    mkdir -p "$home"
    exec 9>"$home.lock"
    flock 9   # concurrent first runs (parallel test processes) build once
    if [ "$(mode_of)" = docker ]; then
      docker_ensure
    else
      [ -x "$rootfs$pgbin/postgres" ] || build_rootfs
      install_missing_packages
      [ -f "$rootfs$datadir/PG_VERSION" ] && [ -f "$home/server.env" ] || init_cluster
      reset_raised_limits
      is_running || start
    fi
    echo "host=127.0.0.1"
    echo "port=$(port_of)"
    echo "username=postgres"
    echo "passfile=$home/server.env"
    ;;
  stop)
    if [ "$(mode_of)" = docker ]; then docker stop "$container" >/dev/null && say "stopped $container"
    elif [ -f "$rootfs$datadir/PG_VERSION" ] && is_running; then
      in_root_as_pg "$pgbin/pg_ctl" -D "$datadir" -m fast -w stop >&2; else say "not running"; fi ;;
  status)
    if [ "$(mode_of)" = docker ]; then
      if docker_running; then echo "running in container $container on 127.0.0.1:$(port_of)"; else echo "stopped"; exit 3; fi
    elif [ -f "$rootfs$datadir/PG_VERSION" ] && is_running; then echo "running on 127.0.0.1:$(port_of)"; else echo "stopped"; exit 3; fi ;;
  destroy)
    "$0" stop || true
    [ "$(mode_of)" = docker ] && docker rm -f "$container" >/dev/null 2>&1
    rm -rf "$home"; say "removed $home" ;;
  *) die "usage: local-server.sh ensure|stop|status|destroy" ;;
esac
