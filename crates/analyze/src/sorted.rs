//! Sorted, distinct lists of ids (token, stem or form ids) compared by merging.

/// Calls `on_common` with each item two sorted, distinct lists share, in order.
pub(crate) fn for_common<T: Ord>(a: &[T], b: &[T], mut on_common: impl FnMut(&T)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                on_common(&a[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn visits_each_shared_item_once() {
        let mut seen = Vec::new();
        super::for_common(&[1, 3, 5, 7], &[2, 3, 7, 9], |&x| seen.push(x));
        assert_eq!(seen, vec![3, 7]);
    }
}
