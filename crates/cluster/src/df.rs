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

/// The terms of one report in one group, and where their frequencies and ids go.
type Part<'a> = (&'a [(u64, f32)], &'a mut [u32], &'a mut [u32]);

/// The id of a term that one report only holds (it needs none: no other report looks it up).
pub const NO_ID: u32 = u32::MAX;

/// Document frequencies and dense term ids of a batch (see [`doc_freqs`]).
pub struct DocFreqs {
    /// `dfs[r][k]`: the number of reports holding term `reports[r][k]`.
    pub dfs: Vec<Vec<u32>>,
    /// `ids[r][k]`: the id of term `reports[r][k]` within its group ([`IdBases::global`]), or
    /// [`NO_ID`] when one report only holds it.
    pub ids: Vec<Vec<u32>>,
    pub bases: IdBases,
}

/// Where each group's ids start: the terms held by two reports or more are numbered
/// `0..len` without gaps, so that tables of them can be flat arrays.
pub struct IdBases {
    group_bits: u32,
    starts: Vec<u32>,
    /// The number of ids.
    pub len: usize,
}

impl IdBases {
    /// The id of term `t` whose id within its group is `local`.
    pub fn global(&self, t: u64, local: u32) -> u32 {
        if local == NO_ID {
            return NO_ID;
        }
        self.starts[(t >> (64 - self.group_bits)) as usize] + local
    }
}

/// `ceil(log2(x))` for `x >= 1`, 0 for 0, at most `max`.
fn bits_for(x: usize, max: u32) -> u32 {
    (usize::BITS - x.saturating_sub(1).leading_zeros()).min(max)
}

/// The number of reports holding each term of each report, and, `with_ids`, an id for each
/// term that two reports or more hold (else `ids` are empty). Each report's terms must be
/// sorted and distinct.
pub fn doc_freqs(reports: &[Vec<(u64, f32)>], with_ids: bool) -> DocFreqs {
    doc_freqs_sized(reports, with_ids, GROUP_ENTRIES, BUCKET_ENTRIES)
}

/// [`doc_freqs`] with the target sizes of a group and of a bucket (occurrences).
fn doc_freqs_sized(
    reports: &[Vec<(u64, f32)>],
    with_ids: bool,
    group_entries: usize,
    bucket_entries: usize,
) -> DocFreqs {
    let mut dfs: Vec<Vec<u32>> = reports.iter().map(|r| vec![0; r.len()]).collect();
    let mut ids: Vec<Vec<u32>> = reports.iter().map(|r| vec![NO_ID; if with_ids { r.len() } else { 0 }]).collect();
    let entries: usize = reports.iter().map(Vec::len).sum();
    // At least four groups (work for every thread), at most sixteen (the cut reports' memory).
    let group_bits = bits_for(entries / group_entries, 4).max(2);
    let group = |t: u64| (t >> (64 - group_bits)) as usize;
    // Each report cut where a group starts.
    let mut groups: Vec<Vec<Part>> = (0..1 << group_bits).map(|_| Vec::with_capacity(reports.len())).collect();
    for ((r, o), d) in reports.iter().zip(dfs.iter_mut()).zip(ids.iter_mut()) {
        let (mut r, mut o, mut d): Part = (r, o, d);
        for (g, parts) in groups.iter_mut().enumerate() {
            let k = r.partition_point(|e| group(e.0) <= g);
            let (ra, rb) = r.split_at(k);
            let (oa, ob) = std::mem::take(&mut o).split_at_mut(k);
            let kd = k.min(d.len());
            let (da, db) = std::mem::take(&mut d).split_at_mut(kd);
            parts.push((ra, oa, da));
            (r, o, d) = (rb, ob, db);
        }
    }
    let counts: Vec<u32> = groups.par_iter_mut().map(|parts| count_group(parts, group_bits, bucket_entries)).collect();
    let mut starts = Vec::with_capacity(counts.len());
    let mut len = 0u32;
    for c in counts {
        starts.push(len);
        len += c;
    }
    DocFreqs { dfs, ids, bases: IdBases { group_bits, starts, len: len as usize } }
}

