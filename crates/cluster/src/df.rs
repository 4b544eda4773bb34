//! Document frequencies of terms over a batch, for idf.
//!
//! A large batch holds millions of distinct terms (100k reports: 11 M), and every term of
//! every report needs its frequency. One table of them all is far larger than the processor
//! caches, so each count and each look-up would be a trip to memory. Instead the terms are
//! taken bucket by bucket (by their top bits): a report's counts are sorted by term, so its
//! terms of one bucket are one contiguous run, and one bucket's table stays small enough to
//! be cached. Groups of buckets are counted in parallel, each with one bucket's table at a time.

use rayon::prelude::*;

/// Top bits of a term that choose its bucket.
const BUCKET_BITS: u32 = 5;
/// Buckets are counted in this many groups side by side (a table for each group at work).
const GROUP_BITS: u32 = 2;

fn bucket(t: u64) -> u64 {
    t >> (64 - BUCKET_BITS)
}

fn group(t: u64) -> u64 {
    t >> (64 - GROUP_BITS)
}

/// The terms of one report in one group of buckets, and where their frequencies go.
type Part<'a> = (&'a [(u64, f32)], &'a mut [u32]);

/// The number of reports holding each term of each report: `out[r][k]` for `reports[r][k]`.
/// Each report's terms must be sorted and distinct.
pub fn doc_freqs(reports: &[Vec<(u64, f32)>]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = reports.iter().map(|r| vec![0; r.len()]).collect();
    // Each report cut where a group starts: the groups are counted in parallel.
    let mut groups: Vec<Vec<Part>> = (0..1 << GROUP_BITS).map(|_| Vec::with_capacity(reports.len())).collect();
    for (r, o) in reports.iter().zip(out.iter_mut()) {
        let (mut r, mut o): Part = (r, o);
        for (g, parts) in groups.iter_mut().enumerate() {
            let k = r.partition_point(|e| group(e.0) <= g as u64);
            let (ra, rb) = r.split_at(k);
            let (oa, ob) = std::mem::take(&mut o).split_at_mut(k);
            parts.push((ra, oa));
            (r, o) = (rb, ob);
        }
    }
    groups.par_iter_mut().enumerate().for_each(|(g, parts)| count_group(g as u64, parts));
    out
}

/// Counts the buckets of group `g` one after the other; each part's terms of a bucket are one
/// run (they are sorted), read from where the previous bucket's run ended.
fn count_group(g: u64, parts: &mut [Part]) {
    let per_group = 1u64 << (BUCKET_BITS - GROUP_BITS);
    let mut start: Vec<usize> = vec![0; parts.len()];
    let mut table = Table::default();
    for b in g * per_group..(g + 1) * per_group {
        table.clear();
        for ((r, _), &s) in parts.iter().zip(&start) {
            for &(t, _) in r[s..].iter().take_while(|e| bucket(e.0) == b) {
                table.add(t);
            }
        }
        for ((r, o), s) in parts.iter_mut().zip(start.iter_mut()) {
            while *s < r.len() && bucket(r[*s].0) == b {
                o[*s] = table.get(r[*s].0);
                *s += 1;
            }
        }
    }
}

/// One bucket's counts: open addressing (linear probing) over the bits below the bucket
/// bits, each term and its count in one slot.
struct Table {
    /// `(term, count)`; a term of 0 marks an empty slot (term 0 itself is counted apart).
    slots: Vec<(u64, u32)>,
    /// log2 of the number of slots.
    bits: u32,
    len: usize,
    zero: u32,
}

impl Default for Table {
    fn default() -> Self {
        Table { slots: vec![(0, 0); 1 << 10], bits: 10, len: 0, zero: 0 }
    }
}

impl Table {
    /// Empties the table, keeping its size.
    fn clear(&mut self) {
        self.slots.fill((0, 0));
        self.len = 0;
        self.zero = 0;
    }

    fn home(&self, t: u64) -> usize {
        ((t << BUCKET_BITS) >> (64 - self.bits)) as usize
    }

    /// Adds one report holding `t`.
    fn add(&mut self, t: u64) {
        if t == 0 {
            self.zero += 1;
            return;
        }
        // Load factor at most 3/4.
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(t);
        loop {
            let s = &mut self.slots[i];
            if s.0 == t {
                s.1 += 1;
                return;
            }
            if s.0 == 0 {
                *s = (t, 1);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); 1 << (self.bits + 1)]);
        self.bits += 1;
        let mask = self.slots.len() - 1;
        for (t, c) in old.into_iter().filter(|s| s.0 != 0) {
            let mut i = self.home(t);
            while self.slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (t, c);
        }
    }

    /// Number of reports holding `t`.
    fn get(&self, t: u64) -> u32 {
        if t == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(t);
        loop {
            let s = self.slots[i];
            if s.0 == t {
                return s.1;
            }
            if s.0 == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn counts_like_a_hash_map(reports in proptest::collection::vec(
            proptest::collection::btree_set(proptest::prop_oneof![0u64..4, proptest::num::u64::ANY, proptest::strategy::Strategy::prop_map(0u64..4, |k| k << 62 | 7)], 0..40),
            0..200,
        )) {
            let reports: Vec<Vec<(u64, f32)>> =
                reports.into_iter().map(|r| r.into_iter().map(|t| (t, 1.0)).collect()).collect();
            let mut want = std::collections::HashMap::new();
            for r in &reports {
                for &(t, _) in r {
                    *want.entry(t).or_insert(0u32) += 1;
                }
            }
            let got = doc_freqs(&reports);
            for (r, g) in reports.iter().zip(&got) {
                proptest::prop_assert_eq!(r.len(), g.len());
                for (&(t, _), &c) in r.iter().zip(g) {
                    proptest::prop_assert_eq!(c, want[&t]);
                }
            }
        }
    }
}
