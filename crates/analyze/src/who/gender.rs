//! Grammatical gender of a story's persons, from the pronouns the reports use for them.
//!
//! After a person is named, the next third-person singular pronoun in the same sentence,
//! outside quotations and before any other person is named, most often refers to that person
//! ("Ann Lee, 52, said she ..."), except a pronoun after a comma (", he said": the one who
//! reports the sentence). Each such pronoun is one vote, and a common given name
//! (`data/first_names.txt`) two. A person gets a gender only when the votes clearly agree, so "he said" is never resolved to a person the reports
//! call "she".

use std::ops::Range;

use parallax_annotate::split::QuoteSpan;
use parallax_annotate::{Sentence, Token};

use super::entities::{Kind, Mention, Resolution};
use super::gazetteer::Gazetteer;
use super::quotes::inside_quote;
use super::text;

/// How far after a mention its pronoun is looked for (words).
const REACH: usize = 30;

// Object forms ("him", "her") are left out: right after a name they mostly refer to someone
// else ("Lee sent her a message").
const MASCULINE: &[&str] = &["he", "his", "himself"];
const FEMININE: &[&str] = &["she", "herself"];

/// Nouns and pronouns of one grammatical gender ("the 21-year-old man", "his").
const MALE_NOUNS: &[&str] =
    &["man", "boy", "father", "son", "husband", "brother", "dad", "gunman", "actor", "he", "his"];
const FEMALE_NOUNS: &[&str] =
    &["woman", "girl", "mother", "daughter", "wife", "sister", "mom", "mum", "actress", "she", "her"];

/// Gender a noun or pronoun (lower case) gives the person it stands for.
pub fn noun_gender(w: &str) -> Option<char> {
    if MALE_NOUNS.contains(&w) {
        Some('m')
    } else if FEMALE_NOUNS.contains(&w) {
        Some('f')
    } else {
        None
    }
}

/// One text's mentions and quotation spans.
pub struct TextNames<'a> {
    /// The text.
    pub text: &'a str,
    /// Its mentions, in order.
    pub mentions: &'a [Mention],
    /// Its quotation spans, in order.
    pub quotes: &'a [QuoteSpan],
    /// Its sentences, in order.
    pub sentences: &'a [Sentence],
    /// Its tokens (the sentences index into them).
    pub tokens: &'a [Token],
}

/// `'m'` or `'f'` for each entity of `res` whose pronouns agree; `None` otherwise.
pub fn genders(texts: &[TextNames<'_>], res: &Resolution) -> Vec<Option<char>> {
    let mut votes = vec![(0u32, 0u32); res.entities.len()];
    for (a, t) in texts.iter().enumerate() {
        let person = |k: usize| res.of[a][k].map_or(t.mentions[k].kind, |e| res.entities[e].kind) == Kind::Person;
        for k in (0..t.mentions.len()).filter(|&k| person(k)) {
            let Some(e) = res.of[a][k] else { continue };
            let m = &t.mentions[k];
            if inside_quote(t.quotes, m.range.start) {
                continue;
            }
            let next =
                (k + 1..t.mentions.len()).find(|&j| person(j)).map_or(t.text.len(), |j| t.mentions[j].range.start);
            let s = t.sentences.partition_point(|s| s.range.end <= m.range.start);
            let end = t.sentences.get(s).map_or(t.text.len(), |s| s.range.end).min(next);
            match first_pronoun(t, m.range.end..end.max(m.range.end)) {
                Some('m') => votes[e].0 += 1,
                Some('f') => votes[e].1 += 1,
                _ => {}
            }
        }
    }
    for (a, t) in texts.iter().enumerate() {
        for (e, g) in sentence_openings(t, &res.of[a], res) {
            match g {
                'm' => votes[e].0 += 1,
                _ => votes[e].1 += 1,
            }
        }
    }
    // A common given name counts as two votes ("Richard Hale": he; "Ann Lee": she).
    let g = Gazetteer::get();
    for (e, v) in res.entities.iter().zip(&mut votes) {
        let first = e.name.split(' ').next().filter(|_| e.kind == Kind::Person && e.name.contains(' '));
        match first.and_then(|f| g.first_names.get(f)) {
            Some('m') => v.0 += 2,
            Some('f') => v.1 += 2,
            _ => {}
        }
    }
    votes.into_iter().map(|(m, f)| decide(m, f)).collect()
}

/// Votes of sentences opening with "He" or "She" for the one person the sentence before
/// names outside quotations ("Ann Lee was arrested in May. She was tried as an adult."): the
/// subject pronoun that opens a sentence most often continues the person just named.
fn sentence_openings(t: &TextNames<'_>, of: &[Option<usize>], res: &Resolution) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    for w in t.sentences.windows(2) {
        let (prev, cur) = (&w[0], &w[1]);
        // The sentence's first word, from the Doc's tokens.
        let Some(tok) = t.tokens.get(cur.tokens.clone()).and_then(<[_]>::first) else { continue };
        let first = tok.start as usize..tok.end as usize;
        let g = match &t.text[first.clone()] {
            "He" => 'm',
            "She" => 'f',
            _ => continue,
        };
        if inside_quote(t.quotes, first.start) || inside_quote(t.quotes, prev.range.start) {
            continue;
        }
        let lo = t.mentions.partition_point(|m| m.range.start < prev.range.start);
        let hi = t.mentions.partition_point(|m| m.range.start < prev.range.end);
        let mut people = (lo..hi)
            .filter(|&k| !inside_quote(t.quotes, t.mentions[k].range.start))
            .filter_map(|k| of[k])
            .filter(|&e| res.entities[e].kind == Kind::Person);
        let Some(e) = people.next() else { continue };
        if people.all(|o| o == e) {
            out.push((e, g));
        }
    }
    out
}

/// A gender when one side has every vote, or at least three times the other's and three votes.
fn decide(m: u32, f: u32) -> Option<char> {
    let clear = |a: u32, b: u32| a > 0 && (b == 0 || (a >= 3 * b && a >= 3));
    if clear(m, f) {
        Some('m')
    } else if clear(f, m) {
        Some('f')
    } else {
        None
    }
}

/// Gender of the first singular third-person pronoun in `r`, outside quotations.
fn first_pronoun(t: &TextNames<'_>, r: Range<usize>) -> Option<char> {
    for w in text::words(t.text, r).into_iter().take(REACH) {
        let s = &t.text[w.clone()];
        let is = |set: &[&str]| set.iter().any(|p| p.eq_ignore_ascii_case(s));
        let g = if is(MASCULINE) {
            'm'
        } else if is(FEMININE) {
            'f'
        } else {
            continue;
        };
        // `"Lee was the suspect," he said`: the speaker of the sentence, not the person in it.
        let after_comma = t.text[..w.start].trim_end().ends_with([',', '"', '”']);
        if after_comma {
            return None;
        }
        if !inside_quote(t.quotes, w.start) {
            return Some(g);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_decide_only_when_clear() {
        assert_eq!(decide(1, 0), Some('m'));
        assert_eq!(decide(0, 2), Some('f'));
        assert_eq!(decide(1, 1), None);
        assert_eq!(decide(2, 1), None);
        assert_eq!(decide(3, 1), Some('m'));
        assert_eq!(decide(0, 0), None);
    }
}
