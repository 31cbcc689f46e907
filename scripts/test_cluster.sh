#!/usr/bin/env bash
# The end-to-end cluster test (tests/cluster/test_cluster.py): 4 CareerMate processes started by
# `careermate cluster`, a fake Discord on 127.0.0.1 (REST + gateway, Discord's sharding, identify
# spacing and REST budget), PostgreSQL and Redis from Debian's packages on free 127.0.0.1 ports,
# three fake model servers; a scripted workload and faults (kill -9, a second process claiming a
# held shard, Redis and PostgreSQL restarted, the REST budget squeezed).
#
#   bash scripts/test_cluster.sh              # run it; figures go to the terminal summary
#   bash scripts/test_cluster.sh --write-docs # ... and into docs/reliability.md
#   CAREERMATE_CLUSTER_KEEP=1 bash scripts/test_cluster.sh   # keep the work folder (logs)
#
# Installs postgresql and redis-server with apt when they are missing and we are root (as
# .ci/run does for PostgreSQL); the test starts and stops its own servers.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    else
        echo "Missing: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
fi

export CAREERMATE_CLUSTER_TEST=1
args=()
for arg in "$@"; do
    if [[ "$arg" == "--write-docs" ]]; then
        export CAREERMATE_CLUSTER_WRITE_DOCS=1
    else
        args+=("$arg")
    fi
done
"$PYTHON" -m pytest tests/cluster -p no:cacheprovider -rs "${args[@]}"
