#!/usr/bin/env bash
# Fails (exit 1, naming each problem) unless the image rootfs ROOTFS holds every native codec
# library the renderer loads (NativeCodecs, and the decoders libheif loads) and each of them, the
# Java launcher and the JVM's libraries resolve all their dependencies inside ROOTFS, checked with
# the rootfs's own dynamic loader. Usage: check-rootfs.sh ROOTFS
set -euo pipefail
rootfs="$1"
codecs="libturbojpeg.so.0 libwebp.so.7 libavif.so.15 libheif.so.1 libde265.so.0 libdav1d.so.6 libaom.so.3"
ldso="$rootfs/lib64/ld-linux-x86-64.so.2"
libpath="$rootfs/lib/x86_64-linux-gnu:$rootfs/usr/lib/x86_64-linux-gnu:$rootfs/opt/java/lib:$rootfs/opt/java/lib/server"
if [[ ! -x "$ldso" ]]; then
  echo "ERROR: the image rootfs has no dynamic loader ($ldso)" >&2
  exit 1
fi
missing=()
# ld.so --list also searches the build machine's default directories: a library resolved outside
# the rootfs is as missing as one not found.
resolves() {
  local listing outside
  if ! listing=$("$ldso" --inhibit-cache --library-path "$libpath" --list "$1" 2>&1); then
    missing+=("${1#"$rootfs"}: $(echo "$listing" | grep -e 'not found' -e 'error' | tr -s ' \t\n' ' ')")
    return
  fi
  outside=$(echo "$listing" | awk -v r="$rootfs/" '$2 == "=>" && index($3, r) != 1 {printf " %s", $1}')
  [[ -z "$outside" ]] || missing+=("${1#"$rootfs"} needs, not in the rootfs:$outside")
}
for soname in $codecs; do
  lib="$rootfs/usr/lib/x86_64-linux-gnu/$soname"
  if [[ -f "$lib" ]]; then resolves "$lib"; else missing+=("$soname: not in the rootfs"); fi
done
for bin in "$rootfs/opt/java/bin/java" "$rootfs"/opt/java/lib/*.so "$rootfs/opt/java/lib/server/libjvm.so"; do
  resolves "$bin"
done
if ((${#missing[@]})); then
  echo "ERROR: the image rootfs lacks codec or runtime libraries (see deploy/images/debian.lock):$(printf "\n  %s" "${missing[@]}")" >&2
  exit 1
fi
echo "image codecs present: $codecs"
