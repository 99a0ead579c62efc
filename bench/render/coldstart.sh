#!/usr/bin/env bash
# First render vs steady state of the worker's pipeline in fresh JVMs (goal: cold start).
#   bench/render/coldstart.sh [IMAGE] [RUNS]
# For each of RUNS fresh JVMs (pinned to one core), in four configurations: plain; with the
# start-up warm-up (RenderWarmUp, as the worker does before taking messages); each again with an
# AppCDS archive (-XX:+AutoCreateSharedArchive; the first run writes it, later runs use it).
# Prints ready_ms (JVM start to pipeline ready), first_ms, best of the next 20, and first/best.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IMAGE=${1:-$ROOT/../shared/corpus/M01_rhythm_3840x2400.jpg}
RUNS=${2:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-/tmp/worker-coldstart}
cd "$ROOT"
mvn_q() { ./mvnw -B -q -o -Dspotless.check.skip=true "$@" || ./mvnw -B -q -Dspotless.check.skip=true "$@"; }
# The worker's own modules (common, and local-infra that common's tests name) into the local
# repository first: on a fresh clone after `package` they are not there yet.
mvn_q -pl thumbnail-worker -am install -DskipTests -Dit.test=none -Dfailsafe.failIfNoSpecifiedTests=false \
  -Djib.skip=true -DskipImages -Dspotbugs.skip=true >/dev/null
# No container image: the jib goals need the root's image-runtime output, which -pl does not build.
mvn_q -pl thumbnail-worker package dependency:build-classpath -DskipTests -Djib.skip=true -DskipImages \
  -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT.cp" >/dev/null
# AppCDS archives classes from jars only (a directory on the class path stops the dump): the plain
# worker jar, the dependency jars and a jar of the bench class.
WORKER_JAR=$(compgen -G "$ROOT/thumbnail-worker/target/thumbnail-worker-*.jar" | grep -v -- '-exec.jar$' | head -n 1)
CP="$WORKER_JAR:$(cat "$OUT.cp")"
rm -rf "$OUT" && mkdir -p "$OUT/classes"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT/classes" "$ROOT/bench/render/src/bench/ColdStart.java"
"$JAVA_HOME/bin/jar" cf "$OUT/bench.jar" -C "$OUT/classes" .
for cds in no yes; do
  for warm in "" --warm-up; do
    opts=(); [[ $cds == yes ]] && opts=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$OUT/app$warm.jsa")
    for ((i = 1; i <= RUNS; i++)); do
      printf 'appcds=%s warm-up=%s run %d: ' "$cds" "$([[ -n $warm ]] && echo yes || echo no)" "$i"
      taskset -c 1 "$JAVA_HOME/bin/java" "${opts[@]}" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
        -cp "$OUT/bench.jar:$CP" bench.ColdStart "$IMAGE" 20 $warm 2>/dev/null | grep ready_ms || echo failed
    done
  done
done
