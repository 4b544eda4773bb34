//! Minimum-content rules for plain-text inputs (documented in `docs/minimum-content.md`):
//! a file that cannot be a news article is skipped with the reason instead of becoming a
//! one-article "story".

/// Fewest words a plain-text input needs to be read as an article.
pub const MIN_TEXT_WORDS: usize = 25;
/// Longest line a plain-text article may have (a whole article on one line is ~20 000).
pub const MAX_LINE_CHARS: usize = 100_000;

/// Why a plain-text input is not an article, or `None` when it may be one.
pub fn junk_reason(text: &str) -> Option<String> {
    if line_chars(text) > MAX_LINE_CHARS {
        return Some(format!("a line of over {MAX_LINE_CHARS} characters (data or a dump, not prose)"));
    }
    if let Some(d) = tabular(text) {
        return Some(format!("tabular data ('{}'-separated columns), not prose", d.escape_default()));
    }
    if markdown_doc(text) {
        return Some("a Markdown document (README or documentation), not an article".into());
    }
    let words = text.split_whitespace().take(MIN_TEXT_WORDS).count();
    if words < MIN_TEXT_WORDS {
        return Some(format!("too short ({words} word(s); an article needs at least {MIN_TEXT_WORDS})"));
    }
    None
}

/// Characters of the longest line (counted only for lines long in bytes).
fn line_chars(text: &str) -> usize {
    text.split('\n').filter(|l| l.len() > MAX_LINE_CHARS).map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The column separator when every line (of the first 50) has the same number (≥ 2) of it
/// and the lines do not read as sentences.
fn tabular(text: &str) -> Option<char> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(50).collect();
    let sentences = lines.iter().filter(|l| l.ends_with(['.', '!', '?', '"', '”', '»'])).count();
    if sentences * 5 > lines.len() {
        return None;
    }
    let min = if lines.len() == 1 { 3 } else { 2 };
    [',', ';', '\t', '|'].into_iter().find(|&d| {
        let first = lines.first().map_or(0, |l| l.matches(d).count());
        first >= min && lines.iter().all(|l| l.matches(d).count() == first) && short_fields(&lines, d)
    })
}

/// Whether most fields hold at most three words (prose clauses between commas are longer).
fn short_fields(lines: &[&str], d: char) -> bool {
    let (mut short, mut all) = (0, 0);
    for f in lines.iter().flat_map(|l| l.split(d)) {
        all += 1;
        short += usize::from(f.split_whitespace().count() <= 3);
    }
    short * 4 >= all * 3
}

/// README-like Markdown: headings plus code fences, badges or many Markdown links.
fn markdown_doc(text: &str) -> bool {
    let mut headings = 0;
    let mut fences = 0;
    let mut links = 0;
    let mut readme_words = 0;
    for line in text.lines().take(400) {
        let l = line.trim_start();
        if l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ") {
            headings += 1;
            let h = l.trim_start_matches('#').trim().to_lowercase();
            if ["install", "usage", "license", "licence", "build", "getting started", "contributing", "requirements"]
                .iter()
                .any(|w| h.starts_with(w))
            {
                readme_words += 1;
            }
        }
        if l.starts_with("```") || l.starts_with("~~~") {
            fences += 1;
        }
        links += l.matches("](").count();
    }
    (headings >= 2 && (readme_words >= 1 || fences >= 2 || links >= 3)) || fences >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The council met on Tuesday evening to discuss the new budget. Members argued for \
        two hours about the cost of repairing the old bridge, and the mayor said a decision would come next week.";

    #[test]
    fn junk_classes() {
        assert!(junk_reason("hello").unwrap().starts_with("too short"));
        let csv = "id,name,city,score,when,notes,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z\n";
        assert!(junk_reason(&csv.repeat(3)).unwrap().starts_with("tabular"));
        let one_line_csv = "alpha beta,gamma delta,epsilon zeta,eta theta,iota kappa,lambda mu,nu xi,omicron pi,rho sigma,tau upsilon,phi chi,psi omega,one two";
        assert!(junk_reason(one_line_csv).unwrap().starts_with("tabular"), "{:?}", junk_reason(one_line_csv));
        let readme = format!(
            "# tool\n\nA small tool. {PROSE}\n\n## Installation\n\n```\ncargo install tool\n```\n\n## Usage\n\nRun it.\n"
        );
        assert!(junk_reason(&readme).unwrap().contains("Markdown"));
        let long = "word ".repeat(30_000);
        assert!(junk_reason(&long).unwrap().contains("a line of over"));
        assert_eq!(junk_reason(PROSE), None);
        assert_eq!(junk_reason(&format!("Headline here\n\n{PROSE}\n\n{PROSE}")), None);
    }
}
