#!/usr/bin/env bash
# Builds the root file system that Jib layers onto `scratch` for both service images (no image
# registry is reachable, so the base is built from packages):
#   the Debian 12 packages pinned in debian.lock (glibc, CA certificates, tzdata, the renderer's
#   native codecs and what they link), unpacked with their dpkg status database so that image
#   scanners (Trivy, Grype) see every package and version;
#   /opt/java        a jlink'ed Java runtime from the build's own JDK (only the modules the services use)
#   /etc/passwd      the non-root user 65532 (nonroot) the containers run as
#   /tmp, /home      mount points (the chart mounts emptyDirs: the root file system stays read-only)
# Then it checks the codec set: every codec library and the Java launcher must resolve all their
# libraries inside the rootfs, or the build fails.
# Usage: build-runtime.sh JAVA_HOME OUTPUT_DIR. Skips the work when OUTPUT_DIR is already built by
# the same JDK from the same lock. The .debs are cached (checksum-verified) in DEB_CACHE, by
# default ~/.cache/image-service/debs. Where they can be neither found there nor fetched (offline),
# the rootfs is left empty with OUTPUT_DIR/UNAVAILABLE saying why, and the image tests skip; where
# IMAGE_SERVICE_REQUIRE_IMAGE_RUNTIME=true (the pipeline job whose tars are pushed) that is an error
# instead, so an empty image is never pushed. Not CI=true: a developer's or a test machine's CI
# without the Debian mirror still gets its jars and its other tests.
set -euo pipefail
java_home="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
lock="$here/debian.lock"
rootfs="$out/rootfs"
stamp="$out/.built-by"
cache="${DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/image-service/debs}"
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata

# sed, not head: head exits at once and java, still writing, dies of SIGPIPE under pipefail.
want="$("$java_home/bin/java" -version 2>&1 | sed -n 1p) $modules lock:$(sha256sum "$lock" | cut -d' ' -f1) script:$(sha256sum "$0" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "image runtime up to date: $rootfs"
  exit 0
fi
rm -rf "$out"
mkdir -p "$rootfs" "$cache"

# 1. The .debs the lock names, from the cache when their checksum matches, else from the mirror.
debs=()
while read -r pkg version sum url; do
  deb="$cache/${pkg}_${version//:/%3a}.deb"
  if ! echo "$sum  $deb" | sha256sum -c --status 2>/dev/null; then
    if ! curl -fsSL --retry 2 --connect-timeout 10 -o "$deb.part" "$url" \
        || ! echo "$sum  $deb.part" | sha256sum -c --status; then
      rm -f "$deb.part"
      reason="cannot fetch $pkg $version from $url (offline, or the lock is stale: rerun deploy/images/lock-debian.sh), and it is not cached in $cache"
      if [[ "${IMAGE_SERVICE_REQUIRE_IMAGE_RUNTIME:-}" == "true" ]]; then
        echo "ERROR: container image base: $reason" >&2
        exit 1
      fi
      echo "WARNING: container images skipped: $reason. The image tars hold no runtime; their tests skip." >&2
      echo "$reason" > "$out/UNAVAILABLE"
      exit 0
    fi
    mv "$deb.part" "$deb"
  fi
  debs+=("$deb")
done < <(grep -v '^#' "$lock")

# 2. Unpacked without maintainer scripts, plus what dpkg itself would record: the status database
#    (exactly the locked packages, installed), each package's file list and checksums.
info="$rootfs/var/lib/dpkg/info"
mkdir -p "$info"
: > "$rootfs/var/lib/dpkg/status"
# The multiarch layout (name:arch.list for Multi-Arch: same), as on an installed Debian 12.
echo 1 > "$info/format"
for deb in "${debs[@]}"; do
  dpkg-deb -x "$deb" "$rootfs"
  pkg=$(dpkg-deb -f "$deb" Package)
  # Multi-Arch: same packages are recorded as name:arch.
  [[ "$(dpkg-deb -f "$deb" Multi-Arch)" == same ]] && pkg="$pkg:$(dpkg-deb -f "$deb" Architecture)"
  dpkg-deb -f "$deb" | sed '/^Package: /a Status: install ok installed' >> "$rootfs/var/lib/dpkg/status"
  echo >> "$rootfs/var/lib/dpkg/status"
  dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|; s|/$||; s|^$|/.|' > "$info/$pkg.list"
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./md5sums > "$info/$pkg.md5sums" 2>/dev/null || rm -f "$info/$pkg.md5sums"
done
# Documentation is not needed at run time; the copyright files stay (licences).
find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright \( -type f -o -type l \) -delete
rm -rf "$rootfs"/usr/share/{man,info,lintian}
# update-ca-certificates' work (a postinst, never run here): the bundle OpenSSL-style clients read.
mkdir -p "$rootfs/etc/ssl/certs"
find "$rootfs/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat > "$rootfs/etc/ssl/certs/ca-certificates.crt"

# 3. Jib copies symbolic links' targets from the build machine's file system, so an absolute link
#    (/lib64/ld-linux-x86-64.so.2 -> /lib/...) would pick up the host's file: every link becomes
#    a regular file inside the rootfs. A library's only link in its own directory (libaom.so.3 ->
#    libaom.so.3.6.0) takes the file itself, not a second copy: the loader opens the link's name.
declare -A refs=()
while read -r link; do
  key="$(dirname "$link")/$(readlink "$link")"
  refs[$key]=$(( ${refs[$key]:-0} + 1 ))
done < <(find "$rootfs" -type l)
while read -r link; do
  t=$(readlink "$link")
  same_dir="$(dirname "$link")/$t"
  if [[ "$t" != */* && "${refs[$same_dir]}" == 1 && -f "$same_dir" && ! -L "$same_dir" ]]; then
    mv -f "$same_dir" "$link"
    continue
  fi
  target="$link"
  for _ in 1 2 3 4 5 6 7 8; do
    [[ -L "$target" ]] || break
    t=$(readlink "$target")
    if [[ "$t" == /* ]]; then target="$rootfs$t"; else target="$(dirname "$target")/$t"; fi
  done
  rm "$link"
  if [[ -f "$target" ]]; then cp "$target" "$link"; fi
done < <(find "$rootfs" -type l)

# 4. The Java runtime.
mkdir -p "$rootfs/opt" "$rootfs/tmp" "$rootfs/home/nonroot"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$rootfs/opt/java"
# A server has no display or sound: drop the libraries that would pull in X11 and ALSA.
rm -f "$rootfs"/opt/java/lib/{libawt_xawt.so,libjawt.so,libjsound.so,libsplashscreen.so}

echo 'root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$rootfs/etc/passwd"
echo 'root:x:0:
nonroot:x:65532:' > "$rootfs/etc/group"

# 5. The codec set and the runtime must resolve inside the rootfs, or the build fails.
"$here/check-rootfs.sh" "$rootfs"

echo "$want" > "$stamp"
echo "image runtime built: $rootfs ($(du -sh "$rootfs" | cut -f1), $(grep -c '^Package: ' "$rootfs/var/lib/dpkg/status") Debian packages)"
