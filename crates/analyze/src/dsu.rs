//! Union-find helper shared by statement grouping (who) and contradiction clustering (when).

/// Root of `x` in the disjoint-set forest `p`, with path compression.
pub(crate) fn find(p: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while p[r] != r {
        r = p[r];
    }
    let mut y = x;
    while p[y] != r {
        let n = p[y];
        p[y] = r;
        y = n;
    }
    r
}
