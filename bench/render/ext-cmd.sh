#!/usr/bin/env bash
# The worker's command-line renderer in the shared harness's EXT_CMD form:
#   bench/render/ext-cmd.sh THREADS OUTDIR LIST.tsv
# runs the executable jar's `render --harness` mode (fit 1024 and 256, JPEG q85, one decode per image).
# JAVA (default Temurin 25) and JAVA_OPTS may be set; the jar is built by bench/render/run.sh or
# `./mvnw -pl thumbnail-worker -am package -DskipTests`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/thumbnail-worker/target/thumbnail-worker-0.1.0-SNAPSHOT-exec.jar}
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true ${JAVA_OPTS:-} \
  -jar "$JAR" render --harness "$@"
