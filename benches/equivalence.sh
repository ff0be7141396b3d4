#!/usr/bin/env bash
# Checks that two builds of verify say exactly the same thing: runs OLD_BIN and
# NEW_BIN over every derivation (`derivations/`), every fixture and every real note
# (`tests/fixtures/`), each in three reports (the human text, `--explain`, and
# `--format json`), and compares stdout, stderr and the exit status of each run.
# Prints one line per difference and the count; exits 1 if there is any.
#
#   cargo build --release && cp target/release/verify /tmp/verify_old   # before
#   ...change the engine...
#   cargo build --release
#   bash benches/equivalence.sh /tmp/verify_old target/release/verify
#
# Use it before every commit that touches the engine: a speed-up must leave every
# verdict, final form, hint and witness as it was. Run from anywhere; paths in the
# reports are relative to the repository root, so both builds print the same ones.
# The run's own time (`(0.09 s)` in the summary, `"seconds":…` in JSON) is masked,
# and the notice that a run waited for another process's engine lock is dropped.
# `KEEP=DIR` keeps the two outputs of every differing run under DIR.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 OLD_BIN NEW_BIN" >&2
    exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SYMBOLICA_HIDE_BANNER=1 NO_COLOR=1

# One run: stdout, then stderr, then the exit status, in one file.
run() {
    local bin=$1 out=$2
    shift 2
    "$bin" "$@" >"$out.stdout" 2>"$out.stderr" </dev/null
    local status=$?
    { cat "$out.stdout"; echo "--- stderr"; cat "$out.stderr"; echo "--- exit $status"; } |
        sed -E 's/\([0-9]+(\.[0-9]+)? s\)$/(TIME s)/; s/"seconds":[0-9.e+-]+/"seconds":TIME/g; /^verify: waiting for another verify process/d' >"$out"
    rm -f "$out.stdout" "$out.stderr"
}

files=$(find derivations tests/fixtures -type f \
    \( -name '*.txt' -o -name '*.md' -o -name '*.tex' -o -name '*.ipynb' \) | sort)
count=0 runs=0 differences=0
for f in $files; do
    count=$((count + 1))
    for mode in text explain json; do
        case $mode in
        text) args=(--color never "$f") ;;
        explain) args=(--color never --explain "$f") ;;
        json) args=(--format json "$f") ;;
        esac
        run "$old" "$work/old" "${args[@]}"
        run "$new" "$work/new" "${args[@]}"
        runs=$((runs + 1))
        if ! cmp -s "$work/old" "$work/new"; then
            differences=$((differences + 1))
            echo "DIFFERENT: $mode $f"
            diff "$work/old" "$work/new" | head -20 | sed 's/^/    /'
            if [ -n "${KEEP:-}" ]; then
                mkdir -p "$KEEP"
                key=$(echo "$mode $f" | tr '/ ' '__')
                cp "$work/old" "$KEEP/$key.old"
                cp "$work/new" "$KEEP/$key.new"
            fi
        fi
    done
done
echo "$count files, $runs runs per build, $differences differences"
[ "$differences" -eq 0 ]
