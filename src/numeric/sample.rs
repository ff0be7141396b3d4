//! Deterministic sample points: each free symbol gets a "nice" value (a short decimal
//! such as 0.75 or −1.5), chosen by a seeded ChaCha8 generator, so that a witness of a
//! wrong step prints as something a person can check by hand.
//!
//! The first [`GENERIC_POINTS`] points are the most generic the value sets allow: no
//! two symbols share a magnitude and ±1 is avoided, so that slips such as `σ` for `σ²`
//! or `μ₁` for `μ₂` cannot cancel. Later points draw freely (±1 included). Points never
//! repeat. Positive symbols only get positive values; other symbols never get 0.
//! This module does not evaluate anything.

use std::collections::BTreeSet;

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::Point;

/// Values for symbols known to be positive.
pub const POSITIVE_VALUES: [f64; 7] = [0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0];

/// Values for other real symbols: 0 is left out so that a witness is never a
/// degenerate point where a whole term vanishes.
pub const REAL_VALUES: [f64; 10] = [-2.0, -1.5, -1.0, -0.75, -0.5, 0.5, 0.75, 1.0, 1.5, 2.0];

/// Values for counts, the symbols in the bounds of a sum (`n` in `\sum_{i=1}^{n}`):
/// sample sizes. The first points leave out 1 (a sum of one term hides too much).
pub const COUNT_VALUES: [f64; 6] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];

/// How many leading points are drawn with distinct magnitudes and without ±1.
pub const GENERIC_POINTS: usize = 4;

/// Draws of one point before concluding that no unseen point is left.
const MAX_DRAWS_PER_POINT: usize = 64;

/// Yields distinct sample points for a fixed set of symbols.
#[derive(Debug, Clone)]
pub struct Sampler {
    /// Symbol keys in sorted order, each with whether it is positive.
    symbols: Vec<(String, bool)>,
    /// Which of them are counts, by position.
    counts: Vec<bool>,
    rng: ChaCha8Rng,
    /// Points already yielded, as value bit patterns in symbol order.
    seen: BTreeSet<Vec<u64>>,
}

impl Sampler {
    /// A sampler for `symbols`, those in `positive` drawn from [`POSITIVE_VALUES`].
    pub fn new(symbols: &BTreeSet<String>, positive: &BTreeSet<String>, seed: u64) -> Self {
        Self {
            symbols: symbols
                .iter()
                .map(|s| (s.clone(), positive.contains(s)))
                .collect(),
            counts: vec![false; symbols.len()],
            rng: ChaCha8Rng::seed_from_u64(seed),
            seen: BTreeSet::new(),
        }
    }

    /// The same sampler, the symbols in `counts` drawn from [`COUNT_VALUES`].
    pub fn with_counts(mut self, counts: &BTreeSet<String>) -> Self {
        self.counts = self
            .symbols
            .iter()
            .map(|(s, _)| counts.contains(s))
            .collect();
        self
    }

    /// The next point not yielded before, or `None` when none seems to be left (with
    /// no symbols, the empty point is the only one).
    pub fn next_point(&mut self) -> Option<Point> {
        let generic = self.seen.len() < GENERIC_POINTS;
        for _ in 0..MAX_DRAWS_PER_POINT {
            let values = self.draw(generic);
            let bits: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            if self.seen.insert(bits) {
                let point = self
                    .symbols
                    .iter()
                    .map(|(name, _)| name.clone())
                    .zip(values)
                    .collect();
                return Some(Point(point));
            }
        }
        None
    }

