//! The second opinion on steps with vectors and matrices: both sides evaluated as
//! written, at fixed dimensions J = 1, 2, 3, with random vectors, random matrices and
//! random symmetric positive definite covariances (`let \Sigma \in \mathbb{S}_{++}^J`).
//!
//! Independent of `lower::matrix` (the engine's normal form): it reads the syntax tree
//! and the note's declarations itself and multiplies real matrices (`nalgebra`), so a
//! wrong rewrite in the normal form shows as a disagreement. A witness names J and
//! every entry of the matrices it used.

use std::collections::{BTreeMap, BTreeSet};

use nalgebra::DMatrix;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{NumericOutcome, Point, AGREE_TOLERANCE};
use crate::syntax::ast::{
    Builtin, Constant, Document, Expr, ExprKind, Item, MatrixOp, Moment, ShapeKind, Under,
};

/// The dimensions every matrix step is evaluated at.
pub const DIMENSIONS: [usize; 3] = [1, 2, 3];
/// Random points per dimension.
const POINTS_PER_DIMENSION: usize = 4;

/// What the note declares: shapes, the dimension's name, positive scalars.
struct Declared {
    shapes: BTreeMap<String, ShapeKind>,
    dim: Option<String>,
    positive: BTreeSet<String>,
}

impl Declared {
    fn of(doc: &Document) -> Declared {
        let mut declared = Declared {
            shapes: BTreeMap::new(),
            dim: None,
            positive: BTreeSet::new(),
        };
        for item in &doc.items {
            match item {
                Item::Shape(decl) => {
                    declared.dim.get_or_insert_with(|| decl.dim.key());
                    for name in &decl.names {
                        declared.shapes.insert(name.key(), decl.kind);
                    }
                }
                Item::Assume(a) => declared.positive.extend(a.symbols.iter().map(|s| s.key())),
                _ => {}
            }
        }
        declared
    }
}

/// Whether `expr` needs this evaluator: matrix notation or a declared vector/matrix.
pub fn mentions_matrices(doc: &Document, expr: &Expr) -> bool {
    let declared = Declared::of(doc);
    mentions(&declared, expr)
}

fn mentions(declared: &Declared, expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Ident(id) if declared.shapes.contains_key(&id.key()) => true,
        ExprKind::Matrix(..) | ExprKind::Apply(Builtin::Trace | Builtin::Det, _) => true,
        _ => crate::syntax::ast::children(expr)
            .into_iter()
            .any(|c| mentions(declared, c)),
    }
}

/// A value: a scalar or a matrix (a vector is J×1). A matrix keeps its shape in
/// terms of J (`true`: J, `false`: 1), so that at J = 1 a 1×1 matrix is still a
/// matrix: only `uᵀ v` (1×J times J×1) is a scalar.
#[derive(Debug, Clone)]
enum Value {
    Scalar(f64),
    Mat(DMatrix<f64>, (bool, bool)),
}

/// One point: J, the scalars, the vectors and matrices.
struct Env<'d> {
    declared: &'d Declared,
    j: usize,
    scalars: BTreeMap<String, f64>,
    matrices: BTreeMap<String, DMatrix<f64>>,
    /// The values of the sums' indices around the node being evaluated.
    indices: BTreeMap<String, i64>,
    rng: ChaCha8Rng,
}

