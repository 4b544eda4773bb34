//! Extraction from raw plain-text page dumps (what a browser's "save as text" gives).
//!
//! The dump is cut into units (lines, or hard-wrapped paragraphs). Each unit gets a shape
//! (running prose, title-like, furniture from the phrase list in `data/boilerplate.txt`).
//! The article is the run of prose units with the most words, where runs are cut at
//! related-links lists (several short title-like lines) and at closing furniture such as
//! "Related Links" or "Leave a Reply"; neighbouring runs of long paragraphs are merged back.
//! Units before the article (the header zone) give the title, byline, dateline and date; the
//! first paragraph may start with an inline dateline (`MOSCOW (Reuters) -`), which is cut off.
//! Live blogs are split into posts and posts that share no core term with the headline and the
//! lead are set aside as off-story posts.

mod data;
mod furniture;
mod header;
mod liveblog;
mod units;

use parallax_core::{Article, Document, OffStoryPost};

use crate::ExtractError;
use crate::meta::{find_explicit_dates, parse_explicit_date};
use furniture::{Furniture, classify, is_link_like};
use units::{Unit, split_units};

/// Units longer than this many words skip the phrase scan (furniture is never that long).
const PHRASE_SCAN_MAX_WORDS: usize = 2000;

/// A run of article units.
#[derive(Debug, Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    prose_words: usize,
    prose_units: usize,
    /// The gap before this region held closing furniture.
    hard_break_before: bool,
}

/// Builds the process-wide patterns text extraction reads, so that a caller can overlap their
/// building with other work (reading the inputs). Results never depend on it.
pub fn warm_up() {
    header::warm_up();
}

