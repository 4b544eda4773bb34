//! Claims aligned across reports: agreements, single-source details and the cited summary.
//!
//! Sentences of different independent reports are compared by weighted Dice similarity of their
//! normalised content words (stems, general news synonyms, folded name variants, numbers; weights
//! are inverse sentence frequencies within the story). Pairs above a threshold are merged
//! greedily, best pair first, into groups that hold at most one sentence per report and whose
//! members are all similar to each other (average linkage). A group with two or more independent
//! reports is an agreement.

use std::collections::BTreeSet;

use parallax_core::report::{Agreement, SingleSourceDetail, SummarySentence};

use super::text::{Story, Tok};

/// Similarity above which two sentences of different reports may state the same claim.
pub const PAIR_MIN: f64 = 0.30;
/// Minimum average similarity inside a group.
const GROUP_MIN: f64 = 0.24;
/// Longest posting list used to find candidate pairs.
const MAX_POSTING: usize = 400;
/// Below this similarity to every sentence of every other report, a sentence is unique.
const UNIQUE_MAX: f64 = 0.22;

/// A group of aligned sentences (indices into `Story::sents`).
#[derive(Debug, Clone)]
pub struct Group {
    /// Member sentences, sorted.
    pub members: Vec<usize>,
}

/// Pairwise similarities between sentences of different reports (sparse: only above a floor).
pub struct Sims {
    /// (sim, a, b) with a < b.
    pub pairs: Vec<(f64, usize, usize)>,
    /// Best similarity of each sentence to any sentence of another independent report.
    pub best_other: Vec<f64>,
    lookup: std::collections::BTreeMap<(usize, usize), f64>,
    /// Neighbours of each sentence (similarity at least 0.12), in other reports.
    pub adj: Vec<Vec<(usize, f64)>>,
}

impl Sims {
    /// Similarity of two sentences (0 when below the floor).
    pub fn get(&self, a: usize, b: usize) -> f64 {
        let k = if a < b { (a, b) } else { (b, a) };
        self.lookup.get(&k).copied().unwrap_or(0.0)
    }
}

/// Whether a sentence is usable as a claim (long enough, not page furniture).
pub fn usable(story: &Story<'_>, i: usize) -> bool {
    let s = &story.sents[i];
    let words = story.text(s).split_whitespace().count();
    (6..=80).contains(&words) && s.tokens.len() >= 4 && !s.furniture
}

/// Computes the similarities. Tokens are interned and each sentence's weight is summed once;
/// only pairs sharing two or more tokens (found through an inverted index) are scored, so the
/// cost follows the number of overlapping pairs, not all pairs.
pub fn sims(story: &Story<'_>) -> Sims {
    let n = story.sents.len();
    let mut ids: rustc_hash::FxHashMap<Tok, u32> = Default::default();
    let mut weights: Vec<f64> = Vec::new();
    let mut toks: Vec<Vec<u32>> = Vec::with_capacity(n);
    let mut wsum: Vec<f64> = Vec::with_capacity(n);
    for s in &story.sents {
        let mut v: Vec<u32> = s
            .tokens
            .iter()
            .map(|t| {
                *ids.entry(*t).or_insert_with(|| {
                    weights.push(story.w(t));
                    (weights.len() - 1) as u32
                })
            })
            .collect();
        v.sort_unstable();
        wsum.push(v.iter().map(|&t| weights[t as usize]).sum());
        toks.push(v);
    }
    let active: Vec<bool> = (0..n).map(|i| usable(story, i) && story.independent[story.sents[i].art]).collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); weights.len()];
    for i in 0..n {
        if active[i] {
            for &t in &toks[i] {
                postings[t as usize].push(i as u32);
            }
        }
    }
    let dice = |a: usize, b: usize| -> f64 {
        let mut common = 0.0;
        crate::sorted::for_common(&toks[a], &toks[b], |&t| common += weights[t as usize]);
        let d = wsum[a] + wsum[b];
        if d == 0.0 { 0.0 } else { 2.0 * common / d }
    };
    let mut pairs = Vec::new();
    let mut best_other = vec![0.0f64; n];
    let mut lookup = std::collections::BTreeMap::new();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut count = vec![0u16; n];
    let mut touched: Vec<usize> = Vec::new();
    for i in 0..n {
        if !active[i] {
            continue;
        }
        let art = story.sents[i].art;
        for &t in &toks[i] {
            // A word in hundreds of sentences carries no alignment evidence (and would make the
            // candidate scan quadratic): skip it.
            let post = &postings[t as usize];
            if post.len() > MAX_POSTING {
                continue;
            }
            for &j in post {
                let j = j as usize;
                if j > i && story.sents[j].art != art {
                    if count[j] == 0 {
                        touched.push(j);
                    }
                    count[j] += 1;
                }
            }
        }
        for &j in &touched {
            if count[j] >= 2 {
                let v = dice(i, j);
                best_other[i] = best_other[i].max(v);
                best_other[j] = best_other[j].max(v);
                if v >= 0.12 {
                    lookup.insert((i, j), v);
                    adj[i].push((j, v));
                    adj[j].push((i, v));
                }
                if v >= PAIR_MIN {
                    pairs.push((v, i, j));
                }
            }
            count[j] = 0;
        }
        touched.clear();
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Sims { pairs, best_other, lookup, adj }
}

