#!/usr/bin/env bash
# Draws docs/images/render-x-vips.png from the table bench/render/run.sh printed (gnuplot, Debian
# gnuplot-nox): x_vips overall and per list, one group per tool x threads.
#   bench/render/plot.sh [TABLE] [PNG]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TABLE=${1:-/tmp/worker-bench.table.txt}
PNG=${2:-$ROOT/docs/images/render-x-vips.png}
DATA=$(mktemp)
trap 'rm -f "$DATA"' EXIT
# rows: label all jpeg png webp other (vips itself is 1.0 everywhere: the dashed line)
awk '$2 ~ /^[0-9]+$/ && $1 != "vips" && !seen[$1 "-t" $2]++ { n = $1; sub(/renderer-java/, "java-path", n); sub(/renderer/, "native", n); printf "%s-t%s %s %s %s %s %s\n", n, $2, $5, $6, $7, $8, $9 }' \
  <(sed 's/renderer (java)/renderer-java/' "$TABLE") >"$DATA"
gnuplot <<GP
set terminal pngcairo size 900,420 font "sans,10"
set output "$PNG"
set title "Thumbnail throughput relative to vipsthumbnail (same run; > 1 = faster than vips)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set ylabel "x vips (MP/s ratio)"
set key outside right top
set grid ytics
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 2 lc rgb "black" front
plot "$DATA" using 2:xtic(1) title "all", '' using 3 title "jpeg", '' using 4 title "png", \
     '' using 5 title "webp", '' using 6 title "other"
GP
echo "wrote $PNG"
