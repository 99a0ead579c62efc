#!/usr/bin/env bash
# The worker's renderer against vipsthumbnail, side by side in one run, on the shared corpus.
#
#   bench/render/run.sh [--quick]
#
# Builds the worker, then calls the shared harness (../shared/bench/render/run.sh, read-only) with
#   - vips:     vipsthumbnail, the anchor (VIPS_CONCURRENCY=1 per process)
#   - renderer: our RenderPipeline in-process (harness hook RENDERER_CLASS, bench.WorkerRenderer):
#               warm JVM, like the long-running worker; native codecs on
#   - ext:      the command-line renderer through bench/render/ext-cmd.sh (harness hook EXT_CMD):
#               calls go to a render server (`render-server.jar --serve`, module bench/render-server) that the first call starts and warms
#               up, timed within that call; stopped here first so that every run pays its start
# and, in a second harness run with its own vips anchor, the renderer with the native codecs off
# (-Dimage-service.render.native=false: ImageIO + TwelveMonkeys only). Prints one table: rows
# tool x threads; MP/s, MP/s per core, x_vips overall and per list, and rmse256 (mean RMSE of the
# 256 thumbnails of the >= 12 MP images against ImageMagick's Lanczos of the full image).
# --quick: 1 thread, 1 pass, no java-only run (about 3 minutes). Full: 1 and 2 threads, 3 passes.
# Needs: apt-get install -y libvips-tools imagemagick graphicsmagick libimage-exiftool-perl
#        libturbojpeg0 libwebp7 (the shared harness asks for what is missing; INSTALL=1 installs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../shared/bench/render" && pwd)}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-/tmp/worker-bench}
QUICK=0; [[ ${1:-} == --quick ]] && QUICK=1

echo "== building the worker"
cd "$ROOT"
mvn_q() { ./mvnw -B -q -o -Dspotless.check.skip=true "$@" || ./mvnw -B -q -Dspotless.check.skip=true "$@"; }
mvn_q -pl common install -DskipTests >/dev/null
mvn_q -pl thumbnail-worker,bench/render-server package -DskipTests >/dev/null
mvn_q -pl thumbnail-worker dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT.cp" >/dev/null
mkdir -p "$OUT.classes"
CP="$ROOT/thumbnail-worker/target/classes:$(cat "$OUT.cp")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT.classes" "$ROOT/bench/render/src/bench/WorkerRenderer.java"

harness() {  # WORK JAVA_OPTS extra-env...
  local work=$1 opts=$2; shift 2
  env "$@" WORK="$work" TOOLS=vips MEM=0 JWARM=2 \
    JAVA17="$JAVA_HOME/bin/java" JAVA_OPTS="--enable-native-access=ALL-UNNAMED $opts" \
    RENDERER_CLASS=bench.WorkerRenderer RENDERER_CP="$OUT.classes:$CP" "$SHARED/run.sh"
}
if ((QUICK)); then set -- QUICK=1; else set -- THREADS="1 2" PASSES=3; fi
"$ROOT/bench/render/ext-cmd.sh" --stop
harness "$OUT/native" "" EXT_CMD="$ROOT/bench/render/ext-cmd.sh" "$@" >"$OUT.native.log" 2>&1 ||
  { tail -30 "$OUT.native.log"; exit 1; }
if ((!QUICK)); then
  harness "$OUT/java" "-Dimage-service.render.native=false" "$@" >"$OUT.java.log" 2>&1 ||
    { tail -30 "$OUT.java.log"; exit 1; }
fi

# One table over both runs; each row's x_vips is against the vips row of its own run.
table() {  # WORK SUFFIX
  local q=$1/quality.txt
  awk -F'\t' -v sfx="$2" -v qfile="$q" '
    BEGIN { while ((getline line < qfile) > 0) { nf = split(line, f, / +/)
              for (i = 2; i <= nf; i++) if (f[i] ~ /^[0-9]\.[0-9][0-9][0-9][0-9]$/) { rm[f[1]] = f[i]; break } } }
    { k = $1 "\t" $2; if (!(k in mp)) order[++n] = k
      mp[k] += $6; s[k] += $7; lmp[k, $3] = $6; ls[k, $3] = $7 }
    END {
      for (i = 1; i <= n; i++) { split(order[i], a, "\t"); if (a[1] == "vips") vk[a[2]] = order[i] }
      for (i = 1; i <= n; i++) { k = order[i]; split(k, a, "\t"); t = a[2]; v = vk[t]
        if (sfx != "" && a[1] ~ /^vips/) continue
        name = (a[1] == "renderer") ? "renderer" sfx : a[1]
        m = mp[k] / s[k]; printf "%-18s %3d %7.1f %7.1f %6.2f", name, t, m, m / t, m / (mp[v] / s[v])
        split("jpeg png webp other", L, " ")
        for (j = 1; j <= 4; j++) { l = L[j]; x = (ls[k, l] > 0 && ls[v, l] > 0) ? (lmp[k, l] / ls[k, l]) / (lmp[v, l] / ls[v, l]) : 0
          printf " %6.2f", x }
        printf "  %s\n", (t == 1 && (a[1] in rm)) ? rm[a[1]] : "" } }' "$1/results.tsv"
}
{
  echo "tool               thr    MP/s  MP/s/c x_vips  jpeg    png   webp  other  rmse256"
  table "$OUT/native" ""
  ((QUICK)) || table "$OUT/java" "-java"
  echo
  echo "x_vips = MP/s over vipsthumbnail's in the same harness run (>= 1: as fast or faster); per-list columns"
  echo "are x_vips on that list. rmse256: t1 outputs, 0..1, vs ImageMagick Lanczos of the full image (~0.023 clean)."
  echo "Shared harness reports: $OUT/native/report.txt$( ((QUICK)) || echo " and $OUT/java/report.txt")"
} | tee "$OUT.table.txt"
