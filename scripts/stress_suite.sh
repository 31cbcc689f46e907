#!/usr/bin/env bash
# Run the whole test suite N times in a row while K CPU-burning processes run beside it, and
# print each run's wall time and result. Proves the suite holds on a busy machine (no test
# asserts a speed; real-model tests wait for everything they start).
#
#   bash scripts/stress_suite.sh [-n RUNS] [-k BURNERS] [-- PYTEST_ARGS...]
#
# Defaults: 3 runs, 4 burners; a run taking longer than RUN_TIMEOUT seconds (3600) fails. Burners are `stress-ng --cpu K` when stress-ng is installed
# (Debian: apt-get install -y stress-ng), otherwise K Python busy loops. They are stopped (by
# their own process ids) when the script ends, however it ends. Exit code: 0 only if every run
# was green.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=3
burners=4
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        -k) burners="$2"; shift 2 ;;
        --) shift; break ;;
        -h|--help) sed -n 2,11p "$0"; exit 0 ;;
        *) echo "unknown option: $1 (try -h)" >&2; exit 2 ;;
    esac
done
PYTHON="${PYTHON:-.venv/bin/python}"

burner_pids=()
stop_burners() {
    for pid in "${burner_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${burner_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    burner_pids=()
}
trap stop_burners EXIT
trap 'exit 130' INT TERM

if [[ "$burners" -gt 0 ]]; then
    if command -v stress-ng >/dev/null 2>&1; then
        stress-ng --cpu "$burners" --quiet &
        burner_pids+=("$!")
        echo "burning CPU: stress-ng --cpu $burners (pid ${burner_pids[*]})"
    else
        for _ in $(seq "$burners"); do
            python3 -c 'while True: pass' &
            burner_pids+=("$!")
        done
        echo "burning CPU: $burners Python busy loops (pids ${burner_pids[*]})"
    fi
fi
echo "load average before the first run: $(cut -d' ' -f1-3 /proc/loadavg)"

times=()
codes=()
failed=0
for i in $(seq "$runs"); do
    log="$(mktemp -t stress-suite-run$i.XXXXXX.log)"
    start=$(date +%s.%N)
    # A run that hangs (e.g. a thread keeping pytest from exiting) fails instead of waiting forever.
    timeout --kill-after=30 "${RUN_TIMEOUT:-3600}" "$PYTHON" -m pytest -q -p no:cacheprovider "$@" >"$log" 2>&1
    code=$?
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    times+=("$wall")
    codes+=("$code")
    summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|error)|passed|failed' "$log" | tail -n 1)
    echo "run $i/$runs: exit $code, wall ${wall} s — ${summary} (log: $log)"
    if [[ "$code" -ne 0 ]]; then
        failed=1
        grep -E '^(FAILED|ERROR) ' "$log" | head -n 20
    fi
done
stop_burners

echo
echo "suite runs under $burners CPU burners on $(nproc) cores: ${times[*]} s (exit codes ${codes[*]})"
if [[ "$failed" -eq 0 ]]; then
    echo "all $runs runs green"
else
    echo "NOT all runs green"
fi
exit "$failed"