/// Counts one group's terms bucket by bucket (see the module documentation) and numbers those
/// that two reports or more hold; returns how many it numbered.
fn count_group(parts: &mut [Part], group_bits: u32, bucket_entries: usize) -> u32 {
    let entries: usize = parts.iter().map(|(r, _, _)| r.len()).sum();
    let bucket_bits = bits_for(entries / bucket_entries, 16);
    let bucket = |t: u64| if bucket_bits == 0 { 0 } else { ((t << group_bits) >> (64 - bucket_bits)) as usize };
    // Terms are spread evenly over the buckets (they are hashes): each bucket is sized for its
    // expected share and a margin, so that it seldom grows, without a pass to measure it.
    let mean = entries >> bucket_bits;
    let room = mean + 4 * mean.isqrt() + 16;
    let mut buckets: Vec<Vec<u64>> = (0..1 << bucket_bits).map(|_| Vec::with_capacity(room)).collect();
    for (r, _, _) in parts.iter() {
        for &(t, _) in r.iter() {
            buckets[bucket(t)].push(t);
        }
    }
    let mut table = Table::new(group_bits + bucket_bits);
    let mut next_id = 0u32;
    for terms in &mut buckets {
        table.clear();
        for &t in terms.iter() {
            table.add(t);
        }
        // Each term becomes its count (low half) and id (high half).
        for t in terms.iter_mut() {
            let s = table.find(*t);
            if s.1 > 1 && s.2 == NO_ID {
                s.2 = next_id;
                next_id += 1;
            }
            *t = u64::from(s.1) | u64::from(s.2) << 32;
        }
    }
    // The counts and ids back to the reports, each report's terms read in order.
    let mut next = vec![0usize; buckets.len()];
    for (r, o, d) in parts.iter_mut() {
        for (k, &(t, _)) in r.iter().enumerate() {
            let b = bucket(t);
            let e = buckets[b][next[b]];
            o[k] = e as u32;
            if let Some(d) = d.get_mut(k) {
                *d = (e >> 32) as u32;
            }
            next[b] += 1;
        }
    }
    next_id
}

/// One bucket's counts: open addressing (linear probing) over the bits below the bits that
/// chose the bucket, each term and its count in one slot.
struct Table {
    /// `(term, count, id)`; a term of 0 marks an empty slot (term 0 itself is counted apart).
    slots: Vec<Slot>,
    /// log2 of the number of slots.
    bits: u32,
    /// Top bits of a term that chose its bucket (the same in every term of the table).
    used: u32,
    len: usize,
    zero: Slot,
}

/// A term, its count and its id ([`NO_ID`] until given).
type Slot = (u64, u32, u32);
const EMPTY: Slot = (0, 0, NO_ID);

impl Table {
    fn new(used: u32) -> Self {
        Table { slots: vec![EMPTY; 1 << 10], bits: 10, used, len: 0, zero: EMPTY }
    }

    /// Empties the table, keeping its size.
    fn clear(&mut self) {
        self.slots.fill(EMPTY);
        self.len = 0;
        self.zero = EMPTY;
    }

    fn home(&self, t: u64) -> usize {
        (t.rotate_left(self.used) >> (64 - self.bits)) as usize
    }

    /// Adds one report holding `t`.
    fn add(&mut self, t: u64) {
        if t == 0 {
            self.zero.1 += 1;
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
                *s = (t, 1, NO_ID);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; 1 << (self.bits + 1)]);
        self.bits += 1;
        let mask = self.slots.len() - 1;
        for e in old.into_iter().filter(|s| s.0 != 0) {
            let mut i = self.home(e.0);
            while self.slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = e;
        }
    }

    /// The slot of `t`, which must have been added.
    fn find(&mut self, t: u64) -> &mut Slot {
        if t == 0 {
            return &mut self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(t);
        while self.slots[i].0 != t {
            i = (i + 1) & mask;
        }
        &mut self.slots[i]
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
            let without = [doc_freqs(&reports, false), doc_freqs_sized(&reports, false, 4, 2)];
            proptest::prop_assert!(without.iter().all(|got| got.ids.iter().all(Vec::is_empty)));
            for got in [doc_freqs(&reports, true), doc_freqs_sized(&reports, true, 4, 2)].into_iter().chain(without) {
                // Ids: one per term held twice or more, 0..len without gaps.
                let mut id_of = std::collections::HashMap::new();
                for (r, (g, ids)) in reports.iter().zip(got.dfs.iter().zip(&got.ids)) {
                    proptest::prop_assert_eq!(r.len(), g.len());
                    for (k, (&(t, _), &c)) in r.iter().zip(g).enumerate() {
                        proptest::prop_assert_eq!(c, want[&t]);
                        let Some(&id) = ids.get(k) else { continue };
                        let id = got.bases.global(t, id);
                        proptest::prop_assert_eq!(id == NO_ID, c == 1);
                        proptest::prop_assert_eq!(*id_of.entry(t).or_insert(id), id);
                    }
                }
                let mut seen: Vec<u32> = id_of.into_values().filter(|&id| id != NO_ID).collect();
                seen.sort_unstable();
                if got.ids.iter().any(|ids| !ids.is_empty()) {
                    proptest::prop_assert_eq!(seen, (0..got.bases.len as u32).collect::<Vec<u32>>());
                }
            }
        }
    }
}
