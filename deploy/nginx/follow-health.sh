#!/usr/bin/env bash
# Active health checks for nginx in front of textlensd replicas (open-source
# nginx only notices a replica is gone when calls to it fail). Asks each
# replica's standard health service every INTERVAL seconds and keeps
# PREFIX/replicas.conf, which nginx.conf includes in its upstream, in step:
# a replica that is not SERVING (stopping: textlensd turns NOT_SERVING at
# SIGTERM and goes on serving for `shutdown_delay`; or unreachable) is
# marked `down`, and nginx reloads (graceful: calls in flight finish).
#
# Usage: follow-health.sh PREFIX HOST:PORT... (nginx runs with
#   `-p PREFIX -c PREFIX/nginx.conf`). Environment: INTERVAL (0.5),
#   GRPCURL (grpcurl), NGINX (nginx). Runs until killed.
set -uo pipefail
prefix="$1"
shift
interval="${INTERVAL:-0.5}"
grpcurl="${GRPCURL:-grpcurl}"
nginx="${NGINX:-nginx}"
replicas="$prefix/replicas.conf"

current="$(cat "$replicas" 2>/dev/null || true)"
while true; do
  wanted=""
  for replica in "$@"; do
    answer="$("$grpcurl" -plaintext -max-time 1 "$replica" grpc.health.v1.Health/Check 2>/dev/null)"
    if [[ "$answer" == *'"SERVING"'* ]]; then
      wanted+="server $replica max_fails=1 fail_timeout=5s;"$'\n'
    else
      wanted+="server $replica down;"$'\n'
    fi
  done
  if [ "$wanted" != "$current"$'\n' ] && [ "$wanted" != "$current" ]; then
    printf '%s' "$wanted" >"$replicas.partial" && mv "$replicas.partial" "$replicas"
    "$nginx" -p "$prefix/" -c "$prefix/nginx.conf" -s reload
    echo "follow-health: $(tr '\n' ' ' <"$replicas")" >&2
    current="$wanted"
  fi
  sleep "$interval"
done