/// Groups aligned sentences.
pub fn groups(story: &Story<'_>, sims: &Sims) -> Vec<Group> {
    let n = story.sents.len();
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &(_, a, b) in &sims.pairs {
        match (group_of[a], group_of[b]) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => {
                let (ga, gb) = (&groups[x], &groups[y]);
                let arts_a: BTreeSet<usize> = ga.iter().map(|&i| story.sents[i].art).collect();
                if gb.iter().any(|&i| arts_a.contains(&story.sents[i].art)) {
                    continue;
                }
                if avg_link(sims, ga, gb) < GROUP_MIN {
                    continue;
                }
                let moved = std::mem::take(&mut groups[y]);
                for &i in &moved {
                    group_of[i] = Some(x);
                }
                groups[x].extend(moved);
            }
            (Some(x), None) | (None, Some(x)) => {
                let new = if group_of[a].is_none() { a } else { b };
                let g = &groups[x];
                if g.iter().any(|&i| story.sents[i].art == story.sents[new].art) {
                    continue;
                }
                if avg_link(sims, g, &[new]) < GROUP_MIN {
                    continue;
                }
                group_of[new] = Some(x);
                groups[x].push(new);
            }
            (None, None) => {
                group_of[a] = Some(groups.len());
                group_of[b] = Some(groups.len());
                groups.push(vec![a, b]);
            }
        }
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort_unstable();
            Group { members: g }
        })
        .collect();
    out.sort_by_key(|g| (std::cmp::Reverse(g.members.len()), g.members[0]));
    out
}

fn avg_link(sims: &Sims, a: &[usize], b: &[usize]) -> f64 {
    let mut sum = 0.0;
    let mut n = 0.0;
    for &x in a {
        for &y in b {
            sum += sims.get(x, y);
            n += 1.0;
        }
    }
    if n == 0.0 { 0.0 } else { sum / n }
}

/// The most representative member of a group: most similar to the others, then plain
/// (no quote marks), then shortest.
pub fn representative(story: &Story<'_>, sims: &Sims, g: &Group) -> usize {
    ranked_members(story, sims, g)[0]
}

