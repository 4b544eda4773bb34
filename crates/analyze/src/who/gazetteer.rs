//! Gazetteers loaded from the data files under `crates/analyze/data` (see `data/README.md`).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// What a gazetteer knows about a surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// A country (canonical name).
    Country(String),
    /// A capital: (capital name, canonical country name).
    Capital(String, String),
    /// A city (canonical name as written in the text is kept; this is the gazetteer's name).
    City(String),
    /// An organisation (canonical name).
    Organisation(String),
    /// A news agency (canonical name).
    Agency(String),
}

/// All gazetteers. Look-up tables are hashed (they are only queried, never walked in order);
/// platforms stay ordered because they are scanned in order.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Surface form → what it is.
    pub names: HashMap<String, Known>,
    /// Demonyms ("Russian") → country.
    pub demonyms: HashMap<String, String>,
    /// Honorifics / titles before a name ("Mr", "President", "Prime Minister").
    pub honorifics: HashSet<String>,
    /// Lower-case role nouns ("spokesman", "special envoy").
    pub roles: HashSet<String>,
    /// Reporting verb form → base form.
    pub verbs: HashMap<String, String>,
    /// Present-tense forms that are mostly nouns ("calls", "notes"): cues only right after
    /// their subject ("Smith notes", "she adds").
    pub subject_verbs: HashMap<String, String>,
    /// Platforms ("X", "Truth Social") surface → canonical.
    pub platforms: BTreeMap<String, String>,
    /// Capitalised words that are never entities alone.
    pub stopwords: HashSet<String>,
    /// Given names → the gender they are most often used for ('m' or 'f').
    pub first_names: HashMap<String, char>,
    /// Common given names (any gender, English words left out): evidence of a person's name,
    /// with the names of `first_names` (which also takes those used for one gender only).
    pub given_names: HashSet<String>,
    /// Short given name (lower case) → its formal name (lower case): "jim" → "james".
    pub nicknames: HashMap<String, String>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    fn load() -> Self {
        let mut g = Gazetteer::default();
        // Cities first, so that countries, capitals and organisations override them.
        for l in lines(include_str!("../../data/cities.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 2 {
                continue;
            }
            let name = f[0].to_string();
            let mut forms = vec![f[0]];
            if let Some(alts) = f.get(3) {
                forms.extend(alts.split('|').filter(|a| !a.is_empty()));
            }
            for form in forms {
                g.names.entry(form.to_string()).or_insert_with(|| Known::City(name.clone()));
            }
        }
        for l in lines(include_str!("../../data/countries.tsv")) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let country = f[0].to_string();
            for cap in f[2].split('|').filter(|c| !c.is_empty()) {
                g.names.insert(cap.to_string(), Known::Capital(cap.to_string(), country.clone()));
                // "Washington D.C." is also written "Washington".
                if let Some(short) = cap.strip_suffix(" D.C.") {
                    g.names.insert(short.to_string(), Known::Capital(short.to_string(), country.clone()));
                }
            }
            for d in f[3].split('|').filter(|c| !c.is_empty()) {
                g.demonyms.entry(d.to_string()).or_insert_with(|| country.clone());
            }
            g.names.insert(country.clone(), Known::Country(country.clone()));
            // Alternative names; codes of two or three capitals are too ambiguous alone
            // ("TV", "AI"): short forms come from country_short_forms.txt.
            for a in f[4].split('|').filter(|c| !c.is_empty()) {
                if a.chars().count() <= 3 && a.chars().all(|c| c.is_ascii_uppercase()) {
                    continue;
                }
                g.names.entry(a.to_string()).or_insert_with(|| Known::Country(country.clone()));
            }
        }
        // US states: places, after countries ("Georgia" stays the country).
        for l in lines(include_str!("../../data/places.tsv")) {
            let mut f = l.split('\t');
            if let (Some(name), Some("state")) = (f.next(), f.next()) {
                g.names.entry(name.to_string()).or_insert_with(|| Known::City(name.to_string()));
            }
        }
        for l in lines(include_str!("../../data/country_short_forms.txt")) {
            if let Some((short, long)) = l.split_once('|')
                && matches!(g.names.get(long.trim()), Some(Known::Country(_)))
            {
                g.names.insert(short.trim().to_string(), Known::Country(long.trim().to_string()));
            }
        }
        for l in lines(include_str!("../../data/organisations.txt")) {
            let mut forms = l.split('|').map(str::trim);
            let canon = forms.next().unwrap_or_default().to_string();
            g.names.insert(canon.clone(), Known::Organisation(canon.clone()));
            for f in forms {
                g.names.insert(f.to_string(), Known::Organisation(canon.clone()));
            }
        }
        for l in lines(include_str!("../../data/agencies.txt")) {
            let mut forms = l.split('|').map(str::trim);
            let canon = forms.next().unwrap_or_default().to_string();
            g.names.insert(canon.clone(), Known::Agency(canon.clone()));
            for f in forms {
                g.names.insert(f.to_string(), Known::Agency(canon.clone()));
            }
        }
        g.honorifics = lines(include_str!("../../data/honorifics.txt")).map(|s| s.trim().to_string()).collect();
        g.roles = lines(include_str!("../../data/roles.txt")).map(|s| s.trim().to_string()).collect();
        // Base forms ("state", "report") and some -s/-ing forms are mostly nouns in news text:
        // only the forms that are nearly always verbs attribute quotes.
        const NOUN_LIKE: &[&str] = &[
            "states",
            "notes",
            "claims",
            "reports",
            "calls",
            "points",
            "orders",
            "posts",
            "comments",
            "remarks",
            "answers",
            "replies",
            "demands",
            "hopes",
            "counters",
            "signals",
            "tweets",
            "promises",
            "pledges",
            "vows",
            "reporting",
            "posting",
            "calling",
            "ordering",
            "pointing",
            "signaling",
            "signalling",
            "hoping",
            "thinking",
            "continues",
            "continuing",
            "repeats",
            "cries",
            "jokes",
            "quips",
            "shouts",
            "whispers",
            "boasts",
            "touts",
            "tells",
            "adds",
            "answering",
            "stating",
            "thought",
            "believes",
            "believed",
        ];
        for l in lines(include_str!("../../data/reporting_verbs.txt")) {
            let forms: Vec<&str> = l.split('|').map(str::trim).collect();
            for f in forms.iter().skip(1) {
                if !NOUN_LIKE.contains(f) {
                    g.verbs.insert(f.to_string(), forms[0].to_string());
                } else if f.ends_with('s') {
                    g.subject_verbs.insert(f.to_string(), forms[0].to_string());
                }
            }
        }
        for l in lines(include_str!("../../data/platforms.txt")) {
            let mut forms = l.split('|').map(str::trim);
            let canon = forms.next().unwrap_or_default().to_string();
            g.platforms.insert(canon.clone(), canon.clone());
            for f in forms {
                g.platforms.insert(f.to_string(), canon.clone());
            }
        }
        g.stopwords =
            lines(include_str!("../../data/capitalised_stopwords.txt")).map(|s| s.trim().to_string()).collect();
        for l in lines(include_str!("../../data/nicknames.txt")) {
            let mut ws = l.split_whitespace().map(str::to_lowercase);
            let Some(formal) = ws.next() else { continue };
            // A short form of two formal names (Steve: Steven, Stephen) keeps the first.
            for w in ws {
                g.nicknames.entry(w).or_insert_with(|| formal.clone());
            }
        }
        for l in lines(include_str!("../../data/first_names.txt")) {
            let mut ws = l.split_whitespace();
            let Some(gender) = ws.next().and_then(|g| g.chars().next()) else { continue };
            g.first_names.extend(ws.map(|n| (n.to_string(), gender)));
        }
        g.given_names = g.first_names.keys().cloned().collect();
        for l in lines(include_str!("../../data/given_names.txt")) {
            let mut ws = l.split_whitespace();
            let gender = ws.next().and_then(|g| g.chars().next()).filter(|g| matches!(g, 'm' | 'f'));
            for name in ws {
                g.given_names.insert(name.to_string());
                if let Some(gender) = gender {
                    g.first_names.entry(name.to_string()).or_insert(gender);
                }
            }
        }
        g
    }

    /// The process-wide gazetteer.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    /// A noun-like present form ("tells", "notes"): a cue only right after its subject.
    pub fn subject_verb(&self, w: &str) -> Option<&str> {
        self.subject_verbs.get(w).map(String::as_str)
    }

    /// Whether `w` (any case) is a reporting verb form.
    pub fn verb(&self, w: &str) -> Option<&str> {
        if let Some(v) = self.verbs.get(w) {
            return Some(v);
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            return self.verbs.get(&w.to_lowercase()).map(String::as_str);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_data_files() {
        let g = Gazetteer::get();
        assert!(matches!(g.names.get("Paris"), Some(Known::Capital(_, c)) if c == "France"));
        assert!(matches!(g.names.get("U.S."), Some(Known::Country(c)) if c == "United States"));
        assert_eq!(g.demonyms.get("French").map(String::as_str), Some("France"));
        assert!(matches!(g.names.get("Reuters"), Some(Known::Agency(_))));
        assert_eq!(g.verb("said"), Some("say"));
        assert_eq!(g.verb("state"), None);
        assert!(g.honorifics.contains("Mr"));
    }
}
