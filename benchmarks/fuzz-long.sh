#!/usr/bin/env bash
# Long fuzz runs: every fuzz target of the build (the *FuzzTest classes), each in a JVM of its own, for RUNS inputs
# (default 10,000,000) or MAX_TIME (default 24h), whichever comes first. Never part of the build or CI.
#
#   benchmarks/fuzz-long.sh                         # all targets, 10,000,000 inputs each
#   RUNS=1000000 benchmarks/fuzz-long.sh framer pem  # some targets, fewer inputs
#   MAX_TIME=5m benchmarks/fuzz-long.sh              # at most 5 minutes per target
#
# From the repository root, after `mvn -o install -DskipTests` (the script builds the four modules' tests first;
# SKIP_BUILD=1 skips that, for a second call with other targets).
# Per target: the run's log, and a line in the summary (inputs executed, wall time, rate, findings), in
# benchmarks/target/fuzz-long/. A finding (crash-*, timeout-* input) stays in bundles/<module>/target/jazzer/ with a
# Java reproducer; the run of that target fails, the others go on. The corpus a run grows is kept in
# bundles/<module>/target/jazzer/.cifuzz-corpus/ and seeds the next run (build or long) until `mvn clean`.
# Close other work on the machine: the rates depend on it.
set -u
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10000000}
MAX_TIME=${MAX_TIME:-24h}
OUT=benchmarks/target/fuzz-long
mkdir -p "$OUT"

# target name = the corpus directory's name; module; test class
TARGETS="
decode-request  codec      DecodeRequestFuzzTest
decode-response codec      DecodeResponseFuzzTest
dictionary      codec      DictionaryFuzzTest
framer          transport  PacketFramerFuzzTest
dtls-hello      transport  DtlsHelloFuzzTest
users-file      server     UsersFileFuzzTest
pem             pki        PemFuzzTest
pkcs12          pki        Pkcs12FuzzTest
crl             pki        CrlFuzzTest
"

wanted() {
    [ $# -eq 0 ] && return 0
    local t
    for t in "$@"; do [ "$t" = "$NAME" ] && return 0; done
    return 1
}

if [ -z "${SKIP_BUILD:-}" ]; then
    mvn -o -q install -DskipTests -pl bundles/codec,bundles/transport,bundles/server,bundles/pki || exit 1
fi

SUMMARY="$OUT/summary.md"
[ -f "$SUMMARY" ] || printf '| target | inputs executed | wall time | inputs/s | findings |\n|---|---:|---:|---:|---|\n' > "$SUMMARY"
failed=0
while read -r NAME MODULE CLASS; do
    [ -z "$NAME" ] && continue
    wanted "$@" || continue
    log="$OUT/$NAME.log"
    findings="bundles/$MODULE/target/jazzer"
    mkdir -p "$findings"
    before=$(ls "$findings" | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true)
    start=$(date +%s)
    mvn -o surefire:test@fuzz -pl "bundles/$MODULE" -Dfuzz.skip=false -Dfuzz.test="$CLASS" \
        -Djazzer.max_executions="$RUNS" -Djazzer.max_duration="$MAX_TIME" > "$log" 2>&1
    status=$?
    wall=$(( $(date +%s) - start ))
    # libFuzzer's own count: "Done 10000000 runs in 412 second(s)"
    runs=$(grep -a -o -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2}')
    fuzzsecs=$(grep -a -o -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $5}')
    runs=${runs:-0}
    fuzzsecs=${fuzzsecs:-0}
    rate=$([ "$fuzzsecs" -gt 0 ] && echo $(( runs / fuzzsecs )) || echo "-")
    after=$(ls "$findings" | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true)
    found=$(( after - before ))
    if grep -a -q -E 'FuzzTestFinding|ERROR: libFuzzer' "$log"; then
        what="$(grep -a -m1 -o -E '(FuzzTestFindingException: [^ ]+|ERROR: libFuzzer: [a-z-]+)' "$log")"
        verdict="$found: $what"
    else
        verdict="$found"
    fi
    [ $status -ne 0 ] && failed=1
    line="| $NAME | $runs | ${wall} s (fuzzing ${fuzzsecs} s) | $rate | $verdict |"
    echo "$line" | tee -a "$SUMMARY"
done <<< "$TARGETS"
echo "summary: $SUMMARY"
exit $failed
