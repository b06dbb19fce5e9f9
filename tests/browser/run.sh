#!/usr/bin/env bash
# The API's contract test (contract.mjs, no browser), then the browser tests of the web page and
# of the embeddable search box (run.mjs: Chromium + playwright-core).
#
#   tests/browser/run.sh [--contract-only] COHESIO_BINARY INDEX_DIR
#   e.g. tests/browser/run.sh build/debug-asan/src/main/cohesio index
#
# Builds nothing: starts `cohesio serve` on a free port with the index given, allowing (CORS) the
# origin of the test's host page, waits for /readyz, runs the tests, stops the service. For the
# contract test it also starts two more: one with the admin API on scratch copies of the index and
# of corpus/ (it writes both), one without an index and with a rate limit (503s and 429s).
# Needs node (>= 18), /usr/bin/chromium (apt-get install chromium; or set CHROMIUM; not with
# --contract-only) and tests/browser/node_modules (installed here with `npm ci` when missing or
# older than package-lock.json).
set -euo pipefail

contract_only=0
if [[ "${1:-}" == "--contract-only" ]]; then
    contract_only=1
    shift
fi
if [[ $# -ne 2 ]]; then
    echo "usage: $0 [--contract-only] COHESIO_BINARY INDEX_DIR" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cohesio="$(realpath "$1")"
index="$(realpath "$2")"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$cohesio" ]] || { echo "run.sh: $1: not an executable" >&2; exit 2; }
[[ -d "$index" ]] || { echo "run.sh: $2: not a directory" >&2; exit 2; }
command -v node >/dev/null || { echo "run.sh: node is missing (apt-get install nodejs npm)" >&2; exit 2; }
[[ $contract_only -eq 1 || -x "$CHROMIUM" ]] || { echo "run.sh: $CHROMIUM is missing (apt-get install chromium)" >&2; exit 2; }
# Installed again whenever the lock file changed since the last install (a copy is kept: file
# times say little after a checkout).
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.installed-lock.json"; then
    (cd "$here" && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json)
fi

# Five free ports: the three services, the host page on an allowed origin, the host page on another.
read -r service_port admin_port down_port host_port other_port < <(node -e '
const net = require("net");
(async () => {
  const servers = [];
  for (let i = 0; i < 5; i++) {
    const s = net.createServer();
    await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
    servers.push(s);
  }
  console.log(servers.map((s) => s.address().port).join(" "));
  servers.forEach((s) => s.close());
})();')

scratch="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$scratch"
}
trap cleanup EXIT

# start NAME PORT PROBE [serve options...]: starts `cohesio serve` logging to $scratch/NAME.log
# and waits up to 60 s (a debug build with sanitizers starts slowly) for PROBE to answer 200.
start() {
    local name="$1" port="$2" probe="$3"
    shift 3
    "$cohesio" serve --bind 127.0.0.1 --port "$port" "$@" >"$scratch/$name.log" 2>&1 &
    pids+=($!)
    if ! node -e '
const url = process.argv[1];
const until = Date.now() + 60000;
(async () => {
  while (Date.now() < until) {
    try { if ((await fetch(url)).ok) process.exit(0); } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  process.exit(1);
})();' "http://127.0.0.1:$port$probe"; then
        echo "run.sh: the $name service did not answer http://127.0.0.1:$port$probe:" >&2
        cat "$scratch/$name.log" >&2
        exit 1
    fi
}

service="http://127.0.0.1:$service_port"
start main "$service_port" /readyz --index "$index" --cors-origin "http://127.0.0.1:$host_port"

# The contract test's other services: the admin API on copies (the corpus's practices and
# reference data, the index's generations with its `current` link), and a service whose index
# is taken away once it has started (`serve` refuses to start without one), behind a trusted
# proxy (127.0.0.1) so that each request names its client in X-Forwarded-For.
corpus="$here/../../corpus"
mkdir -p "$scratch/corpus" "$scratch/down-corpus/practices"
cp -R "$corpus/practices" "$corpus/reference" "$scratch/corpus/"
cp -R "$corpus/reference" "$scratch/down-corpus/"
cp -a "$index" "$scratch/index"
cp -a "$index" "$scratch/down-index"
token="contract-test-admin-token-0123456789"  # as contract/cases.mjs sends it
COHESIO_ADMIN_TOKEN="$token" start admin "$admin_port" /readyz --index "$scratch/index" --corpus "$scratch/corpus"
COHESIO_ADMIN_TOKEN="$token" start down "$down_port" /readyz --index "$scratch/down-index" \
    --corpus "$scratch/down-corpus" --rate-limit 1 --rate-burst 1 --trusted-proxy 127.0.0.1
rm "$scratch/down-index/current"

# Service logs' last lines, when a test failed.
show_logs() {
    for name in "$@"; do
        echo "--- $name service log (last lines) ---" >&2
        tail -n 20 "$scratch/$name.log" >&2
    done
}

status=0
COHESIO_URL="$service" ADMIN_URL="http://127.0.0.1:$admin_port" DOWN_URL="http://127.0.0.1:$down_port" \
    CORPUS="$corpus" node "$here/contract.mjs" || { status=$?; show_logs main admin down; }
if [[ $contract_only -eq 1 ]]; then
    exit "$status"
fi

COHESIO_URL="$service" HOST_PORT="$host_port" OTHER_PORT="$other_port" node "$here/run.mjs" || { status=$?; show_logs main; }
exit "$status"
