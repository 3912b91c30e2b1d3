#!/bin/sh
# A flaky command for the ci-retry example: fails its first FLAKY_FAILURES attempts (default 2),
# then passes. It counts attempts in FLAKY_COUNTER (default: a file in the run's folder).
counter="${FLAKY_COUNTER:-${ODW_RUN_DIR:-.}/flaky-attempts}"
n=$(cat "$counter" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$counter"
if [ "$n" -le "${FLAKY_FAILURES:-2}" ]; then
  echo "attempt $n: flaky failure" >&2
  exit 1
fi
echo "attempt $n: passed"
