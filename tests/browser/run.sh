#!/usr/bin/env bash
# Browser tests of the web page and of the embeddable search box (Chromium + playwright-core).
#
#   tests/browser/run.sh COHESIO_BINARY INDEX_DIR
#   e.g. tests/browser/run.sh build/debug-asan/src/main/cohesio index
#
# Builds nothing: starts `cohesio serve` on a free port with the index given, allowing (CORS) the
# origin of the test's host page, waits for /readyz, runs run.mjs, stops the service.
# Needs node (>= 18), /usr/bin/chromium (apt-get install chromium; or set CHROMIUM) and
# tests/browser/node_modules (installed here with `npm ci` when missing).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 COHESIO_BINARY INDEX_DIR" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cohesio="$(realpath "$1")"
index="$(realpath "$2")"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$cohesio" ]] || { echo "run.sh: $1: not an executable" >&2; exit 2; }
[[ -d "$index" ]] || { echo "run.sh: $2: not a directory" >&2; exit 2; }
command -v node >/dev/null || { echo "run.sh: node is missing (apt-get install nodejs npm)" >&2; exit 2; }
[[ -x "$CHROMIUM" ]] || { echo "run.sh: $CHROMIUM is missing (apt-get install chromium)" >&2; exit 2; }
# Installed again whenever the lock file changed since the last install (a copy is kept).
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.installed-lock.json"; then
    (cd "$here" && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json)
fi

# Three free ports: the service, the host page on an allowed origin, the host page on another.
read -r service_port host_port other_port < <(node -e '
const net = require("net");
(async () => {
  const servers = [];
  for (let i = 0; i < 3; i++) {
    const s = net.createServer();
    await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
    servers.push(s);
  }
  console.log(servers.map((s) => s.address().port).join(" "));
  servers.forEach((s) => s.close());
})();')

service="http://127.0.0.1:$service_port"
log="$(mktemp)"
"$cohesio" serve --index "$index" --bind 127.0.0.1 --port "$service_port" \
    --cors-origin "http://127.0.0.1:$host_port" >"$log" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

# Up to 60 s: a debug build with sanitizers starts slowly.
if ! node -e '
const url = process.argv[1] + "/readyz";
const until = Date.now() + 60000;
(async () => {
  while (Date.now() < until) {
    try { if ((await fetch(url)).ok) process.exit(0); } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  process.exit(1);
})();' "$service"; then
    echo "run.sh: the service did not answer $service/readyz:" >&2
    cat "$log" >&2
    exit 1
fi

status=0
COHESIO_URL="$service" HOST_PORT="$host_port" OTHER_PORT="$other_port" node "$here/run.mjs" || status=$?
if [[ $status -ne 0 ]]; then
    echo "--- service log (last lines) ---" >&2
    tail -n 20 "$log" >&2
fi
exit "$status"