/// A group's members, best representative first: central to the group (similar to the other
/// members), not quoted, short; ties keep member order.
fn ranked_members(story: &Story<'_>, sims: &Sims, g: &Group) -> Vec<usize> {
    let score = |m: usize| {
        let central: f64 = g.members.iter().filter(|&&o| o != m).map(|&o| sims.get(m, o)).sum();
        let plain = !story.sents[m].quoted;
        let len = story.text(&story.sents[m]).len();
        central + if plain { 0.3 } else { 0.0 } - (len as f64 / 2000.0)
    };
    let mut ranked: Vec<(f64, usize)> = g.members.iter().map(|&m| (score(m), m)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().map(|(_, m)| m).collect()
}

/// Reports that support a group's claim: its members' reports, plus any other independent
/// report with a sentence close to one member (above the pair threshold) and, on average, to
/// all of them — a sentence may support several claims even though it joined one group.
pub fn supporting_arts(story: &Story<'_>, sims: &Sims, g: &Group) -> BTreeSet<usize> {
    let mut arts: BTreeSet<usize> = g.members.iter().map(|&i| story.sents[i].art).collect();
    // Candidate sentences: neighbours of the members, in reports not yet in the group.
    let mut cand: std::collections::BTreeMap<usize, (f64, f64)> = std::collections::BTreeMap::new();
    for &m in &g.members {
        for &(j, v) in &sims.adj[m] {
            let a = story.sents[j].art;
            if !arts.contains(&a) && story.independent[a] {
                let e = cand.entry(j).or_insert((0.0, 0.0));
                e.0 = e.0.max(v);
                e.1 += v;
            }
        }
    }
    let k = g.members.len() as f64;
    for (j, (best, sum)) in cand {
        if best >= PAIR_MIN && sum / k >= 0.2 && usable(story, j) {
            arts.insert(story.sents[j].art);
        }
    }
    arts
}

/// Sources of a group, sorted and unique.
pub fn group_sources(story: &Story<'_>, sims: &Sims, g: &Group) -> Vec<String> {
    let set: BTreeSet<&str> = supporting_arts(story, sims, g).into_iter().map(|a| story.source(a)).collect();
    set.into_iter().map(str::to_string).collect()
}

/// Agreements: groups stated by two or more outlets (versions of one outlet's or one wire's
/// story count once), each told by its best-ranked member that is a whole clause (groups of
/// fragments only are left out).
pub fn agreements(story: &Story<'_>, sims: &Sims, groups: &[Group]) -> Vec<Agreement> {
    groups
        .iter()
        .filter(|g| g.members.iter().map(|&i| story.outlet(story.sents[i].art)).collect::<BTreeSet<_>>().len() >= 2)
        .filter_map(|g| {
            let ranked = ranked_members(story, sims, g);
            let r = ranked.into_iter().find(|&m| is_whole_clause(story.text(&story.sents[m])));
            let r = r?;
            Some(Agreement { claim: story.text(&story.sents[r]).to_string(), sources: group_sources(story, sims, g) })
        })
        .collect()
}

/// Whether a sentence can stand as a claim on its own: it starts a sentence (capital letter,
/// digit or quotation mark), does not lean on the previous one through a leading conjunction
/// ("And we expect..."), has balanced quotation marks (no piece of a quote) and at least
/// four words.
pub fn is_whole_clause(s: &str) -> bool {
    const LEANING: &[&str] = &["and", "but", "or", "nor", "yet", "so", "which", "who", "whom", "whose", "because"];
    let t = s.trim_start_matches(|c: char| "\"'“‘«(—–- ".contains(c));
    let starts_well = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    let balanced = s.matches('“').count() == s.matches('”').count() && s.matches('"').count().is_multiple_of(2);
    starts_well && balanced && !LEANING.contains(&first.as_str()) && t.split_whitespace().count() >= 4
}

const SUBSTANCE_WORDS: &[&str] = &[
    "kill", "injur", "wound", "dead", "die", "death", "casualt", "demand", "arrest", "fire", "fired", "launch",
    "destroy", "damag", "evacu", "sentenc", "charg", "fine", "ban", "sanction", "deal", "agre", "sign", "vote",
    "elect", "resign", "missil", "drone", "bomb", "shell", "troop", "billion", "million", "percent", "cede", "neutral",
    "annex", "violat", "ceasefir", "surrend", "captur", "seiz", "drown", "murder", "hostag", "flee", "fled",
];

/// Whether a normalised word names a substantive action or quantity.
pub fn is_substance(form: &str) -> bool {
    SUBSTANCE_WORDS.iter().any(|w| form.starts_with(w))
}

/// How much substance a sentence carries (numbers, casualties, demands, named actions).
fn substance(story: &Story<'_>, i: usize) -> f64 {
    let s = &story.sents[i];
    let mut score = 0.0;
    score += 1.5 * s.numbers.len().min(2) as f64;
    let hits = s.substance_words;
    score += hits.min(3) as f64;
    score += 0.3 * s.names.len().min(3) as f64;
    score
}

/// Single-source details: substantive sentences that no other report aligns with, related to
/// the story (sharing words used by two or more reports).
pub fn single_source(story: &Story<'_>, sims: &Sims, groups: &[Group]) -> Vec<SingleSourceDetail> {
    let grouped: BTreeSet<usize> = groups.iter().flat_map(|g| g.members.iter().copied()).collect();
    // Words that two or more independent reports use: the story's core vocabulary.
    let mut arts_of: std::collections::HashMap<Tok, BTreeSet<usize>> = std::collections::HashMap::new();
    for s in &story.sents {
        if story.independent[s.art] {
            for t in &s.tokens {
                arts_of.entry(*t).or_default().insert(s.art);
            }
        }
    }
    let n_arts = story.independent.iter().filter(|&&b| b).count();
    if n_arts < 2 {
        return Vec::new();
    }
    let mut cands: Vec<(f64, usize)> = Vec::new();
    for (i, s) in story.sents.iter().enumerate() {
        if !story.independent[s.art] || grouped.contains(&i) || !usable(story, i) {
            continue;
        }
        if sims.best_other[i] >= UNIQUE_MAX {
            continue;
        }
        let core = s.tokens.iter().filter(|t| arts_of.get(t).is_some_and(|a| a.len() >= 2)).count();
        if core < 2 {
            continue;
        }
        let sub = substance(story, i);
        if sub < 2.5 || s.numbers.is_empty() && sub < 3.5 {
            continue;
        }
        let rel = core as f64 / s.tokens.len().max(1) as f64;
        cands.push((sub + 2.0 * rel, i));
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut per_source: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for (_, i) in cands {
        let s = &story.sents[i];
        let c = per_source.entry(s.art).or_default();
        if *c >= 3 {
            continue;
        }
        *c += 1;
        out.push((
            s.art,
            s.start,
            SingleSourceDetail { detail: story.text(s).to_string(), source: story.source(s.art).to_string() },
        ));
        if out.len() >= 12 {
            break;
        }
    }
    out.sort_by_key(|(a, st, _)| (*a, *st));
    out.into_iter().map(|(_, _, d)| d).collect()
}

/// Cited summary: 3 to 6 sentences that the most reports support, without quoted words.
pub fn summary(story: &Story<'_>, sims: &Sims, groups: &[Group]) -> Vec<SummarySentence> {
    let mut chosen: Vec<(usize, usize, SummarySentence)> = Vec::new();
    let mut used: Vec<BTreeSet<Tok>> = Vec::new();
    let mut ranked: Vec<&Group> = groups.iter().collect();
    ranked.sort_by_key(|g| {
        let arts: BTreeSet<usize> = g.members.iter().map(|&i| story.sents[i].art).collect();
        (std::cmp::Reverse(arts.len()), g.members.iter().map(|&i| story.sents[i].idx).min().unwrap_or(0))
    });
    for g in ranked {
        let arts: BTreeSet<usize> = g.members.iter().map(|&i| story.sents[i].art).collect();
        if arts.len() < 2 || chosen.len() >= 6 {
            continue;
        }
        // A plain member (no quotes), most central.
        let mut best: Option<(f64, usize)> = None;
        for &m in &g.members {
            let s = &story.sents[m];
            let text = story.text(s);
            let words = text.split_whitespace().count();
            // A summary sentence must stand alone: no pronoun or connective to resolve first.
            let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
            let dangling = matches!(
                first.as_str(),
                "he" | "she"
                    | "it"
                    | "they"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "and"
                    | "but"
                    | "meanwhile"
                    | "however"
                    | "also"
            );
            if s.quoted || dangling || !(8..=45).contains(&words) || !text.ends_with(['.', '!', '?']) {
                continue;
            }
            let central: f64 = g.members.iter().filter(|&&o| o != m).map(|&o| sims.get(m, o)).sum();
            if best.is_none_or(|(b, _)| central > b) {
                best = Some((central, m));
            }
        }
        let Some((_, m)) = best else { continue };
        let toks = &story.sents[m].tokens;
        if used.iter().any(|u| story.sim(u, toks) > 0.3) {
            continue;
        }
        used.push(toks.clone());
        let s = &story.sents[m];
        chosen.push((
            s.idx,
            s.art,
            SummarySentence { sentence: story.text(s).to_string(), sources: group_sources(story, sims, g) },
        ));
    }
    // Order: as the stories tell it (position in its report).
    chosen.sort_by_key(|(idx, art, _)| (*idx, *art));
    if chosen.len() < 3 {
        return chosen.into_iter().map(|(_, _, s)| s).collect();
    }
    chosen.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::is_whole_clause;

    #[test]
    fn whole_clauses_and_fragments() {
        assert!(is_whole_clause("The mayor proposed a new bridge for the river district on Monday."));
        assert!(is_whole_clause("“We are ready,” Kowal said."));
        assert!(!is_whole_clause("And we expect a clear answer from the council."));
        assert!(!is_whole_clause("but said nothing more about it."));
        assert!(!is_whole_clause("Which it denied."));
        assert!(!is_whole_clause("On Monday."));
        assert!(!is_whole_clause("“We hope that the builders will start soon."));
    }
}
