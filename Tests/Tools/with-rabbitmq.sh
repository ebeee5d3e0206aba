#!/usr/bin/env bash
# Runs a command next to a private, throwaway RabbitMQ: `Tests/Tools/with-rabbitmq.sh CMD [ARG…]`.
# The node listens on a free loopback port with every file under a temporary folder, CMD sees
# AMQP_URL=amqp://guest:guest@127.0.0.1:PORT/, and the node is stopped when CMD ends, whatever its exit
# status. Wrappers like this one nest: `with-rabbitmq.sh with-postgres.sh swift test`.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]  (runs COMMAND with AMQP_URL pointing at a private RabbitMQ)" >&2
    exit 2
fi

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

# The Debian package, installed when missing. Installing tries to start the system service; policy may
# forbid it, and either way this script never uses it.
if ! compgen -G "/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin" >/dev/null; then
    echo "with-rabbitmq: installing rabbitmq-server (Debian package)"
    started=$(now)
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
    echo "with-rabbitmq: installed in $(elapsed "$started") s"
fi
# Not /usr/sbin/rabbitmq-server: that wrapper switches user and logs under /var/log.
SBIN=$(compgen -G "/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin" | sort -V | tail -1)

DIR=$(mktemp -d "${TMPDIR:-/tmp}/folio-rabbitmq.XXXXXX")
# Three distinct free loopback ports, held open together so they cannot collide: AMQP, Erlang
# distribution (its default, AMQP + 20000, breaks the boot above 45535) and epmd.
read -r AMQP_PORT DIST_PORT EPMD_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')

NODE="folio-test-$$@localhost"
PIDFILE="$DIR/rabbit.pid"
: >"$DIR/rabbitmq-env.conf"
# A test process busy on every core may take a while to answer connection.start: give it a minute
# rather than the default 10 s before the broker drops the connection.
echo "handshake_timeout = 60000" >"$DIR/rabbitmq.conf"
echo "[]." >"$DIR/enabled_plugins"

# Only the server and rabbitmqctl see these (HOME especially: CMD keeps its own).
RABBIT_ENV=(
    HOME="$DIR"  # the Erlang cookie lives here; rabbitmqctl must see the same one
    RABBITMQ_NODENAME="$NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$AMQP_PORT"
    RABBITMQ_DIST_PORT="$DIST_PORT"
    ERL_EPMD_PORT="$EPMD_PORT"
    RABBITMQ_MNESIA_BASE="$DIR/mnesia"
    RABBITMQ_LOG_BASE="$DIR/log"
    RABBITMQ_CONFIG_FILE="$DIR/rabbitmq.conf"
    RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
    RABBITMQ_PID_FILE="$PIDFILE"
    RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf"
)
rabbit() { env "${RABBIT_ENV[@]}" "$@"; }

SERVER_PID=
stop() {
    local status=$?
    local stopping
    stopping=$(now)
    if ! rabbit "$SBIN/rabbitmqctl" -n "$NODE" stop "$PIDFILE" >/dev/null 2>&1 && [ -n "$SERVER_PID" ]; then
        kill -- "-$SERVER_PID" 2>/dev/null || true
    fi
    # Erlang starts its own epmd and leaves it running.
    rabbit epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
    echo "with-rabbitmq: stopped in $(elapsed "$stopping") s" >&2
    rm -rf "$DIR"
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

starting=$(now)
rabbit setsid "$SBIN/rabbitmq-server" >"$DIR/server.out" 2>&1 &
SERVER_PID=$!
if ! rabbit "$SBIN/rabbitmqctl" -n "$NODE" wait --timeout 60 "$PIDFILE" >/dev/null 2>&1; then
    echo "with-rabbitmq: RabbitMQ did not start; its output:" >&2
    tail -n 40 "$DIR/server.out" >&2
    exit 1
fi
echo "with-rabbitmq: RabbitMQ ready on 127.0.0.1:$AMQP_PORT in $(elapsed "$starting") s" >&2

export AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
set +e
"$@"
