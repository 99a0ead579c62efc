#!/usr/bin/env bash
# Peak RSS of one 48 MP HEIC render: vipsthumbnail against the worker's renderer in a fresh JVM.
#
#   bench/render/heif-memory.sh            # prints one line per tool and the ratio
#
# Makes the HEIC once under $WORK (never committed: about 5 MB, minutes to encode): the largest corpus
# JPEG scaled to 8000x6000 by vips, encoded by heif-enc (libheif-examples, x265, no embedded
# thumbnail, like the HeifMemoryTest file). Then, each run alone and measured by /usr/bin/time -v:
#   vips   vipsthumbnail -s 1024 and -s 256 on the HEIC (two processes, as the harness runs it per
#          size; the peak of the two), VIPS_CONCURRENCY=1;
#   ours   the render server's command-line mode (`render-server.jar --harness 1 OUT LIST`, the
#          EXT_CMD without a server: one fresh JVM making the 1024 and the 256), with the heap the
#          worker gets in production: JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=70 of the Helm
#          chart's 2 GiB limit = -Xmx1434m (HEAP=... to change it, e.g. HEAP=-Xmx64m).
# Needs the bench jar (./mvnw -pl bench/render-server -am package -DskipTests), libvips-tools and
# libheif-examples.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/bench/render-server/target/render-server.jar}
WORK=${WORK:-/tmp/heif-memory-$(id -u)}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
HEAP=${HEAP:--Xmx1434m}
RUNS=${RUNS:-3}
mkdir -p "$WORK/out"
HEIC=$WORK/big_8000x6000.heic

if [[ ! -s $HEIC ]]; then
  # shellcheck disable=SC2012  # plain file names from the corpus
  src=$(ls -S "$CORPUS"/*.jpg | sed -n 1p)
  read -r w h < <(vipsheader -f width "$src" | tr '\n' ' '; vipsheader -f height "$src")
  echo "making $HEIC from $src (${w}x${h})" >&2
  vips resize "$src" "$WORK/big.jpg[Q=92]" "$(awk -v w="$w" 'BEGIN {print 8000 / w}')" \
    --vscale "$(awk -v h="$h" 'BEGIN {print 6000 / h}')" --kernel linear
  heif-enc -q 50 -p preset=ultrafast -o "$WORK/big.partial.heic" "$WORK/big.jpg" >/dev/null
  mv "$WORK/big.partial.heic" "$HEIC"
  rm -f "$WORK/big.jpg"
fi
printf '%s\t8000\t6000\n' "$HEIC" >"$WORK/list.tsv"

peak_kb() { # COMMAND... -> max resident set size in KB
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; return 1; }
  awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt"
}

vips_kb=0 ours_kb=0
for ((i = 0; i < RUNS; i++)); do # interleaved, the best (lowest) peak of each kept
  v1=$(VIPS_CONCURRENCY=1 peak_kb vipsthumbnail -s 1024x1024 -o "$WORK/out/vips_%s_1024.jpg[Q=85]" "$HEIC")
  v2=$(VIPS_CONCURRENCY=1 peak_kb vipsthumbnail -s 256x256 -o "$WORK/out/vips_%s_256.jpg[Q=85]" "$HEIC")
  v=$((v1 > v2 ? v1 : v2))
  # shellcheck disable=SC2086  # HEAP is a list of options
  o=$(peak_kb "$JAVA" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true $HEAP \
    -jar "$JAR" --harness 1 "$WORK/out" "$WORK/list.tsv")
  ((vips_kb == 0 || v < vips_kb)) && vips_kb=$v
  ((ours_kb == 0 || o < ours_kb)) && ours_kb=$o
  echo "run $((i + 1)): vips ${v} KB, ours ${o} KB" >&2
done
ls "$WORK/out"/big_8000x6000_1024.jpg "$WORK/out"/big_8000x6000_256.jpg >/dev/null
printf 'heif-memory 48MP: vipsthumbnail %d MB, ours (%s) %d MB, ours/vips %.2f, load %s\n' \
  $((vips_kb / 1024)) "$HEAP" $((ours_kb / 1024)) "$(awk -v a="$ours_kb" -v b="$vips_kb" 'BEGIN {print a / b}')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