impl Env<'_> {
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * u
    }

    /// A name's value at this point, drawn on first use.
    fn ident(&mut self, key: &str) -> Value {
        if Some(key) == self.declared.dim.as_deref() {
            return Value::Scalar(self.j as f64);
        }
        if let Some(kind) = self.declared.shapes.get(key).copied() {
            let shape = (true, kind != ShapeKind::Vector);
            if let Some(m) = self.matrices.get(key) {
                return Value::Mat(m.clone(), shape);
            }
            let j = self.j;
            let mut m = match kind {
                ShapeKind::Vector => DMatrix::zeros(j, 1),
                _ => DMatrix::zeros(j, j),
            };
            for v in m.iter_mut() {
                *v = self.uniform(-1.5, 1.5);
            }
            if kind == ShapeKind::Covariance {
                // L Lᵀ + ½ I: symmetric, positive definite, not too close to singular.
                m = &m * m.transpose() + DMatrix::identity(j, j) * 0.5;
            }
            self.matrices.insert(key.to_string(), m.clone());
            return Value::Mat(m, shape);
        }
        if let Some(&v) = self.scalars.get(key) {
            return Value::Scalar(v);
        }
        let v = if self.declared.positive.contains(key) {
            self.uniform(0.4, 2.5)
        } else {
            self.uniform(-1.8, 1.8)
        };
        self.scalars.insert(key.to_string(), v);
        Value::Scalar(v)
    }

    fn eval(&mut self, expr: &Expr) -> Result<Value, String> {
        use Value::{Mat, Scalar};
        Ok(match &expr.kind {
            ExprKind::Number(text) => Scalar(
                text.trim()
                    .parse::<f64>()
                    .map_err(|_| format!("`{text}` is not a number"))?,
            ),
            ExprKind::Ident(id) => match self.indices.get(&id.key()) {
                Some(&k) => Scalar(k as f64),
                None => self.ident(&id.key()),
            },
            ExprKind::Indexed { base, index } => Scalar(self.datum(&base.key(), &index.key())?),
            ExprKind::Series {
                op,
                index,
                lower,
                upper,
                body,
            } => Scalar(self.series(*op, &index.key(), lower, upper, body)?),
            ExprKind::Matrix(MatrixOp::Diagonal, args) => match args.as_slice() {
                [first, last] => self.diagonal(first, last)?,
                _ => return Err("a diagonal matrix without its entries".into()),
            },
            ExprKind::Constant(Constant::Pi) => Scalar(std::f64::consts::PI),
            ExprKind::Constant(Constant::E) => Scalar(std::f64::consts::E),
            ExprKind::Neg(a) => match self.eval(a)? {
                Scalar(x) => Scalar(-x),
                Mat(m, shape) => Mat(-m, shape),
            },
            ExprKind::Add(a, b) | ExprKind::Sub(a, b) => {
                let sign = if matches!(expr.kind, ExprKind::Sub(..)) {
                    -1.0
                } else {
                    1.0
                };
                match (self.eval(a)?, self.eval(b)?) {
                    (Scalar(x), Scalar(y)) => Scalar(x + sign * y),
                    (Mat(x, s), Mat(y, t)) if s == t => Mat(x + y * sign, s),
                    _ => {
                        return Err("a sum of a scalar and a matrix, or of different shapes".into())
                    }
                }
            }
            ExprKind::Mul(a, b, _) => product(self.eval(a)?, self.eval(b)?)?,
            ExprKind::Div(a, b, _) => match (self.eval(a)?, self.eval(b)?) {
                (_, Scalar(0.0)) => return Err("division by zero".into()),
                (Scalar(x), Scalar(y)) => Scalar(x / y),
                (Mat(x, s), Scalar(y)) => Mat(x / y, s),
                _ => return Err("division by a matrix".into()),
            },
            ExprKind::Pow(base, exponent) => {
                let base = self.eval(base)?;
                let Scalar(e) = self.eval(exponent)? else {
                    return Err("a matrix exponent".into());
                };
                match base {
                    Scalar(x) => {
                        let v = x.powf(e);
                        if !v.is_finite() {
                            return Err("a power without a real value".into());
                        }
                        Scalar(v)
                    }
                    Mat(m, SQUARE) if e == -1.0 => Mat(
                        m.try_inverse().ok_or("the inverse of a singular matrix")?,
                        SQUARE,
                    ),
                    Mat(m, SQUARE) if e.fract() == 0.0 && (1.0..=4.0).contains(&e) => {
                        let mut p = m.clone();
                        for _ in 1..e as usize {
                            p = &p * &m;
                        }
                        Mat(p, SQUARE)
                    }
                    Mat(..) => return Err("a power of a matrix other than −1, 1, …, 4".into()),
                }
            }
            ExprKind::Sqrt {
                radicand,
                index: None,
            } => match self.eval(radicand)? {
                Scalar(x) if x >= 0.0 => Scalar(x.sqrt()),
                _ => return Err("a square root of a negative number or a matrix".into()),
            },
            ExprKind::Apply(f, arg) => {
                let value = self.eval(arg)?;
                match (f, value) {
                    (Builtin::Log | Builtin::Ln, Scalar(x)) if x > 0.0 => Scalar(x.ln()),
                    (Builtin::Exp, Scalar(x)) => Scalar(x.exp()),
                    (Builtin::Trace, Mat(m, SQUARE)) => Scalar(m.trace()),
                    (Builtin::Det, Mat(m, SQUARE)) => Scalar(m.determinant()),
                    _ => return Err("a function outside its domain".into()),
                }
            }
            ExprKind::Matrix(MatrixOp::Transpose, args) => match self.eval(&args[0])? {
                Mat(m, (r, c)) => Mat(m.transpose(), (c, r)),
                Scalar(x) => Scalar(x),
            },
            ExprKind::Matrix(MatrixOp::Norm, args) => match self.eval(&args[0])? {
                Mat(m, (r, c)) if r != c => Scalar(m.norm()),
                _ => return Err("a norm of something other than a vector".into()),
            },
            ExprKind::Matrix(MatrixOp::Identity, _) => {
                Mat(DMatrix::identity(self.j, self.j), SQUARE)
            }
            ExprKind::Expectation {
                moment: Moment::Mean,
                under: Some(under),
                args,
            } if args.len() == 1 => self.expectation(under, &args[0])?,
            ExprKind::Gaussian { x, mean, variance } => {
                let (x, mean, cov) = (self.eval(x)?, self.eval(mean)?, self.eval(variance)?);
                Scalar(self.density(x, mean, cov)?)
            }
            _ => return Err("a construct not evaluated with vectors and matrices".into()),
        })
    }

    /// `E_{x ~ N(μ, Σ)}[f]` by the tensor Gauss–Hermite rule of 3 nodes per
    /// coordinate through the Cholesky factor `Σ = L Lᵀ`: `x = μ + L u`, `u` on the
    /// nodes of the standard normal. Exact for polynomials of degree ≤ 5 in `x`,
    /// which covers the quadratic forms (and their squares' cross terms) these steps
    /// take expectations of.
    fn expectation(&mut self, under: &Under, f: &Expr) -> Result<Value, String> {
        let var = under
            .var
            .as_ref()
            .ok_or("an expectation without its variable")?
            .key();
        let ExprKind::Call { args, .. } = &under.law.kind else {
            return Err("a law other than a normal one".into());
        };
        let [mean, cov] = args.as_slice() else {
            return Err("a normal law needs a mean and a covariance".into());
        };
        let (Value::Mat(mu, (true, false)), Value::Mat(sigma, SQUARE)) =
            (self.eval(mean)?, self.eval(cov)?)
        else {
            return Err("the law's mean is not a vector or its covariance not a matrix".into());
        };
        let l = sigma
            .cholesky()
            .ok_or("the covariance is not positive definite")?
            .l();
        // The 3-node rule for N(0, 1): nodes 0, ±√3, weights 2/3, 1/6, 1/6.
        let nodes = [
            (-(3f64.sqrt()), 1.0 / 6.0),
            (0.0, 2.0 / 3.0),
            (3f64.sqrt(), 1.0 / 6.0),
        ];
        let j = self.j;
        let saved = self.matrices.remove(&var);
        let mut total: Option<Value> = None;
        for index in 0..nodes.len().pow(j as u32) {
            let mut u = DMatrix::zeros(j, 1);
            let mut weight = 1.0;
            let mut rest = index;
            for coordinate in 0..j {
                let (node, w) = nodes[rest % nodes.len()];
                rest /= nodes.len();
                u[(coordinate, 0)] = node;
                weight *= w;
            }
            let x = &mu + &l * u;
            self.matrices.insert(var.clone(), x);
            let value = self.eval(f);
            self.matrices.remove(&var);
            let term = match value? {
                Value::Scalar(v) => Value::Scalar(weight * v),
                Value::Mat(m, s) => Value::Mat(m * weight, s),
            };
            total = Some(match (total, term) {
                (None, t) => t,
                (Some(Value::Scalar(a)), Value::Scalar(b)) => Value::Scalar(a + b),
                (Some(Value::Mat(a, s)), Value::Mat(b, _)) => Value::Mat(a + b, s),
                _ => return Err("an expectation of changing shape".into()),
            });
        }
        if let Some(saved) = saved {
            self.matrices.insert(var, saved);
        }
        total.ok_or_else(|| "an empty expectation".into())
    }

    /// `x_j` at the index's value: the `j`-th coordinate of a declared vector, else
    /// the `j`-th datum of `x`, drawn on first use (positive under `assume x_j > 0`).
    fn datum(&mut self, base: &str, index: &str) -> Result<f64, String> {
        let k = *self
            .indices
            .get(index)
            .ok_or_else(|| format!("`{base}_{index}` outside a sum over `{index}`"))?;
        if self.declared.shapes.get(base) == Some(&ShapeKind::Vector) {
            let Value::Mat(v, _) = self.ident(base) else {
                return Err("a vector without a value".into());
            };
            return usize::try_from(k - 1)
                .ok()
                .filter(|&i| i < v.nrows())
                .map(|i| v[(i, 0)])
                .ok_or_else(|| format!("the coordinate {k} of `{base}` in dimension {}", self.j));
        }
        let key = format!("{base}[{k}]");
        if let Some(&v) = self.scalars.get(&key) {
            return Ok(v);
        }
        let positive = ["i", "j", "k", "l", "m", "n"]
            .iter()
            .any(|letter| self.declared.positive.contains(&format!("{base}_{letter}")));
        let v = if positive {
            self.uniform(0.4, 2.5)
        } else {
            self.uniform(-1.8, 1.8)
        };
        self.scalars.insert(key, v);
        Ok(v)
    }

    /// A sum or product over the integers from `lower` to `upper`.
    fn series(
        &mut self,
        op: crate::syntax::ast::SeriesOp,
        index: &str,
        lower: &Expr,
        upper: &Expr,
        body: &Expr,
    ) -> Result<f64, String> {
        let bound = |value: Value| match value {
            Value::Scalar(v) if v.fract() == 0.0 && v.abs() < 1e4 => Ok(v as i64),
            _ => Err("a sum whose bounds are not integers".to_string()),
        };
        let (lo, hi) = (bound(self.eval(lower)?)?, bound(self.eval(upper)?)?);
        if hi - lo > 10_000 {
            return Err("a sum of more than 10 000 terms".into());
        }
        let saved = self.indices.get(index).copied();
        let mut total = match op {
            crate::syntax::ast::SeriesOp::Sum => 0.0,
            crate::syntax::ast::SeriesOp::Prod => 1.0,
        };
        let mut result = Ok(());
        for k in lo..=hi {
            self.indices.insert(index.to_string(), k);
            match self.eval(body) {
                Ok(Value::Scalar(v)) => match op {
                    crate::syntax::ast::SeriesOp::Sum => total += v,
                    crate::syntax::ast::SeriesOp::Prod => total *= v,
                },
                Ok(Value::Mat(..)) => {
                    result = Err("a sum of matrices".to_string());
                    break;
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        match saved {
            Some(k) => self.indices.insert(index.to_string(), k),
            None => self.indices.remove(index),
        };
        result.map(|()| total)
    }

    /// `\operatorname{diag}(d_1, \dots, d_J)` at this J, its entries read as the engine's
    /// side reads them (`syntax::diagonal_entry`).
    fn diagonal(&mut self, first: &Expr, last: &Expr) -> Result<Value, String> {
        let dim = self
            .declared
            .dim
            .clone()
            .ok_or("a diagonal matrix without a declared dimension")?;
        let index = crate::syntax::ast::Ident {
            base: "ι".into(),
            subscript: None,
            span: first.span,
        };
        let entry = crate::syntax::diagonal_entry(first, last, &dim, &index)?;
        let mut m = DMatrix::zeros(self.j, self.j);
        let saved = self.indices.insert(index.key(), 0);
        for k in 0..self.j {
            self.indices.insert(index.key(), k as i64 + 1);
            match self.eval(&entry) {
                Ok(Value::Scalar(v)) => m[(k, k)] = v,
                Ok(Value::Mat(..)) => return Err("a diagonal matrix of matrices".into()),
                Err(e) => return Err(e),
            }
        }
        match saved {
            Some(k) => self.indices.insert(index.key(), k),
            None => self.indices.remove(&index.key()),
        };
        Ok(Value::Mat(m, SQUARE))
    }

    /// The normal density in J dimensions at `x`, from its definition:
    /// `exp(−½ (x − μ)ᵀ Σ⁻¹ (x − μ)) / √((2π)^J det Σ)`, with `Σ⁻¹` and `det Σ` taken
    /// by `nalgebra` (a Cholesky factor must exist: Σ positive definite).
    fn density(&self, x: Value, mean: Value, cov: Value) -> Result<f64, String> {
        let (
            Value::Mat(x, (true, false)),
            Value::Mat(mu, (true, false)),
            Value::Mat(sigma, SQUARE),
        ) = (x, mean, cov)
        else {
            return Err("a normal density needs a vector, a vector mean and a covariance".into());
        };
        let cholesky = sigma
            .clone()
            .cholesky()
            .ok_or("the covariance is not positive definite")?;
        let d = x - mu;
        let quadratic = (d.transpose() * cholesky.inverse() * &d)[(0, 0)];
        let det = sigma.determinant();
        let scale = (2.0 * std::f64::consts::PI).powi(self.j as i32) * det;
        Ok((-0.5 * quadratic).exp() / scale.sqrt())
    }

    /// The point as `name = value`, matrices entry by entry (`A[1,2]`).
    fn point(&self) -> Point {
        let mut point = BTreeMap::new();
        point.insert(
            self.declared.dim.clone().unwrap_or_else(|| "J".into()),
            self.j as f64,
        );
        point.extend(self.scalars.clone());
        for (name, m) in &self.matrices {
            for r in 0..m.nrows() {
                for c in 0..m.ncols() {
                    let vector = self.declared.shapes.get(name) == Some(&ShapeKind::Vector);
                    let key = if vector {
                        format!("{name}[{}]", r + 1)
                    } else {
                        format!("{name}[{},{}]", r + 1, c + 1)
                    };
                    point.insert(key, m[(r, c)]);
                }
            }
        }
        Point(point)
    }
}

/// The shape of a J×J matrix.
const SQUARE: (bool, bool) = (true, true);

/// A product; `uᵀ v` is a scalar.
fn product(a: Value, b: Value) -> Result<Value, String> {
    use Value::{Mat, Scalar};
    Ok(match (a, b) {
        (Scalar(x), Scalar(y)) => Scalar(x * y),
        (Scalar(x), Mat(m, s)) | (Mat(m, s), Scalar(x)) => Mat(m * x, s),
        (Mat(x, (false, true)), Mat(y, (true, false))) => Scalar((x * y)[(0, 0)]),
        (Mat(x, (r, c)), Mat(y, (r2, c2))) if c == r2 => Mat(x * y, (r, c2)),
        _ => return Err("a product whose shapes do not fit".into()),
    })
}

/// Compare two scalar-valued sides at J = 1, 2, 3.
pub fn compare(doc: &Document, lhs: &Expr, rhs: &Expr, seed: u64) -> NumericOutcome {
    let declared = Declared::of(doc);
    let mut n_points = 0;
    let mut failure = None;
    for j in DIMENSIONS {
        for k in 0..POINTS_PER_DIMENSION {
            let mut env = Env {
                declared: &declared,
                j,
                scalars: BTreeMap::new(),
                matrices: BTreeMap::new(),
                indices: BTreeMap::new(),
                rng: ChaCha8Rng::seed_from_u64(seed ^ ((j as u64) << 40) ^ ((k as u64) << 32)),
            };
            let (l, r) = match (env.eval(lhs), env.eval(rhs)) {
                (Ok(Value::Scalar(l)), Ok(Value::Scalar(r))) => (l, r),
                (Ok(Value::Mat(..)), _) | (_, Ok(Value::Mat(..))) => {
                    return NumericOutcome::Unavailable("a side is a matrix, not a scalar".into())
                }
                (Err(e), _) | (_, Err(e)) => {
                    failure.get_or_insert(e);
                    continue;
                }
            };
            let scale = l.abs().max(r.abs()).max(1.0);
            if (l - r).abs() > AGREE_TOLERANCE * 1e3 * scale {
                return NumericOutcome::Differ {
                    point: env.point(),
                    lhs: l,
                    rhs: r,
                };
            }
            n_points += 1;
        }
    }
    if n_points < super::MIN_AGREEING {
        let why = failure.unwrap_or_else(|| "no point could be evaluated".into());
        return NumericOutcome::Unavailable(format!(
            "{n_points} points at J = 1, 2, 3 could be compared: {why}"
        ));
    }
    NumericOutcome::Agree { n_points }
}
