#!/usr/bin/env bash
# WebP and AVIF thumbnails: the worker's pipeline against vipsthumbnail writing the same format, at
# the same boxes (fit 1024 and 256), in one run (bench.EncoderBench), with the bytes matched.
#
#   bench/render/encoders.sh                       # whole shared corpus, webp and avif
#   LIMIT=20 FORMATS="avif:85:effort=1" bench/render/encoders.sh
#
# Ours runs as the worker renders: warm JVM, one thread, decode + resize + encode of both boxes
# from one decode, at the production quality (preset q85: libwebp 85; libavif quality 65 at the
# worker's speed). vips runs in batch mode, one process per box (each from the source, with
# shrink-on-load), VIPS_CONCURRENCY=1, `strip`. Both are pinned to the same core (taskset -c $CPU)
# and timed pass by pass interleaved; the best pass of each counts. vips' Q is TUNED by a search
# until its total bytes are within 5% of ours (ours is measured as shipped).
# RMSE: the shared harness's rmse256 (../shared/bench/render/run.sh): mean RMSE (0..1) of the 256
# thumbnails of the >= 12 MP images against ImageMagick's Lanczos `-resize 256x256>` of the full
# decode, flattened on white; each WebP/AVIF decoded to PNG first (`vips copy`: libwebp, libheif).
#
# Knobs: CORPUS (../shared/corpus), MATCH (regex on the paths, e.g. 'M0[1-6]'), LIMIT (first N images
#   by name; 0 = all), PASSES (2), CPU (1),
#   FORMATS ("webp:85::84 avif:85:effort=1:65"; FORMAT:OUR_QUALITY:EXTRA_VIPS_OPTIONS:FIRST_VIPS_Q;
#   the last only says where the search starts; vips' AVIF effort
#   1 is libheif's aom speed 8, our libavif speed; vips' default effort 4 is aom speed 5, about
#   15x slower), WORK (/tmp/encoder-bench), ENCODE_ONLY (1: also time vips' encoding alone), REUSE
#   (1: no new run, the report again from $WORK), JAVA_OPTS (e.g. -Dbench.avif-speed=9:
#   our AVIF speed for a trial).
# Needs: libvips-tools, imagemagick, libwebp7, libavif15; the
# worker built: ./mvnw -q -o -pl thumbnail-worker -am install -DskipTests -DskipITs
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
WORK=${WORK:-/tmp/encoder-bench}
PASSES=${PASSES:-2}
CPU=${CPU:-1}
LIMIT=${LIMIT:-0}
FORMATS=${FORMATS:-"webp:85::84 avif:85:effort=1:65"}
for tool in vipsthumbnail vips convert compare identify; do
  command -v $tool >/dev/null || { echo "missing $tool (libvips-tools imagemagick)" >&2; exit 1; }
done

cd "$ROOT"
if [[ ${REUSE:-0} != 1 ]]; then  # REUSE=1: only the report, from the rows and outputs of the last run in $WORK
rm -rf "$WORK"; mkdir -p "$WORK/classes" "$WORK/ref" "$WORK/dec"
./mvnw -B -q -o -pl thumbnail-worker dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="$ROOT/thumbnail-worker/target/classes:$(cat "$WORK/cp")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$WORK/classes" "$ROOT/bench/render/src/bench/EncoderBench.java"

# path, width, height from the corpus manifest (sorted by name), as the harness lists it
awk -F, -v c="$CORPUS" 'NR>1{print c"/"$1"\t"$6"\t"$7}' "$CORPUS/manifest.csv" | sort >"$WORK/all.tsv"
grep -E -- "${MATCH:-.}" "$WORK/all.tsv" >"$WORK/match.tsv" || true
if ((LIMIT > 0)); then awk -v n="$LIMIT" 'NR<=n' "$WORK/match.tsv" >"$WORK/list.tsv"; else cp "$WORK/match.tsv" "$WORK/list.tsv"; fi
cut -f1 "$WORK/list.tsv" | xargs -d '\n' cat >/dev/null   # warm the page cache
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')

# shellcheck disable=SC2086  # FORMATS is a list
# shellcheck disable=SC2086  # JAVA_OPTS is a list
taskset -c "$CPU" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Xmx1g ${JAVA_OPTS:-} \
  -cp "$WORK/classes:$CP" bench.EncoderBench "$WORK/list.tsv" "$WORK/out" "$PASSES" $FORMATS \
  2> >(grep -v -e '^WARNING' -e 'nclx' -e '^$' >&2) | tee "$WORK/rows.raw"
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
grep '^ROW' "$WORK/rows.raw" | cut -f2- >"$WORK/rows.tsv"
echo "$LOAD_BEFORE" >"$WORK/load.before"; echo "$LOAD_AFTER" >"$WORK/load.after"
fi
LOAD_BEFORE=$(cat "$WORK/load.before" 2>/dev/null || echo "?"); LOAD_AFTER=$(cat "$WORK/load.after" 2>/dev/null || echo "?")
grep '^ROW' "$WORK/rows.raw" | cut -f2- >"$WORK/rows.tsv"
rm -rf "$WORK/ref" "$WORK/dec"; mkdir -p "$WORK/ref" "$WORK/dec"

