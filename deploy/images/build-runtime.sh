#!/usr/bin/env bash
# Builds the root file system that Jib layers onto `scratch` for both service images (no registry
# but Maven Central is reachable, so there is no base image to pull):
#   /opt/java        a jlink'ed Java runtime from the build's own JDK (only the modules the services use)
#   /lib, /lib64     the glibc libraries that runtime links against, copied from this machine
#   /etc/passwd      the non-root user 65532 (nonroot) the containers run as
#   /tmp, /home      writable directories
# Usage: build-runtime.sh JAVA_HOME OUTPUT_DIR. Skips the work when OUTPUT_DIR is already built by
# the same JDK.
set -euo pipefail
java_home="$1"
out="$2"
rootfs="$out/rootfs"
stamp="$out/.built-by"
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata

# sed, not head: head exits at once and java, still writing, dies of SIGPIPE under pipefail.
# The codec list is part of the stamp: a runtime built before libavif was copied is rebuilt.
want="$("$java_home/bin/java" -version 2>&1 | sed -n 1p) $modules codecs:turbojpeg,webp,avif"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "image runtime up to date: $rootfs"
  exit 0
fi
rm -rf "$out"
mkdir -p "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$rootfs/opt/java"

# A server has no display or sound: drop the libraries that would pull in X11 and ALSA.
rm -f "$rootfs"/opt/java/lib/{libawt_xawt.so,libjsound.so,libsplashscreen.so}
# Every shared library the runtime's binaries need, from this machine's glibc, at the same paths.
find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^[ \t]*\/lib/ {print $1}' \
  | sort -u \
  | while read -r lib; do
      case "$lib" in "$rootfs"*) continue ;; esac
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    done

# The renderer's optional native codecs (libjpeg-turbo, libwebp, libavif and libheif with their
# HEVC and AV1 codecs; .ci/run installs them), when this machine has them, with the libraries they
# link; without them the worker renders with pure Java, only slower, refuses HEIC/AVIF
# (unsupported_format) and writes no WebP or AVIF.
for soname in libturbojpeg.so.0 libwebp.so.7 libsharpyuv.so.0 libavif.so.15 libheif.so.1; do
  # awk reads to the end (no early exit): ldconfig, still writing, would die of SIGPIPE under pipefail.
  lib=$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64/ && !found {found = $NF} END {print found}')
  [ -n "$lib" ] || continue
  { echo "$lib"; ldd "$lib" 2>/dev/null | awk '/=> \// {print $3}'; } | while read -r dep; do
    [ -e "$rootfs$dep" ] && continue
    mkdir -p "$rootfs$(dirname "$dep")"
    cp -L "$dep" "$rootfs$dep"
  done
done

echo 'root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$rootfs/etc/passwd"
echo 'root:x:0:
nonroot:x:65532:' > "$rootfs/etc/group"
echo "$want" > "$stamp"
echo "image runtime built: $rootfs ($(du -sh "$rootfs" | cut -f1))"
