#!/usr/bin/env bash
# verify against a small SymPy reference checker (benches/sympy_reference.py) on the
# same steps, whole processes, CPU seconds (user + system), as issue 14 measures.
#
#   bash benches/compare.sh [RUNS]        # RUNS of verify per workload (default 5)
#
# Workloads: the seed; the seed with a wrong step; E[xⁿ] for n = 1..10 (one step
# each); the seed's KL chain ×50 (renamed copies, 650 steps). verify's time is the
# median of RUNS runs of the release binary; SymPy's is one run (minutes, for the
# last workload), in `sympy.stats` mode (`SYMPY_MODE=integrate` for the slower
# `sympy.integrate`). Needs python3; SymPy comes from PyPI into
# target/sympy-venv on first use. Not part of `cargo test` or `.ci/run`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
mode=${SYMPY_MODE:-stats}
out=target/compare
mkdir -p "$out"

venv=target/sympy-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sympy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'sympy>=1.12'
fi
cargo build --release --quiet
bin=target/release/verify

# The workloads, written out.
cp derivations/gauss_kl.txt "$out/seed.txt"
cp tests/fixtures/check/wrong/step8_minus_one.txt "$out/seed_wrong.txt"
"$venv/bin/python" - "$out/moments.txt" <<'EOF'
import sys
from math import comb

def double_factorial(n):
    return 1 if n <= 0 else n * double_factorial(n - 2)

lines = ["let p(x) = N(x; \\mu, \\sigma^2)"]
for n in range(1, 11):
    terms = []
    for j in range(0, n + 1, 2):
        c = comb(n, j) * double_factorial(j - 1)
        factors = ([] if c == 1 else [str(c)])
        if n - j:
            factors.append(f"\\mu^{{{n - j}}}")
        if j:
            factors.append(f"\\sigma^{{{j}}}")
        terms.append(" ".join(factors) or "1")
    lines.append(f"\\int x^{{{n}}} p(x) dx = " + " + ".join(terms))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
EOF
: > "$out/kl_x50.txt"
for k in $(seq 0 49); do
    a=$((2 * k + 1)) b=$((2 * k + 2))
    sed -e "s/_1/_{A$k}/g; s/_2/_{B$k}/g" -e "s/{A$k}/{$a}/g; s/{B$k}/{$b}/g" \
        derivations/gauss_kl.txt >> "$out/kl_x50.txt"
done

cpu() { # command... → "user+system seconds" of one run (a failing one too)
    /usr/bin/time -o "$out/time" -f '%U %S' "$@" > /dev/null 2>&1 || true
    # After a non-zero exit, time's first line says so; the times are the last.
    tail -n 1 "$out/time" | awk '{ printf "%.3f", $1 + $2 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '%-22s %8s %12s %12s %10s\n' workload steps 'verify s' "sympy s" 'ratio'
for w in seed seed_wrong moments kl_x50; do
    file="$out/$w.txt"
    steps=$(SYMBOLICA_HIDE_BANNER=1 "$bin" --no-config --format json "$file" 2>/dev/null \
        | grep -c '"type":"step"' || true)
    v=$(for _ in $(seq "$runs"); do SYMBOLICA_HIDE_BANNER=1 cpu "$bin" --no-config "$file"; echo; done | median)
    s=$(cpu "$venv/bin/python" benches/sympy_reference.py --mode "$mode" "$file")
    ratio=$(awk -v v="$v" -v s="$s" 'BEGIN { printf "%.4f", v / s }')
    printf '%-22s %8s %12s %12s %10s\n' "$w" "$steps" "$v" "$s" "$ratio"
done
