//! Low-level text structure: paragraphs, words, quotation-mark spans, sentences — the one
//! tokeniser and sentence splitter of Parallax (see the crate documentation).
//! Everything is linear in the input size and works on byte offsets.

use std::ops::Range;

/// Paragraph byte ranges: lines with text (trimmed). A blank line or a single line break
/// both end a paragraph, so that dumps with one paragraph per line work too.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let trimmed_start = start + (line.len() - line.trim_start().len());
        let trimmed_end = start + line.trim_end().len();
        if trimmed_end > trimmed_start {
            out.push(trimmed_start..trimmed_end);
        }
        start = end;
    }
    out
}

/// A word token: letters/digits with inner apostrophes, hyphens and dotted initials ("U.S.").
pub fn words(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if d.is_alphanumeric() || d == '\u{0301}' {
                end = j + d.len_utf8();
                it.next();
            } else if matches!(d, '\'' | '’' | '-' | '.') {
                // Keep inner punctuation only when a letter follows ("don't", "Kyiv-based", "U.S.").
                let next = s[j + d.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphanumeric) {
                    end = j + d.len_utf8();
                    it.next();
                } else if d == '.' && is_dotted_initials(&s[i..j]) {
                    end = j + 1;
                    it.next();
                    break;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        out.push(range.start + i..range.start + end);
    }
    out
}

/// "U.S" / "U.K" (before the final dot).
fn is_dotted_initials(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && b.len() <= 7
        && b.iter().enumerate().all(|(k, &c)| if k % 2 == 0 { c.is_ascii_uppercase() } else { c == b'.' })
}

/// A quotation: marks and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Content range (inside the marks, trimmed).
    pub content: Range<usize>,
    /// Byte offset just after the closing mark (or the content end when unclosed).
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Paragraph index where the quote starts.
    pub para: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

fn classify(text: &str, i: usize, c: char) -> Option<Mark> {
    let prev = || text[..i].chars().next_back();
    let next = || text[i + c.len_utf8()..].chars().next();
    match c {
        // A curly mark of the wrong hand where the other one belongs (scraped text:
        // `…in 2012,“ the officer wrote`, `”We are sorry…`) is read by its place.
        '“' if prev().is_some_and(|p| !p.is_whitespace() && !"([{—–-/:".contains(p))
            && next().is_none_or(|n| n.is_whitespace() || ",.;:!?)".contains(n)) =>
        {
            Some(Mark::Close)
        }
        '”' if prev().is_none_or(char::is_whitespace) && next().is_some_and(char::is_alphanumeric) => {
            Some(Mark::Open)
        }
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => {
            let prev = text[..i].chars().next_back();
            let next = text[i + 1..].chars().next();
            let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
            let next_space = next.is_none_or(|n| n.is_whitespace());
            if prev_open && !next_space { Some(Mark::Open) } else { Some(Mark::Close) }
        }
        _ => None,
    }
}

/// Longest unclosed quotation kept when it does not run to the end of its paragraph chain.
const MAX_UNCLOSED: usize = 1500;

/// Finds double-quotation spans (straight or curly) across paragraphs. A quotation whose
/// paragraph ends without a closing mark continues when the next paragraph opens with a mark
/// (the multi-paragraph convention); otherwise it ends with its paragraph.
pub fn quote_spans(text: &str, paras: &[Range<usize>]) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    // (open offset, content start, paragraph index)
    let mut inside: Option<(usize, usize, usize)> = None;
    for (pi, p) in paras.iter().enumerate() {
        let s = &text[p.clone()];
        for (k, c) in s.char_indices() {
            let i = p.start + k;
            let Some(mark) = classify(text, i, c) else { continue };
            match (mark, inside) {
                (Mark::Open, Some((o, cs, opi))) if opi != pi && k == 0 => {
                    // Continuation of a multi-paragraph quotation: keep the original start.
                    inside = Some((o, cs, opi));
                }
                (Mark::Open, _) => inside = Some((i, i + c.len_utf8(), pi)),
                (Mark::Close, Some((o, cs, opi))) => {
                    push(text, &mut out, o, cs, i, i + c.len_utf8(), true, opi);
                    inside = None;
                }
                (Mark::Close, None) => {}
            }
        }
        if let Some((o, cs, opi)) = inside {
            let next_opens = paras
                .get(pi + 1)
                .and_then(|n| text[n.clone()].chars().next().map(|c| (n.start, c)))
                .is_some_and(|(ns, c)| classify(text, ns, c) == Some(Mark::Open));
            if !next_opens {
                if p.end - cs <= MAX_UNCLOSED || o == paras[opi].start {
                    push(text, &mut out, o, cs, p.end, p.end, false, opi);
                }
                inside = None;
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    text: &str,
    out: &mut Vec<QuoteSpan>,
    open: usize,
    cs: usize,
    ce: usize,
    end: usize,
    closed: bool,
    para: usize,
) {
    let raw = &text[cs..ce];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed_end = cs + raw.trim_end().len();
    let start = cs + lead;
    if trimmed_end > start {
        out.push(QuoteSpan { open, content: start..trimmed_end, end, closed, para });
    }
}

/// Whether the word that ends at `before`'s end is an abbreviation that takes a period.
pub fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Rep", "Sen", "Gov",
        "No", "Vol", "vs", "etc", "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec", "Rev", "Maj", "Adm", "Mt", "Ft",
    ];
    ABBR.contains(&word)
        || (word.len() <= 4 && word.contains('.'))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Sentence ranges of one paragraph. A sentence end is `.`, `!`, `?` or `…` (not after an
/// abbreviation), followed by closing marks, white space and an upper-case letter, a digit or
/// an opening mark. Punctuation inside a quotation only ends a sentence when it is the last
/// thing before the closing mark.
pub fn sentences(text: &str, para: Range<usize>, quotes: &[QuoteSpan]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[para.clone()];
    let mut start = 0usize;
    let mut qi = quotes.partition_point(|q| q.end <= para.start);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut n = 0;
    while n < chars.len() {
        let (k, c) = chars[n];
        n += 1;
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let abs = para.start + k;
        while qi < quotes.len() && quotes[qi].end <= abs {
            qi += 1;
        }
        // Inside a quotation (and not at its end)?
        if let Some(q) = quotes.get(qi)
            && q.open < abs
            && abs < q.content.end
            && !text[abs + c.len_utf8()..q.content.end].trim().is_empty()
        {
            continue;
        }
        if c == '.' && is_abbreviation(&s[start..k]) {
            continue;
        }
        let mut m = n;
        while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | '\'' | ')' | '»' | '.' | '!' | '?' | '…')
        {
            m += 1;
        }
        if m >= chars.len() {
            break;
        }
        if !chars[m].1.is_whitespace() {
            continue;
        }
        let mut w = m;
        while w < chars.len() && chars[w].1.is_whitespace() {
            w += 1;
        }
        let Some(&(_, next)) = chars.get(w) else { break };
        if next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
        {
            let end = chars[m].0;
            out.push(para.start + start..para.start + end);
            start = chars[w].0;
            n = w;
        }
    }
    if start < s.len() {
        out.push(para.start + start..para.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_initials_and_apostrophes() {
        let t = "The U.S. didn't go. Kyiv-based";
        let w: Vec<&str> = words(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(w, ["The", "U.S.", "didn't", "go", "Kyiv-based"]);
    }

    #[test]
    fn spans_curly_straight_and_multi_paragraph() {
        let t = "He said \"yes, sir\" and “no”.\n“First part.\n“Second part,” he said.";
        let ps = paragraphs(t);
        let q = quote_spans(t, &ps);
        let texts: Vec<&str> = q.iter().map(|q| &t[q.content.clone()]).collect();
        assert_eq!(texts, ["yes, sir", "no", "First part.\n“Second part,"]);
    }

    #[test]
    fn curly_marks_of_the_wrong_hand_are_read_by_their_place() {
        let t = "“We found more data in 2012,“ the officer wrote. ”We are sorry,” she said. A “word“ here.";
        let ps = paragraphs(t);
        let texts: Vec<String> = quote_spans(t, &ps).iter().map(|q| t[q.content.clone()].to_string()).collect();
        assert_eq!(texts, ["We found more data in 2012,", "We are sorry,", "word"]);
    }

    #[test]
    fn sentences_skip_quote_inner_stops() {
        let t = "“One. Two,” he said. Then Mr. Smith left.";
        let ps = paragraphs(t);
        let q = quote_spans(t, &ps);
        let s: Vec<&str> = sentences(t, ps[0].clone(), &q).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["“One. Two,” he said.", "Then Mr. Smith left."]);
    }
}
