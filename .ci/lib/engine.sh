# Sourced by .ci/containers.sh: a Docker engine of its own (Debian's docker.io) in a temporary directory, and its
# stop. engine_start DIR starts dockerd with its data, sockets and pid file under DIR, saves the firewall rules first
# and exports DOCKER_HOST; engine_stop stops it by its pid, restores the rules (flushed back to empty when none were
# saved), removes docker0 and the engine's leftover mounts, then DIR.
engine_start() {
  ENGINE_DIR=$1
  iptables-save >"$ENGINE_DIR/iptables.v4" 2>/dev/null || true
  ip6tables-save >"$ENGINE_DIR/iptables.v6" 2>/dev/null || true
  dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" -H "unix://$ENGINE_DIR/docker.sock" \
    --pidfile "$ENGINE_DIR/dockerd.pid" >"$ENGINE_DIR/dockerd.log" 2>&1 &
  export DOCKER_HOST="unix://$ENGINE_DIR/docker.sock"
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  cat "$ENGINE_DIR/dockerd.log" >&2
  echo "the Docker engine did not start" >&2
  return 1
}

engine_restore_rules() {
  local tool=$1 saved=$2 table chain
  if [ -s "$saved" ]; then
    "$tool-restore" <"$saved"
  else
    for table in filter nat mangle raw; do
      "$tool" -t "$table" -F 2>/dev/null
      "$tool" -t "$table" -X 2>/dev/null
    done
    for chain in INPUT FORWARD OUTPUT; do "$tool" -P "$chain" ACCEPT 2>/dev/null; done
  fi
}

engine_stop() {
  local pid
  pid=$(cat "$ENGINE_DIR/dockerd.pid" 2>/dev/null)
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  engine_restore_rules iptables "$ENGINE_DIR/iptables.v4"
  engine_restore_rules ip6tables "$ENGINE_DIR/iptables.v6"
  ip link delete docker0 2>/dev/null
  # the engine's namespace mounts, if its stop left any, before the directory goes
  grep -o " $ENGINE_DIR[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$ENGINE_DIR" || echo "warning: could not remove $ENGINE_DIR" >&2
}
