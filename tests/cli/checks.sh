#!/bin/sh
# Behaviours of the cohesio command that need a shell around it: exit codes with their output,
# standard input, and a pseudo-terminal (script(1), util-linux) for colour.
# Usage: checks.sh CHECK COHESIO INDEX
set -u
check=$1 cohesio=$2 index=$3
esc=$(printf '\033')

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Runs cohesio on a pseudo-terminal, its output on ours.
on_terminal() {
    script -qec "$1" /dev/null
}

case $check in
help-*)
    command=${check#help-}
    for flag in --help -h; do
        out=$("$cohesio" "$command" $flag) || fail "$command $flag exits non-zero"
        printf '%s\n' "$out" | grep -q "^  $command " || fail "$command $flag: no usage on stdout"
    done
    ;;
double-dash-help)
    # After --, --help is a query like any other.
    out=$("$cohesio" search --index "$index" -- --help 2>&1) || fail "search -- --help exits non-zero: $out"
    printf '%s\n' "$out" | grep -q '^usage:' && fail "search -- --help prints the usage"
    ;;
sort-orders)
    # The usage lists every order --sort accepts: those a wrong one is told (kSortOrderNames).
    out=$("$cohesio" search food --sort nope --index "$index" 2>&1) && fail "--sort nope succeeds"
    orders=$(printf '%s\n' "$out" | sed -n 's/.*--sort: must be //p')
    [ -n "$orders" ] || fail "--sort nope: $out"
    "$cohesio" search --help | grep -qF "ORDER: $orders" || fail "search --help lacks: $orders"
    ;;
version)
    out=$("$cohesio" --version) || fail "--version exits non-zero"
    printf '%s\n' "$out" | grep -Eq '^cohesio [0-9]+\.[0-9]+\.[0-9]+$' || fail "no version: $out"
    printf '%s\n' "$out" | grep -Eq '^Xapian [0-9]+\.' || fail "no Xapian version: $out"
    printf '%s\n' "$out" | grep -Eq '^ICU [0-9]+\.' || fail "no ICU version: $out"
    ;;
search-stdin)
    out=$(printf 'banque alimentaire\n' | "$cohesio" search - --limit 2 --index "$index") ||
        fail "search - exits non-zero"
    printf '%s\n' "$out" | grep -q '\[am-national-food-bank\]' || fail "search -: $out"
    ;;
similar-stdin)
    out=$(printf 'a municipality wants to house refugee families\n' |
        "$cohesio" similar --text - --index "$index") || fail "similar --text - exits non-zero"
    printf '%s\n' "$out" |
        grep -Eq 'it-ciac-tandem-cohousing|bg-sofia-oboriste-refugee-integration|pl-welcome-home-housing' ||
        fail "similar --text -: $out"
    ;;
update-stdin)
    out=$("$cohesio" index --update - --index "$index-not-touched" 2>&1) &&
        fail "index --update - succeeds"
    printf '%s\n' "$out" | grep -q -- '--update: - (standard input) is not read' || fail "$out"
    ;;
colour)
    run="'$cohesio' search 'banque alimentaire' --limit 1 --index '$index'"
    TERM=xterm on_terminal "$run" | grep -q "${esc}\[1m" || fail "no bold on a terminal"
    for refusal in "NO_COLOR=1 TERM=xterm" "TERM=dumb"; do
        out=$(env $refusal script -qec "$run" /dev/null)
        printf '%s\n' "$out" | grep -q "$esc" && fail "ANSI escapes despite $refusal"
        printf '%s\n' "$out" | grep -qi '\[banques*\]' || fail "no [marks] with $refusal: $out"
    done
    out=$("$cohesio" search 'banque alimentaire' --limit 1 --index "$index")
    printf '%s\n' "$out" | grep -q "$esc" && fail "ANSI escapes into a pipe"
    ;;
*)
    fail "unknown check $check"
    ;;
esac
exit 0
