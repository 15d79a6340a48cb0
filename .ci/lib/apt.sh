# Sourced: install_missing COMMAND=PACKAGE… apt-installs (Debian, as root) the package of every command this machine
# lacks, and nothing when it lacks none.
install_missing() {
  local pair need=()
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || need+=("${pair#*=}")
  done
  [ ${#need[@]} -gt 0 ] || return 0
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}
