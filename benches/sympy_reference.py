#!/usr/bin/env python3
"""A small reference checker in SymPy, for `benches/compare.sh` (issue 14).

It reads the subset of `verify`'s derivation files that the benchmark workloads use
(`let p(x) = N(x; mu, var)`, chains of `=` steps, `specialise NAME with a = b`, `%`
comments) with a LaTeX reader of its own, and checks every step with SymPy:
`simplify(previous - this) == 0`. Integrals over the line are done by
`sympy.stats` (an integral of a declared density times g(x) is E[g(X)]) in the
default mode, or by `sympy.integrate` with `--mode integrate`. It is a yardstick for
speed, not a second implementation to trust: it prints one line per step and a
summary, and exits 1 when a step does not simplify to zero (a wrong step should).

Not needed by `cargo test` or `.ci/run`; `compare.sh` installs SymPy from PyPI into a
virtual environment under `target/`.
"""

import re
import sys

import sympy
from sympy import stats

GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "lambda", "mu", "nu", "rho",
    "sigma", "tau", "theta", "phi", "psi", "omega", "kappa", "eta", "xi", "zeta",
}
SKIP = {"\\left", "\\right", "\\,", "\\;", "\\!", "\\quad", "\\qquad", "&", "\\\\"}


def tokenize(text):
    tokens = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", text[i:])
            name = "\\" + m.group(1)
            i += len(m.group(0))
            if name == "\\mathrm":
                m2 = re.match(r"\{d\}\s*([A-Za-z])", text[i:])
                if m2:
                    tokens.append(("diff", m2.group(1)))
                    i += len(m2.group(0))
                    continue
            if name not in SKIP:
                tokens.append(("cmd", name))
        elif c.isdigit():
            m = re.match(r"\d+(\.\d+)?", text[i:])
            tokens.append(("num", m.group(0)))
            i += len(m.group(0))
        elif c.isalpha():
            # `dx` (a `d` then one letter, not part of a longer word) ends an integral.
            if c == "d" and i + 1 < len(text) and text[i + 1].isalpha() and (
                i + 2 >= len(text) or not text[i + 2].isalpha()
            ):
                tokens.append(("diff", text[i + 1]))
                i += 2
            else:
                tokens.append(("id", c))
                i += 1
        elif c == "&":
            i += 1
        else:
            tokens.append(("op", c))
            i += 1
    return tokens