/// Extracts an article from a plain-text page dump.
pub fn extract_text(doc: &Document) -> Result<Article, ExtractError> {
    let units = split_units(&doc.text);
    if units.is_empty() {
        return Err(ExtractError::NoContent);
    }
    let n = units.len();
    let furn: Vec<Furniture> =
        units.iter().map(|u| if u.words > PHRASE_SCAN_MAX_WORDS { Furniture::No } else { classify(u) }).collect();
    let credit: Vec<Option<String>> = units.iter().map(|u| header::credit_line(u.text)).collect();
    let stamp: Vec<bool> = units.iter().map(|u| liveblog::is_timestamp(u.text)).collect();
    let prose: Vec<bool> =
        (0..n).map(|i| units[i].is_prose() && furn[i] == Furniture::No && credit[i].is_none() && !stamp[i]).collect();

    let mut article = Article { source: doc.source.clone(), url: doc.url.clone(), ..Default::default() };
    article.credit_line = credit.iter().flatten().next().cloned();

    let Some((start, end)) = main_region(&units, &furn, &prose) else {
        // No running text at all: keep whatever is not furniture.
        let body: Vec<&str> =
            (0..n).filter(|&i| furn[i] == Furniture::No && !stamp[i]).map(|i| units[i].text).collect();
        article.body = body.join("\n\n");
        return Ok(article);
    };
    // A standfirst before the byline or date line belongs to the header: the article starts
    // after the last header line among its first units.
    let mut start = start;
    let header_line = |u: &Unit<'_>| {
        header::byline(u.text).is_some()
            || (u.words <= 8 && !find_explicit_dates(u.text).is_empty())
            || header::dateline(u.text).is_some_and(|d| d.len >= u.text.len())
    };
    if let Some(h) = (start..=end.min(start + 4)).rev().find(|&i| !prose[i] && header_line(&units[i]))
        && let Some(next) = (h + 1..=end).find(|&i| prose[i])
    {
        start = next;
    }

    // Header zone: title, byline, dateline, date.
    let header_zone = &units[..start];
    let mut dateline: Option<header::Dateline> = None;
    let mut published: Option<String> = None;
    let mut title: Option<String> = None;
    let mut title_candidates: Vec<&str> = Vec::new();
    let mut caps_candidates: Vec<&str> = Vec::new();
    for (i, u) in header_zone.iter().enumerate() {
        if furn[i] != Furniture::No || stamp[i] {
            if published.is_none() && stamp[i] {
                published = parse_explicit_date(u.text);
            }
            continue;
        }
        // "By" alone on a line, the name on the next.
        let joined;
        let line = if i > 0 && header::is_byline_prefix(header_zone[i - 1].text) && header::is_name_like(u.text) {
            joined = format!("{} {}", header_zone[i - 1].text, u.text);
            joined.as_str()
        } else {
            u.text
        };
        if article.byline.is_none()
            && let Some((who, org)) = header::byline(line)
        {
            // A byline that only names an agency credits the wire, not an author.
            match data::agency_by_alias(&who) {
                Some(a) if article.wire_agency.is_none() => article.wire_agency = Some(a.name.clone()),
                Some(_) => {}
                None => article.byline = Some(who),
            }
            if let Some(org) = org {
                note_org(&mut article, &org.name);
            }
            continue;
        }
        if dateline.is_none()
            && let Some(d) = header::dateline(u.text)
            && d.len >= u.text.len()
            && credible_dateline(&d)
        {
            if published.is_none() {
                published = parse_explicit_date(&d.rest);
            }
            dateline = Some(d);
            continue;
        }
        // A date line: an explicit date, or a short line in another date format.
        let short_date = || {
            (u.words <= 8 && u.text.chars().any(|c| c.is_ascii_digit()))
                .then(|| crate::meta::parse_date_str(u.text))
                .flatten()
                .map(|d| d.format("%Y-%m-%d").to_string())
        };
        if let Some(d) = parse_explicit_date(u.text).or_else(short_date) {
            if published.is_none() {
                published = Some(d);
            }
            continue;
        }
        if header::is_byline_prefix(u.text) {
            continue;
        }
        let starts_ok = u.text.chars().next().is_some_and(|c| c.is_alphanumeric() || "\"'\u{201C}\u{2018}".contains(c));
        if u.is_title_like() && u.words >= 3 && starts_ok && !u.text.to_lowercase().starts_with("by ") {
            if u.is_all_caps() {
                caps_candidates.push(u.text);
            } else {
                title_candidates.push(u.text);
            }
        }
    }
    if title_candidates.is_empty() {
        title_candidates = caps_candidates;
    }
    // The headline is the candidate sharing most words with the lead (earliest on a tie), so
    // menu items and teasers lose to it.
    if !title_candidates.is_empty() {
        let lead_terms = liveblog::terms(
            &prose
                .iter()
                .enumerate()
                .skip(start)
                .filter(|(_, p)| **p)
                .take(3)
                .map(|(i, _)| units[i].text)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let best = title_candidates
            .iter()
            .enumerate()
            .max_by_key(|(k, t)| (liveblog::terms(t).intersection(&lead_terms).count(), std::cmp::Reverse(*k)))
            .map(|(_, t)| t.to_string());
        title = best;
    }
    // Body units.
    let mut paras: Vec<&str> = Vec::new();
    let mut stamped: Vec<bool> = Vec::new();
    let mut pending_stamp = false;
    for i in start..=end {
        if stamp[i] {
            pending_stamp = true;
            continue;
        }
        let keep = prose[i]
            || (furn[i] == Furniture::No
                && credit[i].is_none()
                && units[i].words >= 12
                && !is_link_like(&units[i])
                && title.as_deref() != Some(units[i].text));
        if keep {
            paras.push(units[i].text);
            stamped.push(pending_stamp);
            pending_stamp = false;
        }
    }
    // Inline dateline at the start of the first paragraph.
    if let Some(first) = paras.first_mut()
        && let Some(d) = header::dateline(first)
        && d.len < first.len()
        && credible_dateline(&d)
    {
        *first = first[d.len..].trim_start();
        if published.is_none() {
            published = parse_explicit_date(&d.rest);
        }
        if dateline.is_none() {
            dateline = Some(d);
        }
    }
    if let Some(d) = &dateline {
        article.dateline = Some(d.place.clone());
        if let Some(c) = &d.credit {
            note_org(&mut article, c);
        }
    }

    if article.wire_agency.is_none() {
        let footer_credit = (end + 1..n).filter(|&i| units[i].words <= 4).find_map(|i| footer_agency(units[i].text));
        let credit_agency = article.credit_line.as_deref().and_then(agency_in);
        article.wire_agency = credit_agency.or(footer_credit);
    }

    // Title and outlet from a site-name suffix.
    let title = title.or_else(|| doc.hints.title.clone());
    if let Some(t) = title {
        let (t, site) = header::split_title_suffix(&t);
        article.title = Some(t);
        if let Some(site) = site {
            article.outlet = Some(site);
            article.outlet_evidence = Some("site name in the title".to_string());
        }
    }
    article.published = published.or_else(|| {
        let h = doc.hints.published.as_deref()?;
        parse_explicit_date(h).or_else(|| crate::meta::parse_date_str(h).map(|d| d.format("%Y-%m-%d").to_string()))
    });
    if article.byline.is_none() {
        article.byline = doc.hints.author.clone();
    }

    // Outlet from a self-referring sentence, then from a copyright notice.
    if article.outlet.is_none() {
        if let Some((o, sentence)) = paras.iter().find_map(|p| header::self_reference(p)) {
            article.outlet = Some(o);
            article.outlet_evidence = Some(sentence);
        } else if let Some((o, line)) = (0..n)
            .filter(|&i| i > end || i < start)
            .find_map(|i| header::copyright_owner(units[i].text).map(|o| (o, units[i].text)))
        {
            article.outlet = Some(o);
            let ev: String = line.chars().take(160).collect();
            article.outlet_evidence = Some(format!("copyright notice: {ev}"));
        } else if let Some(a) = &article.wire_agency {
            article.outlet = Some(a.clone());
            article.outlet_evidence = Some("wire agency credited in the dateline".to_string());
        } else if let Some(o) = &doc.hints.outlet {
            article.outlet = Some(o.clone());
        }
    }

    // Live blogs: set aside posts on other subjects.
    if liveblog::is_live_blog(article.title.as_deref(), stamp.iter().filter(|&&s| s).count()) {
        article.kind = Some("live_blog".to_string());
        let starts = liveblog::post_starts(&paras, &stamped);
        let posts: Vec<Vec<&str>> = starts
            .iter()
            .enumerate()
            .map(|(k, &s)| paras[s..starts.get(k + 1).copied().unwrap_or(paras.len())].to_vec())
            .collect();
        let keep = liveblog::on_story(article.title.as_deref(), &posts);
        let mut body = Vec::new();
        for (post, on) in posts.into_iter().zip(keep) {
            if on {
                body.extend(post);
            } else {
                article.off_story_posts.push(OffStoryPost { text: post.join("\n\n") });
            }
        }
        paras = body;
    }
    article.body = paras.join("\n\n");
    Ok(article)
}

