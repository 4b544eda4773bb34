//! MinHash signatures over word shingles and LSH banding (seeded, deterministic).

use rustc_hash::FxHashMap;

/// Number of hash functions in a signature.
pub const NUM_HASHES: usize = 64;
/// Bands for LSH (`NUM_HASHES / BANDS` rows each).
pub const BANDS: usize = 16;
const ROWS: usize = NUM_HASHES / BANDS;
const SEED: u64 = 0x6d69_6e68_6173_6821;
/// Seed of per-word hashes.
pub const WORD_SEED: u64 = SEED;

/// A MinHash signature.
pub type Signature = [u64; NUM_HASHES];

/// Normalised words of a text (lower-case alphanumeric runs).
pub fn words(text: &str) -> Vec<String> {
    parallax_core::text::normalize_for_hash(text).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Hashes of the `k`-word shingles of `words` (a text shorter than `k` words is one shingle).
pub fn shingle_hashes(words: &[String], k: usize) -> Vec<u64> {
    let wh: Vec<u64> = words.iter().map(|w| xxhash_rust::xxh3::xxh3_64_with_seed(w.as_bytes(), SEED)).collect();
    shingles_of_hashes(&wh, k)
}

/// Shingle hashes from per-word hashes.
pub fn shingles_of_hashes(wh: &[u64], k: usize) -> Vec<u64> {
    if wh.is_empty() {
        return Vec::new();
    }
    let k = k.min(wh.len());
    wh.windows(k).map(|w| w.iter().enumerate().fold(SEED, |h, (i, &x)| mix(h ^ x.rotate_left(i as u32 * 7)))).collect()
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Odd multipliers and offsets of the hash family (derived from the seed).
fn family() -> &'static [(u64, u64); NUM_HASHES] {
    static F: std::sync::OnceLock<[(u64, u64); NUM_HASHES]> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let mut f = [(0u64, 0u64); NUM_HASHES];
        for (i, slot) in f.iter_mut().enumerate() {
            *slot = (mix(SEED ^ (2 * i as u64 + 1)) | 1, mix(SEED.wrapping_add(i as u64)));
        }
        f
    })
}

/// MinHash signature of a set of shingle hashes (`None` for an empty set).
pub fn signature(shingles: &[u64]) -> Option<Signature> {
    if shingles.is_empty() {
        return None;
    }
    let fam = family();
    let mut sig = [u64::MAX; NUM_HASHES];
    for &s in shingles {
        let base = mix(s);
        for (slot, &(a, b)) in sig.iter_mut().zip(fam.iter()) {
            let h = base.wrapping_mul(a).wrapping_add(b);
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(sig)
}

/// Estimated Jaccard similarity of two signatures.
pub fn jaccard(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / NUM_HASHES as f64
}

/// LSH index over band hashes. Buckets keep at most `bucket_cap` items so that a flood of
/// identical texts stays linear.
///
/// A large batch puts millions of items in buckets, nearly all of them alone in theirs: each
/// band has one flat table from band hash to its bucket (the bucket's last node and size), and
/// the members of all buckets are nodes of one array, each linking to the bucket's previous
/// member. No allocation per bucket, and one cheap hash per look-up (band hashes already are
/// uniform 64-bit values).
pub struct Lsh {
    /// Per band: band hash → (last node of its bucket, number of members).
    heads: Vec<FxHashMap<u64, (u32, u32)>>,
    /// `(item, previous node of the same bucket or NONE)`.
    nodes: Vec<(usize, u32)>,
    bucket_cap: usize,
}

/// No node (end of a bucket's chain).
const NONE: u32 = u32::MAX;

impl Lsh {
    /// An empty index.
    pub fn new(bucket_cap: usize) -> Self {
        Self::with_capacity(bucket_cap, 0)
    }

    /// An empty index with room for `items` items (no growth steps up to that many).
    pub fn with_capacity(bucket_cap: usize, items: usize) -> Self {
        Lsh {
            heads: (0..BANDS).map(|_| FxHashMap::with_capacity_and_hasher(items, Default::default())).collect(),
            nodes: Vec::with_capacity(items * BANDS),
            bucket_cap,
        }
    }

    fn band_keys(sig: &Signature) -> impl Iterator<Item = (usize, u64)> + '_ {
        (0..BANDS).map(move |b| {
            let mut h = SEED ^ b as u64;
            for r in 0..ROWS {
                h = mix(h ^ sig[b * ROWS + r]);
            }
            (b, h)
        })
    }

    /// Items that share at least one band with `sig`, ascending, deduplicated.
    pub fn candidates(&self, sig: &Signature) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (b, h) in Self::band_keys(sig) {
            let Some(&(mut node, _)) = self.heads[b].get(&h) else { continue };
            while node != NONE {
                let (item, prev) = self.nodes[node as usize];
                out.push(item);
                node = prev;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds an item.
    pub fn insert(&mut self, item: usize, sig: &Signature) {
        for (b, h) in Self::band_keys(sig) {
            let (last, len) = self.heads[b].entry(h).or_insert((NONE, 0));
            // The node array is addressed by u32: past that, buckets stop growing (never
            // reached: it would take 268 million items).
            let Ok(node) = u32::try_from(self.nodes.len()) else { continue };
            if (*len as usize) < self.bucket_cap && node != NONE {
                self.nodes.push((item, *last));
                *last = node;
                *len += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identical_texts_have_identical_signatures() {
        let w = words("The quick brown fox jumps over the lazy dog near the river bank today.");
        let a = signature(&shingle_hashes(&w, 3)).unwrap();
        assert_eq!(jaccard(&a, &a), 1.0);
    }

    #[test]
    fn lsh_finds_items_sharing_a_band_and_caps_buckets() {
        let base: Signature = std::array::from_fn(|i| i as u64);
        // Shares band 0 only with `base`.
        let mut other = base;
        other[ROWS..].iter_mut().for_each(|x| *x += 1000);
        let mut far = base;
        far.iter_mut().for_each(|x| *x += 5000);
        let mut lsh = Lsh::new(2);
        for i in [3, 1, 0] {
            lsh.insert(i, &base);
        }
        lsh.insert(5, &other);
        // Buckets keep their first two items; band 0's is full when 5 comes.
        assert_eq!(lsh.candidates(&base), vec![1, 3]);
        assert_eq!(lsh.candidates(&other), vec![1, 3, 5]);
        assert!(lsh.candidates(&far).is_empty());
    }

    proptest! {
        #[test]
        fn estimate_is_close_to_true_jaccard(n in 20usize..200, overlap in 0usize..20) {
            // Two sets of distinct numbers sharing `overlap * n / 20` elements.
            let shared = overlap * n / 20;
            let a: Vec<u64> = (0..n as u64).collect();
            let b: Vec<u64> = (0..shared as u64).chain(10_000..10_000 + (n - shared) as u64).collect();
            let truth = shared as f64 / (2 * n - shared) as f64;
            let est = jaccard(&signature(&a).unwrap(), &signature(&b).unwrap());
            prop_assert!((est - truth).abs() < 0.3, "est {est} truth {truth}");
        }
    }
}
