#!/usr/bin/env bash
# Seconds from a fresh clone to the first answer of `make run`.
#   bash benchmarks/first_answer.sh [PORT]
# Clones HEAD into a temporary folder, runs `make run` there, polls the API,
# prints the elapsed time, then stops the server and removes the clone.
set -euo pipefail
port=${1:-8765}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/cettar"
cd "$work/cettar"
query='{"query":"{ regions(kind: KABUPATEN) { totalCount } }"}'
start=$(date +%s.%N)
make run PORT="$port" >"$work/run.log" 2>&1 &
for _ in $(seq 1 1200); do
  if answer=$(curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" 2>/dev/null); then
    end=$(date +%s.%N)
    echo "first answer: $answer"
    printf 'fresh clone to first answer: %.1f s\n' "$(echo "$end - $start" | bc)"
    exit 0
  fi
  sleep 0.5
done
echo "no answer after 10 minutes; log:" >&2
tail -20 "$work/run.log" >&2
exit 1
