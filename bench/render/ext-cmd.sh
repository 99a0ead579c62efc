#!/usr/bin/env bash
# The worker's command-line renderer in the shared harness's EXT_CMD form:
#   bench/render/ext-cmd.sh THREADS OUTDIR LIST.tsv   fit 1024 and 256, JPEG q85, one decode per image
#   bench/render/ext-cmd.sh --start | --stop          start (and warm up) or stop the render server
#
# Calls go to a render server (`render-server.jar --serve`): one JVM that the first call starts and
# warms up, and that exits after RENDER_SERVER_IDLE seconds (default 600) without a call. Why: the
# harness times every call from outside, so a fresh JVM per call would measure a JVM start and a cold JIT
# per list, while the renderer runs inside a long-lived worker in production. The server's start
# and warm-up are not hidden: the first call pays them. Each call sends its thread count and CPU
# affinity (the harness pins its 1-thread runs with taskset) and the server applies both to all
# its threads before rendering. RENDER_SERVER=0 runs a fresh JVM per call instead.
#
# JAVA (default Temurin 25), JAVA_OPTS and JAR may be set. The jar is the bench module's
# bench/render-server/target/render-server.jar (the worker's jar and image hold no server), built
# by `./mvnw -DskipTests package`, bench/render/run.sh or
# `./mvnw -pl bench/render-server -am package -DskipTests`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# A fixed name (the module's finalName), whatever the project's version.
JAR=${JAR:-$ROOT/bench/render-server/target/render-server.jar}
# shellcheck disable=SC2206  # JAVA_OPTS is a list of options
RENDER=("$JAVA" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true ${JAVA_OPTS:-} -jar "$JAR")

usage() {
  echo "usage: ext-cmd.sh THREADS OUTDIR LIST.tsv | --start | --stop" >&2
  exit 2
}

if [[ ${RENDER_SERVER:-1} == 0 && ${1:-} != --* ]]; then
  exec "${RENDER[@]}" --harness "$@"
fi
[[ -f $JAR ]] || { echo "ext-cmd.sh: no $JAR; build it with ./mvnw -pl bench/render-server -am package -DskipTests" >&2; exit 2; }

# One server per user and jar build: a rebuilt jar gets a new server (the old one idles out).
STATE=${TMPDIR:-/tmp}/image-service-render-$(id -u)-$(printf '%s %s' "$JAR" "$(stat -c %Y "$JAR")" | cksum | cut -d' ' -f1)
LOG=$STATE.log
PORT="" TOKEN="" PID=""

server_up() {
  [[ -s $STATE ]] && read -r PORT TOKEN PID <"$STATE" && kill -0 "$PID" 2>/dev/null
}

start_server() {
  local i server
  exec 9>"$STATE.lock"
  flock 9 # two first calls at once start one server
  if ! server_up; then
    rm -f "$STATE"
    setsid "${RENDER[@]}" --serve "$STATE" --idle-seconds "${RENDER_SERVER_IDLE:-600}" </dev/null >"$LOG" 2>&1 &
    server=$!
    # The server writes STATE once it has warmed up and listens; poll for it (up to 120 s).
    for ((i = 0; i < 1200; i++)); do
      server_up && break
      kill -0 "$server" 2>/dev/null || { cat "$LOG" >&2; exit 2; }
      sleep 0.1
    done
    server_up || { echo "ext-cmd.sh: the render server did not start; see $LOG" >&2; exit 2; }
  fi
  exec 9>&-
}

# Sends one request; prints the server's lines and returns its exit code (3: no connection).
render() { # THREADS OUTDIR LIST
  local cpus out list line code=""
  cpus=$(awk '/^Cpus_allowed_list:/ {print $2}' "/proc/$$/status" 2>/dev/null || true)
  out=$(realpath -m "$2")
  list=$(realpath "$3")
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 3
  printf '%s\t%s\t%s\t%s\t%s\n' "$TOKEN" "$1" "$cpus" "$out" "$list" >&3
  while IFS= read -r line <&3; do
    if [[ $line == "exit "* ]]; then code=${line#exit }; else printf '%s\n' "$line"; fi
  done
  exec 3<&-
  [[ -n $code ]] || { echo "ext-cmd.sh: the render server gave no answer; see $LOG" >&2; return 2; }
  return "$code"
}

case ${1:-} in
  --start)
    server_up || start_server
    echo "render server pid $PID on port $PORT (log: $LOG)" ;;
  --stop)
    if server_up; then kill "$PID"; fi ;;
  --*) usage ;;
  *)
    (($# == 3)) || usage
    server_up || start_server
    # Nothing to render (the harness's lists of a corpus without that format): no request, as
    # vipsthumbnail's batch (xargs -r) starts no process for it either. The server is started all
    # the same, so that the first call pays its start and warm-up as before.
    [[ -s $3 ]] || exit 0
    code=0
    render "$@" || code=$?
    if ((code == 3)); then # the server went away between the check and the call: start one, once
      start_server
      code=0
      render "$@" || code=$?
    fi
    exit "$code" ;;
esac
