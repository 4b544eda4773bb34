//! Bounded per-thread memo tables: a value computed once per key and thread, the table
//! emptied when full (a cache: results never depend on it).

use std::borrow::Borrow;
use std::cell::RefCell;
use std::hash::Hash;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// A thread's memo table (declare it with `thread_local!`).
pub(crate) type Table<K, V> = RefCell<FxHashMap<K, V>>;

/// The value of `key` in `table`, computed by `compute` when absent; the table is emptied
/// once it holds `max` keys.
pub(crate) fn memo<K, Q, V>(
    table: &'static LocalKey<Table<K, V>>,
    key: &Q,
    max: usize,
    compute: impl FnOnce() -> V,
) -> V
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    V: Copy,
{
    if let Some(v) = table.with(|t| t.borrow().get(key).copied()) {
        return v;
    }
    let v = compute();
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= max {
            t.clear();
        }
        t.insert(key.to_owned(), v);
    });
    v
}
