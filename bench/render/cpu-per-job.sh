#!/usr/bin/env bash
# Render CPU per job by input format and preset set, for the capacity table in docs/operations.md.
#   bench/render/cpu-per-job.sh [RUNS] [FILE...]
# Default: 5 runs over the shared corpus's medium and large photos (M*, L*: 2-18 MP JPEG, PNG,
# WebP, TIFF). One warm JVM pinned to one core; prints each file's median CPU ms for all default
# presets and for "small" alone, then the mean per format.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNS=${1:-5}
shift || true
if [[ $# -eq 0 ]]; then set -- "$ROOT"/../shared/corpus/[ML][0-9]*; fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-/tmp/worker-cpu-per-job}
cd "$ROOT"
mvn_q() { ./mvnw -B -q -o -Dspotless.check.skip=true -Djib.skip=true -DskipImages -Dspotbugs.skip "$@" || ./mvnw -B -q -Dspotless.check.skip=true -Djib.skip=true -DskipImages -Dspotbugs.skip "$@"; }
mvn_q -pl common install -DskipTests >/dev/null
mvn_q -pl thumbnail-worker package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT.cp" >/dev/null
WORKER_JAR=$(compgen -G "$ROOT/thumbnail-worker/target/thumbnail-worker-*.jar" | grep -v -- '-exec.jar$' | head -n 1)
CP="$WORKER_JAR:$(cat "$OUT.cp")"
rm -rf "$OUT" && mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT/classes" "$ROOT/bench/render/src/bench/CpuPerJob.java"
taskset -c 1 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
  -cp "$OUT/classes:$CP" bench.CpuPerJob "$RUNS" "$@" 2>/dev/null
