#!/usr/bin/env bash
# Run the database-facing tests against a real, throwaway PostgreSQL server.
#
#   bash scripts/test_postgres.sh                 # the PostgreSQL pass (storage, profiles, job
#                                                 # board, migrations, backups, hardening, chat,
#                                                 # e2e, load)
#   bash scripts/test_postgres.sh tests/unit/test_profiles.py -x   # any pytest arguments
#   bash scripts/test_postgres.sh tests                 # the whole suite on PostgreSQL
#   bash scripts/test_postgres.sh --shell         # start the server, print its URL, open a shell
#
# What it does: finds PostgreSQL's server binaries (Debian: /usr/lib/postgresql/<v>/bin; when
# they are missing and we are root, `apt-get update && apt-get install -y postgresql`), creates a
# cluster in a temporary directory (initdb; as the `postgres` user when run as root, because the
# server refuses to run as root), starts it on 127.0.0.1 at a free port with durability off
# (fsync=off: a test server), creates the database `careermate_test`, and runs pytest with
# CAREERMATE_TEST_DATABASE_URL pointing at it. tests/conftest.py then gives every test its own
# fresh database on that server (dropped afterwards); SQLite-only tests skip themselves.
# The server is stopped and the directory removed when the script ends, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

DEFAULT_TESTS=(
    tests/unit/test_db.py
    tests/unit/test_migrations.py
    tests/unit/test_profiles.py
    tests/unit/test_career_jobs_services.py
    tests/unit/test_hardening.py
    tests/unit/test_chat_service.py
    tests/unit/test_conversation.py
    tests/unit/test_postgres.py
    tests/unit/test_backup_pg.py
    tests/unit/test_postgres_cluster.py
    tests/unit/test_status.py
    tests/e2e
    tests/load
)

find_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

BINDIR="$(find_bindir)"
if [[ -z "$BINDIR" ]]; then
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "PostgreSQL is not installed: installing Debian's package"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
        BINDIR="$(find_bindir)"
    fi
fi
if [[ -z "$BINDIR" ]]; then
    echo "PostgreSQL's server programs (initdb, pg_ctl) were not found." >&2
    echo "Install them: sudo apt-get install -y postgresql" >&2
    exit 2
fi
export PATH="$BINDIR:$PATH"  # pg_dump/pg_restore of the same version for backup tests

WORK="$(mktemp -d -t careermate-pg.XXXXXX)"
chmod 755 "$WORK"
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$WORK"
fi

cleanup() {
    as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_owner "$BINDIR/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 || {
    cat "$WORK/initdb.log" >&2
    exit 1
}
as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$WORK/server.log" >&2
    exit 1
}
"$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAt \
    -c "CREATE DATABASE careermate_test" >/dev/null
export CAREERMATE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/careermate_test"
VERSION="$("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d careermate_test -qAt -c 'SHOW server_version')"
echo "PostgreSQL $VERSION on 127.0.0.1:$PORT (throwaway cluster in $WORK)"

if [[ "${1:-}" == "--shell" ]]; then
    echo "CAREERMATE_TEST_DATABASE_URL=$CAREERMATE_TEST_DATABASE_URL (exit the shell to stop it)"
    "${SHELL:-bash}" || true
    exit 0
fi
# Options only (e.g. -q -x): the default selection; a test path given: exactly what was asked.
has_path=false
for arg in "$@"; do
    if [[ "$arg" != -* && -e "${arg%%::*}" ]]; then
        has_path=true
    fi
done
if [[ "$has_path" == false ]]; then
    set -- "$@" "${DEFAULT_TESTS[@]}"
fi
"$PYTHON" -m pytest "$@"
