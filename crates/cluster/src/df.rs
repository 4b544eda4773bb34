//! Document frequencies of terms over a batch, for idf.
//!
//! A large batch holds millions of distinct terms (100k reports: 11 M), and every term of
//! every report needs its frequency. One table of them all is far larger than the processor
//! caches, so each count and each look-up would be a trip to memory. Instead the terms are
//! split by their top bits into a few groups, counted side by side: a report's counts are
//! sorted by term, so its terms of one group are one contiguous run. Within a group, the terms
//! are copied into buckets (by their next bits), in a single pass over the reports; each
//! bucket is then counted with a table small enough to stay in the processor's
//! cache, its terms replaced by their counts, and the counts copied back to the reports in a
//! second single pass. The number of buckets grows with the batch, so a table's size does not.

use rayon::prelude::*;

/// About this many term occurrences per group (a group's array is 8 bytes per occurrence).
const GROUP_ENTRIES: usize = 1 << 22;
/// About this many term occurrences per bucket (its table stays within a few hundred KB).
const BUCKET_ENTRIES: usize = 1 << 15;

/// The terms of one report in one group, and where their frequencies go.
type Part<'a> = (&'a [(u64, f32)], &'a mut [u32]);

/// `ceil(log2(x))` for `x >= 1`, 0 for 0, at most `max`.
fn bits_for(x: usize, max: u32) -> u32 {
    (usize::BITS - x.saturating_sub(1).leading_zeros()).min(max)
}

/// The number of reports holding each term of each report: `out[r][k]` for `reports[r][k]`.
/// Each report's terms must be sorted and distinct.
pub fn doc_freqs(reports: &[Vec<(u64, f32)>]) -> Vec<Vec<u32>> {
    doc_freqs_sized(reports, GROUP_ENTRIES, BUCKET_ENTRIES)
}

/// [`doc_freqs`] with the target sizes of a group and of a bucket (occurrences).
fn doc_freqs_sized(reports: &[Vec<(u64, f32)>], group_entries: usize, bucket_entries: usize) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = reports.iter().map(|r| vec![0; r.len()]).collect();
    let entries: usize = reports.iter().map(Vec::len).sum();
    // At least four groups (work for every thread), at most sixteen (the cut reports' memory).
    let group_bits = bits_for(entries / group_entries, 4).max(2);
    let group = |t: u64| (t >> (64 - group_bits)) as usize;
    // Each report cut where a group starts.
    let mut groups: Vec<Vec<Part>> = (0..1 << group_bits).map(|_| Vec::with_capacity(reports.len())).collect();
    for (r, o) in reports.iter().zip(out.iter_mut()) {
        let (mut r, mut o): Part = (r, o);
        for (g, parts) in groups.iter_mut().enumerate() {
            let k = r.partition_point(|e| group(e.0) <= g);
            let (ra, rb) = r.split_at(k);
            let (oa, ob) = std::mem::take(&mut o).split_at_mut(k);
            parts.push((ra, oa));
            (r, o) = (rb, ob);
        }
    }
    groups.par_iter_mut().for_each(|parts| count_group(parts, group_bits, bucket_entries));
    out
}

/// Counts one group's terms bucket by bucket (see the module documentation).
fn count_group(parts: &mut [Part], group_bits: u32, bucket_entries: usize) {
    let entries: usize = parts.iter().map(|(r, _)| r.len()).sum();
    let bucket_bits = bits_for(entries / bucket_entries, 16);
    let bucket = |t: u64| if bucket_bits == 0 { 0 } else { ((t << group_bits) >> (64 - bucket_bits)) as usize };
    // Terms are spread evenly over the buckets (they are hashes): each bucket is sized for its
    // expected share and a margin, so that it seldom grows, without a pass to measure it.
    let mean = entries >> bucket_bits;
    let room = mean + 4 * mean.isqrt() + 16;
    let mut buckets: Vec<Vec<u64>> = (0..1 << bucket_bits).map(|_| Vec::with_capacity(room)).collect();
    for (r, _) in parts.iter() {
        for &(t, _) in r.iter() {
            buckets[bucket(t)].push(t);
        }
    }
    let mut table = Table::new(group_bits + bucket_bits);
    for terms in &mut buckets {
        table.clear();
        for &t in terms.iter() {
            table.add(t);
        }
        for t in terms.iter_mut() {
            *t = u64::from(table.get(*t));
        }
    }
    // The counts back to the reports, each report's terms read in order.
    let mut next = vec![0usize; buckets.len()];
    for (r, o) in parts.iter_mut() {
        for (&(t, _), o) in r.iter().zip(o.iter_mut()) {
            let b = bucket(t);
            *o = buckets[b][next[b]] as u32;
            next[b] += 1;
        }
    }
}

/// One bucket's counts: open addressing (linear probing) over the bits below the bits that
/// chose the bucket, each term and its count in one slot.
struct Table {
    /// `(term, count)`; a term of 0 marks an empty slot (term 0 itself is counted apart).
    slots: Vec<(u64, u32)>,
    /// log2 of the number of slots.
    bits: u32,
    /// Top bits of a term that chose its bucket (the same in every term of the table).
    used: u32,
    len: usize,
    zero: u32,
}

impl Table {
    fn new(used: u32) -> Self {
        Table { slots: vec![(0, 0); 1 << 10], bits: 10, used, len: 0, zero: 0 }
    }

    /// Empties the table, keeping its size.
    fn clear(&mut self) {
        self.slots.fill((0, 0));
        self.len = 0;
        self.zero = 0;
    }

    fn home(&self, t: u64) -> usize {
        (t.rotate_left(self.used) >> (64 - self.bits)) as usize
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
            // The default sizes, and tiny ones: many groups and buckets.
            for got in [doc_freqs(&reports), doc_freqs_sized(&reports, 4, 2)] {
                for (r, g) in reports.iter().zip(&got) {
                    proptest::prop_assert_eq!(r.len(), g.len());
                    for (&(t, _), &c) in r.iter().zip(g) {
                        proptest::prop_assert_eq!(c, want[&t]);
                    }
                }
            }
        }
    }
}
