#!/usr/bin/env bash
# Bytes per thumbnail and encode time per output format (JPEG, WebP, AVIF at several speeds) on the
# shared corpus: bench.FormatBench on the worker's codecs. Prints a Markdown table
# (docs/performance.md, "Output formats").
#
#   bench/render/formats.sh [CORPUS_DIR] [AVIF_SPEED...]   # default ../shared/corpus, speeds 6 8 10
#
# Needs libturbojpeg0, libwebp7 and libavif15, and the worker built (./mvnw -pl thumbnail-worker -am
# install -DskipTests).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-/tmp/format-bench}
CORPUS=${1:-$ROOT/../shared/corpus}
shift || true
(($#)) || set -- 6 8 10
cd "$ROOT"
./mvnw -B -q -o -pl thumbnail-worker dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT.cp" >/dev/null
mkdir -p "$OUT.classes"
CP="$ROOT/thumbnail-worker/target/classes:$(cat "$OUT.cp")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT.classes" "$ROOT/bench/render/src/bench/FormatBench.java"
# One thread, as a render slot encodes: libaom and libwebp are single-threaded here too.
taskset -c 1 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g \
  -cp "$OUT.classes:$CP" bench.FormatBench "$CORPUS" "$@"