    /// One draw of every symbol's value, in symbol order.
    fn draw(&mut self, generic: bool) -> Vec<f64> {
        let n = self.symbols.len();
        // Assign in a random order so no symbol is always first to pick.
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i + 1);
            order.swap(i, j);
        }
        let mut values = vec![0.0; n];
        let mut used: Vec<f64> = Vec::with_capacity(n);
        for i in order {
            if self.counts[i] {
                let pool: &[f64] = if generic {
                    &COUNT_VALUES[1..]
                } else {
                    &COUNT_VALUES
                };
                values[i] = pool[self.below(pool.len())];
                continue;
            }
            let pool: &[f64] = if self.symbols[i].1 {
                &POSITIVE_VALUES
            } else {
                &REAL_VALUES
            };
            let fresh = |v: &&f64| !used.contains(&v.abs());
            let candidates: Vec<f64> = if generic {
                let strict: Vec<f64> = pool
                    .iter()
                    .filter(|v| v.abs() != 1.0)
                    .filter(fresh)
                    .copied()
                    .collect();
                if strict.is_empty() {
                    let relaxed: Vec<f64> = pool.iter().filter(fresh).copied().collect();
                    if relaxed.is_empty() {
                        pool.to_vec()
                    } else {
                        relaxed
                    }
                } else {
                    strict
                }
            } else {
                pool.to_vec()
            };
            let v = candidates[self.below(candidates.len())];
            used.push(v.abs());
            values[i] = v;
        }
        values
    }

    /// A uniform-enough index below `n` (`n ≤ 10` here, so the modulo bias of a 64-bit
    /// draw is below 1e-18). Written out rather than taken from `rand` so the sequence
    /// depends only on the ChaCha8 stream, which is stable across versions.
    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn same_seed_same_points_and_they_are_distinct() {
        let symbols = set(&["μ_1", "μ_2", "σ_1", "σ_2"]);
        let positive = set(&["σ_1", "σ_2"]);
        let run = |seed| {
            let mut s = Sampler::new(&symbols, &positive, seed);
            (0..12).map(|_| s.next_point().unwrap()).collect::<Vec<_>>()
        };
        let a = run(7);
        assert_eq!(a, run(7));
        assert_ne!(a, run(8));
        let distinct: BTreeSet<Vec<u64>> = a
            .iter()
            .map(|p| p.0.values().map(|v| v.to_bits()).collect())
            .collect();
        assert_eq!(distinct.len(), a.len());
        for p in &a {
            assert!(p.0["σ_1"] > 0.0 && p.0["σ_2"] > 0.0);
            assert!(p.0.values().all(|v| *v != 0.0));
        }
    }

    #[test]
    fn first_points_are_generic() {
        let symbols = set(&["a", "b", "μ_1", "σ_1"]);
        let positive = set(&["a", "σ_1"]);
        let mut s = Sampler::new(&symbols, &positive, 3);
        for _ in 0..GENERIC_POINTS {
            let p = s.next_point().unwrap();
            let mags: BTreeSet<u64> = p.0.values().map(|v| v.abs().to_bits()).collect();
            assert_eq!(mags.len(), 4, "{p:?}");
            assert!(p.0.values().all(|v| v.abs() != 1.0));
        }
    }

    #[test]
    fn no_symbols_gives_one_point() {
        let mut s = Sampler::new(&BTreeSet::new(), &BTreeSet::new(), 0);
        assert_eq!(s.next_point(), Some(Point(Default::default())));
        assert_eq!(s.next_point(), None);
    }

    #[test]
    fn one_positive_symbol_runs_out_after_its_values() {
        let mut s = Sampler::new(&set(&["a"]), &set(&["a"]), 1);
        let mut n = 0;
        while s.next_point().is_some() {
            n += 1;
            assert!(n <= POSITIVE_VALUES.len());
        }
        assert_eq!(n, POSITIVE_VALUES.len());
    }

    #[test]
    fn many_symbols_still_get_values() {
        let names: Vec<String> = (0..30).map(|i| format!("x_{i}")).collect();
        let symbols: BTreeSet<String> = names.into_iter().collect();
        let mut s = Sampler::new(&symbols, &BTreeSet::new(), 5);
        let p = s.next_point().unwrap();
        assert_eq!(p.0.len(), 30);
    }
}