class Reader:
    """LaTeX → SymPy, for one expression."""

    def __init__(self, tokens, env):
        self.t = tokens
        self.i = 0
        self.env = env

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, kind, value):
        tok = self.take()
        if tok != (kind, value):
            raise SyntaxError(f"expected {value!r}, found {tok!r}")

    def expr(self):
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self):
        if self.peek() == ("op", "-"):
            self.take()
            return -self.term()
        value = self.factor()
        while True:
            tok = self.peek()
            if tok in (("op", "*"), ("cmd", "\\cdot"), ("cmd", "\\times")):
                self.take()
                value = value * self.factor()
            elif tok == ("op", "/"):
                self.take()
                value = value / self.factor()
            elif self.starts_factor(tok):
                value = value * self.factor()
            else:
                return value

    def starts_factor(self, tok):
        kind, v = tok
        if kind in ("num", "id"):
            return True
        if kind == "op":
            return v in "([{"
        if kind == "cmd":
            return v not in ("\\cdot", "\\times")
        return False

    def implicit_product(self):
        """A function's argument without parentheses: the implicit product that
        follows, up to the next `+`, `-` or explicit operator."""
        value = self.factor()
        while self.starts_factor(self.peek()) and self.peek() != ("cmd", "\\int"):
            value = value * self.factor()
        return value

    def group(self):
        self.expect("op", "{")
        value = self.expr()
        self.expect("op", "}")
        return value

    def factor(self):
        base = self.atom()
        while self.peek() == ("op", "^"):
            self.take()
            if self.peek() == ("op", "{"):
                exponent = self.group()
            else:
                exponent = self.atom_plain()
            base = base ** exponent
        return base

    def atom_plain(self):
        kind, v = self.take()
        if kind == "num":
            return sympy.Rational(v)
        if kind == "id":
            return self.env.symbol(v)
        raise SyntaxError(f"unexpected {v!r}")

    def subscript(self):
        if self.peek() != ("op", "_"):
            return ""
        self.take()
        if self.peek() == ("op", "{"):
            self.take()
            text = ""
            while self.peek() != ("op", "}"):
                text += self.take()[1]
            self.take()
            return "_" + text
        return "_" + self.take()[1]

    def atom(self):
        kind, v = self.take()
        if kind == "num":
            return sympy.Rational(v)
        if kind == "op" and v in "([{":
            close = {"(": ")", "[": "]", "{": "}"}[v]
            value = self.expr()
            self.expect("op", close)
            return value
        if kind == "id":
            name = v + self.subscript()
            if name == "e" and self.peek() == ("op", "^"):
                self.take()
                exponent = self.group() if self.peek() == ("op", "{") else self.atom_plain()
                return sympy.exp(exponent)
            if name in self.env.functions and self.peek() == ("op", "("):
                self.take()
                args = [self.expr()]
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.expr())
                self.expect("op", ")")
                return self.env.call(name, args)
            return self.env.symbol(name)
        if kind == "cmd":
            name = v[1:]
            if name in GREEK:
                return self.env.symbol(name + self.subscript())
            if name == "pi":
                return sympy.pi
            if name == "infty":
                return sympy.oo
            if name == "frac":
                num = self.group()
                den = self.group()
                return num / den
            if name == "sqrt":
                return sympy.sqrt(self.group())
            if name in ("log", "ln"):
                return sympy.log(self.implicit_product())
            if name == "exp":
                return sympy.exp(self.implicit_product())
            if name == "int":
                return self.integral()
        raise SyntaxError(f"unexpected {v!r}")

    def integral(self):
        lower, upper = -sympy.oo, sympy.oo
        if self.peek() == ("op", "_"):
            self.take()
            lower = self.group() if self.peek() == ("op", "{") else self.atom_plain()
            self.expect("op", "^")
            upper = self.group() if self.peek() == ("op", "{") else self.atom_plain()
        body = self.expr()
        kind, var = self.take()
        if kind != "diff":
            raise SyntaxError("an integral without its dx")
        return self.env.integrate(body, self.env.symbol(var), lower, upper)


class Env:
    def __init__(self, mode):
        self.mode = mode
        self.symbols = {}
        self.functions = {}  # name -> (param, formula, (mean, std))
        self.chains = {}  # chain name (text) -> final value

    def symbol(self, name):
        if name not in self.symbols:
            positive = name.startswith("sigma")
            self.symbols[name] = sympy.Symbol(name, positive=True) if positive else sympy.Symbol(name, real=True)
        return self.symbols[name]

    def declare(self, name, param, mean, var):
        x = self.symbol(param)
        std = sympy.sqrt(var)
        formula = sympy.exp(-(x - mean) ** 2 / (2 * var)) / (sympy.sqrt(2 * sympy.pi) * std)
        self.functions[name] = (x, formula, (mean, std), sympy.Function(name))

    def call(self, name, args):
        if name == "KL":
            return None
        x, _, _, f = self.functions[name]
        return f(*args)

    def written_out(self, expr):
        for name, (x, formula, _, f) in self.functions.items():
            expr = expr.replace(f, sympy.Lambda(x, formula))
        return expr

    def integrate(self, body, x, lower, upper):
        if self.mode == "stats" and (lower, upper) == (-sympy.oo, sympy.oo):
            value = self.expectation(body, x)
            if value is not None:
                return value
        return sympy.integrate(self.written_out(body), (x, lower, upper))

    def expectation(self, body, x):
        """∫ g(x) p(x) dx as E[g(X)] for X ~ p, when every term has the factor p(x)."""
        for name, (_, _, (mean, std), f) in self.functions.items():
            density = f(x)
            terms = sympy.Add.make_args(body)
            if not all(density in sympy.Mul.make_args(t) for t in terms):
                continue
            rest = sympy.Add(*[t / density for t in terms])
            big_x = stats.Normal("X_" + name, mean, std)
            return stats.E(self.written_out(rest).subs(x, big_x))
        return None


