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
#   ours   the render server's command-line mode (`--harness 1 OUT LIST`: one fresh JVM making the
#          1024 and the 256 with the worker's RenderPipeline), with the JVM sizing the worker gets
#          in production: the Helm chart's JAVA_TOOL_OPTIONS (-XX:MaxRAMPercentage=70) in its 2 GiB
#          container, i.e. -XX:MaxRAM=2g -XX:MaxRAMPercentage=70 (Xmx 1434 MB, Xms 32 MB, G1 on
#          2 CPUs); HEAP=... changes it (e.g. HEAP=-Xmx64m). Two routes:
#            ours-cp   the classes and jars on a plain classpath, as the worker's Jib image runs them
#                      (the main line of the report);
#            ours-jar  `java -jar render-server.jar`, what `RENDER_SERVER=0 ext-cmd.sh` runs (the
#                      Spring Boot launcher reads the nested jars: a few MB more).
# Needs the bench jar (./mvnw -pl bench/render-server -am package -DskipTests), libvips-tools and
# libheif-examples.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/bench/render-server/target/render-server.jar}
WORK=${WORK:-/tmp/heif-memory-$(id -u)}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
HEAP=${HEAP:--XX:MaxRAM=2g -XX:MaxRAMPercentage=70}
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
# The fat jar exploded once per jar build: BOOT-INF/classes and BOOT-INF/lib on a classpath.
CP=$WORK/cp-$(stat -c %Y "$JAR")
if [[ ! -d $CP ]]; then
  rm -rf "$WORK"/cp-*
  mkdir -p "$CP.partial" && (cd "$CP.partial" && unzip -q "$JAR" 'BOOT-INF/*') && mv "$CP.partial" "$CP"
fi

peak_kb() { # COMMAND... -> max resident set size in KB
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; return 1; }
  awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt"
}

JVM=("$JAVA" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
# shellcheck disable=SC2206  # HEAP is a list of options
JVM+=($HEAP)
vips_kb=0 cp_kb=0 jar_kb=0
for ((i = 0; i < RUNS; i++)); do # interleaved; the lowest peak of each kept
  v1=$(VIPS_CONCURRENCY=1 peak_kb vipsthumbnail -s 1024x1024 -o "$WORK/out/vips_%s_1024.jpg[Q=85]" "$HEIC")
  v2=$(VIPS_CONCURRENCY=1 peak_kb vipsthumbnail -s 256x256 -o "$WORK/out/vips_%s_256.jpg[Q=85]" "$HEIC")
  v=$((v1 > v2 ? v1 : v2))
  rm -f "$WORK/out"/big_8000x6000_*.jpg
  c=$(peak_kb "${JVM[@]}" -cp "$CP/BOOT-INF/classes:$CP/BOOT-INF/lib/*" \
    dev.imageservice.bench.render.HarnessCommand --harness 1 "$WORK/out" "$WORK/list.tsv")
  ls "$WORK/out"/big_8000x6000_1024.jpg "$WORK/out"/big_8000x6000_256.jpg >/dev/null
  j=$(peak_kb "${JVM[@]}" -jar "$JAR" --harness 1 "$WORK/out" "$WORK/list.tsv")
  ((vips_kb == 0 || v < vips_kb)) && vips_kb=$v
  ((cp_kb == 0 || c < cp_kb)) && cp_kb=$c
  ((jar_kb == 0 || j < jar_kb)) && jar_kb=$j
  echo "run $((i + 1)): vips $v KB, ours-cp $c KB, ours-jar $j KB" >&2
done
ratio() { awk -v a="$1" -v b="$vips_kb" 'BEGIN {printf "%.2f", a / b}'; }
echo "heif-memory 48MP HEIC (8000x6000), peak RSS, lowest of $RUNS; JVM: $HEAP; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  vipsthumbnail  %4d MB\n' $((vips_kb / 1024))
printf '  ours-cp        %4d MB  ours/vips %s\n' $((cp_kb / 1024)) "$(ratio "$cp_kb")"
printf '  ours-jar       %4d MB  ours/vips %s\n' $((jar_kb / 1024)) "$(ratio "$jar_kb")"
