#!/usr/bin/env bash
# Measures `pactc expand` end to end on a generated .pact spec of about a million cells:
# the time, the rate and the peak memory (maximum resident set size from /usr/bin/time -v).
#
# Usage: benches/expand_pact.sh [PAIRS [SUBSET]]
#   PAIRS: scenario-country pairs (default 16667, which gives 1,000,020 cells)
#   SUBSET: keep this many items (`subset: N items seed 1`), to vary the cell count while
#           the spec stays the same size
# Needs a release build (cargo build --release --bin pactc), or PACTC=path/to/pactc.
set -euo pipefail

pairs="${1:-16667}"
subset="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
pactc="${PACTC:-${CARGO_TARGET_DIR:-$root/target}/release/pactc}"
work="$(mktemp -d)"
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT

# 50 countries with codes AA..BX in 5 regions; each scenario is set in 10 of them.
{
  for r in 0 1 2 3 4; do echo "region region_$r { name: \"Region $r\" }"; done
  codes=()
  for first in A B; do
    for second in {A..Z}; do codes+=("$first$second"); done
  done
  codes=("${codes[@]:0:50}")
  for i in "${!codes[@]}"; do
    echo "country ${codes[$i]} { name: \"Country $i\", region: region_$((i % 5)) }"
  done
  echo 'demographic age { levels: [younger, older], labels { younger: "young", older: "older" } }'
  echo 'demographic gender { levels: [female, male] }'
  scenarios=$(( (pairs + 9) / 10 ))
  remaining=$pairs
  for (( s = 0; s < scenarios; s++ )); do
    count=$(( remaining < 10 ? remaining : 10 ))
    remaining=$(( remaining - count ))
    list=""
    for (( k = 0; k < count; k++ )); do
      list+="${list:+, }${codes[$(( (s + k) % 50 ))]}"
    done
    cat <<PACT
norm norm_$s {
  expectation: "Guests take off their shoes before entering a home (custom $s)."
  holds_in: [$list]
  source: "synthetic"
}
preference preference_$s {
  text: "keep their shoes on"
  reason: "a foot condition makes standing barefoot painful"
}
scenario scenario_$s {
  type: hospitality
  setting: "{actor} is invited to dinner at the home of {receiver} in {country}."
  actor: "guest"
  receiver: "host"
  norm: norm_$s
  preference: preference_$s
  follow: "{actor} takes off their shoes at the door."
  allow: "{actor} keeps their shoes on and explains the condition."
}
PACT
  done
  cat <<PACT
evaluation bench {
  ${subset:+subset: $subset items seed 1}
  systems: [neutral, balancing]
  vary: [holder, demographics, actor.age, actor.gender, system]
  read: logprobs
  max_cells: 2000000
}
PACT
} > "$work/bench.pact"

/usr/bin/time -v "$pactc" expand "$work/bench.pact" --eval bench -o "$work/cells.jsonl" \
  2> "$work/time.txt"
cells=$(wc -l < "$work/cells.jsonl")
seconds=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}' \
  | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
user=$(grep 'User time (seconds)' "$work/time.txt" | awk '{print $NF}')
system=$(grep 'System time (seconds)' "$work/time.txt" | awk '{print $NF}')
bytes=$(stat -c %s "$work/cells.jsonl")
echo "cells: $cells"
echo "matrix bytes: $bytes"
echo "wall seconds: $seconds"
echo "cells per second: $(awk -v c="$cells" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')"
echo "CPU seconds (user + system): $user + $system"
echo "peak RSS (KiB): $rss"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