def read_file(path, mode):
    env = Env(mode)
    text = open(path, encoding="utf-8").read()
    steps = []  # (line, previous, this)
    chain_name, chain_value, chain_steps = None, None, []
    pending_specialisation = None

    def end_chain():
        nonlocal chain_name, chain_value, chain_steps
        if chain_name is not None and chain_steps:
            env.chains[chain_name] = chain_steps[-1]
        chain_name, chain_value, chain_steps = None, None, []

    def parse(expr_text):
        return Reader(tokenize(expr_text), env).expr()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%")[0].strip()
        if line.endswith("\\\\"):
            line = line[:-2].strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"let\s+(\w+(?:_\{?\w+\}?)?)\((\w)\)\s*=\s*N\((\w);(.*),(.*)\)$", line)
        if m:
            name = m.group(1).replace("{", "").replace("}", "")
            env.declare(name, m.group(2), parse(m.group(4)), parse(m.group(5)))
            continue
        m = re.match(r"specialise\s+(.*?)\s+with\s+(.*)$", line)
        if m:
            end_chain()
            bindings = {}
            for binding in m.group(2).split(","):
                lhs, rhs = binding.split("=")
                value = parse(rhs)
                lhs = lhs.strip()
                if lhs.endswith("^2"):
                    lhs, value = lhs[:-2], sympy.sqrt(value)
                bindings[parse(lhs)] = value
            pending_specialisation = (m.group(1).strip(), bindings)
            continue
        parts = [p.strip().lstrip("&").strip() for p in line.split("=")]
        if parts[0] != "":
            end_chain()
            head, parts = parts[0], parts[1:]
            if pending_specialisation is not None:
                target, bindings = pending_specialisation
                chain_steps = [env.chains[target].subs(bindings)]
                pending_specialisation = None
                chain_name = head
            elif head.startswith("KL("):
                p, q = re.match(r"KL\(([\w{}]+),\s*([\w{}]+)\)", head).groups()
                p, q = (n.replace("{", "").replace("}", "") for n in (p, q))
                x = env.functions[p][0]
                chain_name = head
                # The name means ∫ p log(p/q): step 0 checks the first line against it.
                chain_steps = [("kl", (p, q, x))]
            else:
                chain_name = None
                chain_steps = [parse(head)]
        else:
            parts = parts[1:]
        for part in parts:
            value = parse(part)
            previous = chain_steps[-1] if chain_steps else None
            if isinstance(previous, tuple):
                p, q, x = previous[1]
                _, _, _, fp = env.functions[p]
                _, _, _, fq = env.functions[q]
                previous = env.integrate(fp(x) * sympy.log(fp(x) / fq(x)), x, -sympy.oo, sympy.oo)
                chain_steps[-1] = previous
            if previous is not None:
                steps.append((number, previous, value))
            chain_steps.append(value)
    end_chain()
    return steps


def main():
    args = sys.argv[1:]
    mode = "stats"
    if args[:1] == ["--mode"]:
        mode, args = args[1], args[2:]
    wrong = 0
    total = 0
    for path in args:
        for line, previous, this in read_file(path, mode):
            total += 1
            difference = sympy.simplify(sympy.expand_log(previous - this, force=True))
            ok = difference == 0
            wrong += not ok
            print(f"{path}:{line}: {'ok' if ok else 'differs: ' + str(difference)}")
    print(f"{total} steps: {total - wrong} simplify to 0, {wrong} do not")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