# rmse256 (same definition as the shared harness), per output folder
rmse() { { compare -metric RMSE "$1" "$2" null: 2>&1; echo; } | sed -n 's/.*(\([0-9.e-]*\)).*/\1/p'; }
awk -F'\t' '$2*$3>=12000000 {print $1}' "$WORK/list.tsv" | while read -r f; do b=${f##*/}; b=${b%.*}
  convert "$f[0]" -resize '256x256>' -background white -flatten "$WORK/ref/${b}_256.png" 2>/dev/null; done
rmse256() {  # FORMAT DIR
  local ext=$1 dir=$2 r b f d
  for r in "$WORK"/ref/*_256.png; do
    [[ -e $r ]] || continue
    b=${r##*/}; f="$dir/${b%.png}.$ext"; [[ -f $f ]] || continue
    d="$WORK/dec/${dir##*/}_${b}"
    vips copy "$f" "$d.raw.png" 2>/dev/null
    convert "$d.raw.png" -background white -flatten "$d"
    convert "$r" -resize "$(identify -format %wx%h "$d")!" "$WORK/ref_sized.png"; rmse "$d" "$WORK/ref_sized.png"
  done | awk '{s+=$1; n++} END{if (n) printf "%.4f", s/n; else print "-"}'
}

# vips' encode alone (ENCODE_ONLY=1, default on): its own thumbnails as uncompressed .v files,
# then `vips copy X.v OUT.fmt[options]` per thumbnail, less the same copy to .v (process start and
# read), all pinned to the same core. One call per thumbnail, so only a rough figure.
vips_encode_ms() {  # FORMAT OPTIONS
  local ext=$1 opts=$2 f b box t0 t1 t2 n=0
  mkdir -p "$WORK/v"
  while IFS=$'\t' read -r f _ _; do b=${f##*/}; b=${b%.*}
    for box in 1024 256; do
      VIPS_CONCURRENCY=1 vipsthumbnail "$f" -s "${box}x${box}>" -o "$WORK/v/${b}_$box.v" 2>/dev/null || true
    done; n=$((n + 1))
  done <"$WORK/list.tsv"
  t0=$(date +%s%N)
  for f in "$WORK"/v/*.v; do VIPS_CONCURRENCY=1 taskset -c "$CPU" vips copy "$f" "$WORK/v/x.$ext[$opts]" 2>/dev/null || true; done
  t1=$(date +%s%N)
  for f in "$WORK"/v/*.v; do VIPS_CONCURRENCY=1 taskset -c "$CPU" vips copy "$f" "$WORK/v/x.v" 2>/dev/null || true; done
  t2=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" 'BEGIN{printf "%.1f", ((b-a)-(c-b))/1e6/n}'
  rm -rf "$WORK/v"
}
declare -A VENC
if [[ ${ENCODE_ONLY:-1} == 1 ]]; then
  while IFS=$'\t' read -r fmt tool setting _; do
    [[ $tool == vips ]] && VENC[$fmt]=$(vips_encode_ms "$fmt" "${setting},strip")
  done <"$WORK/rows.tsv"
fi

{
echo
echo "Encoders: $(wc -l <"$WORK/list.tsv") images from $CORPUS, both boxes (fit 1024 + 256) per image; best of $PASSES interleaved passes, one core (taskset -c $CPU)"
echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER"
printf '| %-6s | %-5s | %-34s | %3s | %11s | %6s | %9s | %7s | %6s | %7s | %9s |\n' \
  format tool "quality setting" ok "total bytes" "vs ours" "ms/image" "MP/s" x_vips rmse256 "encode ms"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r fmt tool setting ok bytes ms mps enc; do
  vrow=$(awk -F'\t' -v f="$fmt" '$1==f && $2=="vips"' "$WORK/rows.tsv")
  orow=$(awk -F'\t' -v f="$fmt" '$1==f && $2=="ours"' "$WORK/rows.tsv")
  x=$(awk -v a="$mps" -v b="$(cut -f7 <<<"$vrow")" 'BEGIN{printf "%.2f", a/b}')
  vs=$(awk -v a="$bytes" -v b="$(cut -f5 <<<"$orow")" 'BEGIN{printf "%+.1f%%", 100*(a/b-1)}')
  printf '| %-6s | %-5s | %-34s | %3s | %11s | %6s | %9s | %7s | %6s | %7s | %9s |\n' \
    "$fmt" "$tool" "$setting" "$ok" "$(printf "%'d" "$bytes")" "$vs" "$ms" "$mps" "${x}x" \
    "$(rmse256 "$fmt" "$WORK/out/$fmt-$tool")" "$( [[ $tool == vips ]] && echo "${VENC[$fmt]:--}" || echo "$enc")"
done <"$WORK/rows.tsv"
echo
echo "ms/image and MP/s: whole thumbnail (decode + resize + encode, both boxes) per source image; MP/s = source"
echo "megapixels / time; x_vips = MP/s / vips' MP/s of the same format in this run. vips' Q tuned so its total bytes"
echo "are within 5% of ours ('vs ours'). encode ms = the encoding alone, per image (both boxes): ours' Encode step
(timed in the best pass); vips: 'vips copy X.v OUT' per thumbnail less 'vips copy X.v X.v' (rough, process per call)."
echo "rmse256 = mean RMSE of the 256 thumbnails of the >= 12 MP images vs ImageMagick Lanczos of the full decode."
echo "WebP bytes leave out EXIF/XMP/ICCP chunks (vipsthumbnail 8.14 keeps them in WebP despite strip; ours writes none)."
} | tee "$WORK/report.md"
