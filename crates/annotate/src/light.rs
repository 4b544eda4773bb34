//! The light annotation: only the token layer that grouping reports into stories reads
//! (near-copies and cluster features), for batches of many thousands of reports.
//!
//! Same tokeniser and same forms as [`crate::Doc`]: each [`Word`] equals the body token of
//! the full annotation at the same place (offsets, case-folded key, stem, flags), except that
//! there is no quotation layer ([`flag::QUOTED`] is never set), no sentences, numbers or
//! dates, and no normal form. Forms are hashed ([`form_id`]) but not recorded in the lexicon
//! of [`crate::form_text`]: nothing reads their text back, and a large batch would otherwise
//! keep every word it ever saw.

use std::cell::RefCell;

use crate::{FormId, flag, form_id, lexicon, split, word_flags};

/// One token of the light annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the start in the text.
    pub start: u32,
    /// Byte offset of the end.
    pub end: u32,
    /// Case-folded key ([`lexicon::name_key`]).
    pub key: FormId,
    /// Stem of the key ([`lexicon::stem`]).
    pub stem: FormId,
    /// [`flag`] bits (never [`flag::QUOTED`]).
    pub flags: u16,
}

impl Word {
    /// Whether a flag is set.
    pub fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the word is empty (never, for a token).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

impl From<&crate::Token> for Word {
    fn from(t: &crate::Token) -> Word {
        Word { start: t.start, end: t.end, key: t.key, stem: t.stem, flags: t.flags & !flag::QUOTED }
    }
}

/// What the light annotation derives from one surface word: key, stem, stop word, name stop
/// word.
type Light = (FormId, FormId, bool, bool);

fn derive_light(word: &str) -> Light {
    let key = lexicon::name_key(word);
    let stem = form_id(&lexicon::stem_uncached(&key));
    (form_id(&key), stem, lexicon::is_stop(&key), lexicon::is_name_stop(&key))
}

/// Longest surface word (bytes) kept in the cache.
const INLINE: usize = 22;
/// Slots of a thread's cache (a power of two).
const SLOTS: usize = 1 << 16;

/// One slot of the cache: a surface word (inline, no allocation) and what it derives.
#[derive(Clone, Copy)]
struct Slot {
    len: u8,
    text: [u8; INLINE],
    stops: u8,
    key: FormId,
    stem: FormId,
}

const EMPTY: Slot = Slot { len: 0, text: [0; INLINE], stops: 0, key: 0, stem: 0 };

thread_local! {
    /// Surface word → derived forms, direct-mapped by the word's hash (a cache: results never
    /// depend on it; a slot is compared byte for byte and overwritten on collision).
    static CACHE: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// [`derive_light`] through the thread's cache `slots`.
fn cached(slots: &mut [Slot], word: &str) -> Light {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > INLINE {
        return derive_light(word);
    }
    let h = xxhash_rust::xxh3::xxh3_64(b);
    let slot = &mut slots[(h >> 32) as usize & (SLOTS - 1)];
    if slot.len as usize == b.len() && &slot.text[..b.len()] == b {
        return (slot.key, slot.stem, slot.stops & 1 != 0, slot.stops & 2 != 0);
    }
    let d = derive_light(word);
    slot.len = b.len() as u8;
    slot.text[..b.len()].copy_from_slice(b);
    slot.stops = u8::from(d.2) | (u8::from(d.3) << 1);
    slot.key = d.0;
    slot.stem = d.1;
    d
}

/// The tokens of `text` (an article body or a headline), as [`crate::Doc::of_text`] would
/// give them but without the other layers (see the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    CACHE.with(|c| {
        let mut slots = c.borrow_mut();
        if slots.is_empty() {
            slots.resize(SLOTS, EMPTY);
        }
        let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6);
        let mut prev_end = 0usize;
        for r in split::words(text, 0..text.len()) {
            let w = &text[r.clone()];
            let gap = &text[prev_end..r.start];
            let (key, stem, stop, name_stop) = cached(&mut slots, w);
            let flags = word_flags(w, gap, out.is_empty(), false, stop, name_stop);
            out.push(Word { start: r.start as u32, end: r.end as u32, key, stem, flags });
            prev_end = r.end;
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> Vec<Word> {
        let doc = crate::Doc::undated(text.to_string(), text.len());
        doc.body_tokens().iter().map(Word::from).collect()
    }

    #[test]
    fn light_words_equal_the_full_tokens() {
        let t = "Officials in Norwick said on Monday that 42 people were hurt.\n\n“We are ready,” Ms Quill told reporters. The U.S. didn't go. Lakeside-based BRANDT";
        assert_eq!(words(t), full(t));
    }

    proptest::proptest! {
        #[test]
        fn light_words_equal_the_full_tokens_on_any_text(s in "[A-Za-z0-9 .,:!?“”\"'’\n\r\t\u{a0}()é-]{0,300}") {
            proptest::prop_assert_eq!(words(&s), full(&s));
        }
    }
}