/// Records a dateline or byline credit as the wire agency (or outlet when it is one).
fn note_org(article: &mut Article, credit: &str) {
    if let Some(a) = data::agency_by_alias(credit) {
        if article.wire_agency.is_none() {
            article.wire_agency = Some(a.name.clone());
        }
    } else if let Some(o) = data::outlet_by_alias(credit)
        && article.outlet.is_none()
    {
        article.outlet = Some(o.name.clone());
        article.outlet_evidence = Some(format!("credit ({credit}) in the dateline"));
    }
}

/// A dateline is believed when its credit is a known agency/outlet, its place is in capitals,
/// or it carries a date.
fn credible_dateline(d: &header::Dateline) -> bool {
    const NOT_PLACES: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "breaking",
        "update",
        "updated",
        "exclusive",
        "watch",
        "live",
        "analysis",
        "opinion",
        "editorial",
    ];
    let first = d.place.split([',', ' ']).next().unwrap_or("").to_lowercase();
    if NOT_PLACES.contains(&first.as_str()) {
        return false;
    }
    let known =
        d.credit.as_deref().is_some_and(|c| data::agency_by_alias(c).is_some() || data::outlet_by_alias(c).is_some());
    let caps = d.place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    known || caps || !find_explicit_dates(&d.rest).is_empty()
}

/// Finds the article: runs of prose cut at closing furniture and related-link lists; the run
/// with the most prose words, merged with neighbouring runs of long paragraphs.
fn main_region(units: &[Unit<'_>], furn: &[Furniture], prose: &[bool]) -> Option<(usize, usize)> {
    let mut regions: Vec<Region> = Vec::new();
    let mut cur: Option<Region> = None;
    let mut gap_links = 0usize;
    let mut gap_end = false;
    for (i, u) in units.iter().enumerate() {
        if prose[i] {
            let cut = gap_end || gap_links >= 3;
            match cur.as_mut() {
                Some(r) if !cut => {
                    r.end = i;
                    r.prose_words += u.words;
                    r.prose_units += 1;
                }
                _ => {
                    if let Some(r) = cur.take() {
                        regions.push(r);
                    }
                    cur = Some(Region {
                        start: i,
                        end: i,
                        prose_words: u.words,
                        prose_units: 1,
                        hard_break_before: gap_end,
                    });
                }
            }
            gap_links = 0;
            gap_end = false;
        } else {
            if furn[i] == Furniture::End {
                gap_end = true;
            }
            if furn[i] == Furniture::No && is_link_like(u) {
                gap_links += 1;
            }
        }
    }
    if let Some(r) = cur {
        regions.push(r);
    }
    if regions.is_empty() {
        return None;
    }
    let best = (0..regions.len()).max_by_key(|&k| (regions[k].prose_words, std::cmp::Reverse(k)))?;
    let article_like = |r: &Region| r.prose_words >= 40 || (r.prose_units >= 2 && r.prose_words >= 15 * r.prose_units);
    let (mut lo, mut hi) = (best, best);
    while hi + 1 < regions.len() && !regions[hi + 1].hard_break_before && article_like(&regions[hi + 1]) {
        hi += 1;
    }
    while lo > 0 && !regions[lo].hard_break_before && article_like(&regions[lo - 1]) {
        lo -= 1;
    }
    Some((regions[lo].start, regions[hi].end))
}

/// An agency named as a whole word in a credit line (`Reporting by Reuters; ...`).
fn agency_in(credit: &str) -> Option<String> {
    credit
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .find_map(|w| data::agency_by_alias(w).filter(|a| a.name.len() >= 3).map(|a| a.name.clone()))
}

/// A short closing credit naming an agency (`- AFP`, `(Reuters)`, `Source: AP`, `© AFP`).
fn footer_agency(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches(['-', '\u{2013}', '\u{2014}', '(', '\u{00A9}', ' '])
        .trim_end_matches([')', '.', ' ']);
    let t = t.strip_prefix("Source:").unwrap_or(t).trim();
    data::agency_by_alias(t).map(|a| a.name.clone())
}
