#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL: installs the server through apt when it is missing, starts
# a private cluster on a free loopback port with its data in a temporary folder, exports DATABASE_URL, runs
# the command, and always stops the cluster and removes the folder, whatever the command's outcome.
#   Tests/Tools/with-postgres.sh swift test --filter CompanionTests
set -euo pipefail
if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    echo "with-postgres: installing postgresql (Debian package)" >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# initdb refuses to run as root: as root, the server runs as the `postgres` user the package created.
as_server_user() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

DIR=$(mktemp -d "${TMPDIR:-/tmp}/folio-pg.XXXXXX")
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
stop() {
    as_server_user "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server_user "$BIN/initdb" -D "$DIR/data" -A trust -U postgres --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync off: the data is thrown away afterwards. Enough connections for tests that each open a pool.
if ! as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
    cat "$DIR/server.log" >&2
    exit 1
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -c 'CREATE DATABASE companion' >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/companion"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
set +e
"$@"
STATUS=$?
set -e
exit $STATUS
