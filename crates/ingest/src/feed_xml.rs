//! Repairs the real-world breakage of feed XML before parsing: the declared encoding (the
//! text is already decoded), illegal control characters, undeclared HTML entities, bare `&`,
//! missing or odd `version` attributes, and namespaces the parser does not know (RSS 2.0
//! under the Userland namespace, RSS 0.90 under Netscape's, Atom 0.3).

use parallax_core::entities::parse_reference;

const RSS1_NS: &str = "http://purl.org/rss/1.0/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Namespace URIs that mean RSS or Atom but that the parser does not recognise.
const NS_ALIASES: [(&str, &str); 6] = [
    ("http://backend.userland.com/rss2", RSS1_NS),
    ("http://backend.userland.com/rss", RSS1_NS),
    ("http://my.netscape.com/rdf/simple/0.9/", RSS1_NS),
    ("http://channel.netscape.com/rdf/simple/0.9/", RSS1_NS),
    ("http://purl.org/atom/ns#", ATOM_NS),
    ("https://www.w3.org/2005/Atom", ATOM_NS),
];

/// Returns XML the feed parser accepts, meaning the same as `text`.
pub fn repair(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    // Characters XML forbids go first: removing them could otherwise assemble a declaration.
    let legal: String = text.chars().filter(|c| legal_xml_char(*c)).collect();
    let text = strip_declaration(&legal);
    let mut out = clean_chars_and_entities(&text);
    for (from, to) in NS_ALIASES {
        if out.contains(from) {
            out = out
                .replace(&format!("\"{from}\""), &format!("\"{to}\""))
                .replace(&format!("'{from}'"), &format!("'{to}'"));
        }
    }
    let atom03 = text.contains("http://purl.org/atom/ns#");
    let mut out = fix_root(&out);
    if atom03 {
        for (old, new) in [("issued>", "published>"), ("modified>", "updated>")] {
            out = out.replace(&format!("<{old}"), &format!("<{new}")).replace(&format!("</{old}"), &format!("</{new}"));
        }
    }
    out
}

/// Drops XML declarations: the text is already decoded, so a declared encoding would make
/// the parser decode it a second time, and a stray second declaration further down makes
/// the parser panic when it switches encodings mid-stream.
fn strip_declaration(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = find_ignore_case(rest, "<?xml") {
        let after = &rest[i + 5..];
        let is_decl = after.starts_with(|c: char| c.is_whitespace() || c == '?');
        match after.find("?>") {
            Some(end) if is_decl => {
                out.push_str(&rest[..i]);
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str(&rest[..i + 5]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim_start().to_string()
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn legal_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Removes characters XML forbids and rewrites references the parser would reject: HTML
/// named entities become numeric references, a bare `&` becomes `&amp;`. CDATA is kept as is.
fn clean_chars_and_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").map_or(cdata.len(), |e| e + 3);
            out.push_str("<![CDATA[");
            out.extend(cdata[..end].chars().filter(|c| legal_xml_char(*c)));
            rest = &cdata[end..];
            continue;
        }
        let next = rest.find(['&', '<']).unwrap_or(rest.len());
        out.extend(rest[..next].chars().filter(|c| legal_xml_char(*c)));
        rest = &rest[next..];
        if let Some(after) = rest.strip_prefix('&') {
            rest = push_reference(after, &mut out);
        } else if !rest.is_empty() && !rest.starts_with("<![CDATA[") {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out
}

/// Writes a reference for the text after `&`, returning what follows it.
fn push_reference<'a>(after: &'a str, out: &mut String) -> &'a str {
    let name_len = after.find(';').filter(|&i| i <= 32).unwrap_or(0);
    let name = &after[..name_len];
    if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") {
        out.push('&');
        return after;
    }
    match parse_reference(after) {
        Some((c, len)) if legal_xml_char(c) => {
            out.push_str(&format!("&#{};", c as u32));
            &after[len..]
        }
        Some((_, len)) => &after[len..],
        None => {
            out.push_str("&amp;");
            after
        }
    }
}

/// Gives `<rss>` a version the parser knows and no default namespace (RSS 2.0 has none);
/// gives `<feed>` the Atom namespace.
fn fix_root(xml: &str) -> String {
    let Some((start, end)) = root_tag(xml) else { return xml.to_string() };
    let tag = &xml[start..end];
    let name: String = tag[1..].chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    let fixed = match local.as_str() {
        "rss" => {
            let version = attr_value(tag, "version");
            let mut t = remove_attr(&remove_attr(tag, "version"), "xmlns");
            let v = match version.as_deref().map(str::trim) {
                Some(v @ ("0.91" | "0.92")) => v.to_string(),
                _ => "2.0".to_string(),
            };
            t.insert_str(1 + name.len(), &format!(" version=\"{v}\""));
            if name != "rss" {
                t = t.replacen(&name, "rss", 1);
            }
            t
        }
        "feed" if !name.contains(':') && attr_value(tag, "xmlns").as_deref() != Some(ATOM_NS) => {
            let mut t = remove_attr(tag, "xmlns");
            t.insert_str(1 + name.len(), &format!(" xmlns=\"{ATOM_NS}\""));
            t
        }
        _ => return xml.to_string(),
    };
    format!("{}{}{}", &xml[..start], fixed, &xml[end..])
}

/// Byte span of the root element's start tag (after comments, doctype, processing instructions).
pub(crate) fn root_tag(xml: &str) -> Option<(usize, usize)> {
    let mut pos = 0;
    loop {
        let lt = pos + xml[pos..].find('<')?;
        let rest = &xml[lt..];
        if rest.starts_with("<!--") {
            pos = lt + rest.find("-->")? + 3;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            pos = lt + rest.find('>')? + 1;
        } else {
            return Some((lt, lt + rest.find('>')? + 1));
        }
    }
}

/// Value of attribute `name` in a start tag.
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let (s, e) = attr_span(tag, name)?;
    let a = &tag[s..e];
    let v = a.split_once('=')?.1.trim();
    Some(v.trim_matches(['"', '\'']).to_string())
}

fn remove_attr(tag: &str, name: &str) -> String {
    match attr_span(tag, name) {
        Some((s, e)) => format!("{}{}", tag[..s].trim_end(), &tag[e..]),
        None => tag.to_string(),
    }
}

/// Span of ` name="value"` (exact attribute name, not a prefix of another one).
fn attr_span(tag: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name).map(|i| i + from) {
        let before = tag[..i].chars().last();
        let after = tag[i + name.len()..].trim_start();
        if before.is_some_and(char::is_whitespace) && after.starts_with('=') {
            let val = after[1..].trim_start();
            let q = val.chars().next()?;
            let val_start = tag.len() - val.len();
            let val_end = if q == '"' || q == '\'' {
                val_start + 1 + val[1..].find(q)? + 1
            } else {
                val_start + val.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(val.len())
            };
            return Some((i, val_end));
        }
        from = i + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs() {
        let x = repair(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss xmlns=\"http://backend.userland.com/rss2\"><t>a&nbsp;b &copy; AT&T \u{1}&#1;</t><![CDATA[&nbsp;]]></rss>",
        );
        assert_eq!(x, "<rss version=\"2.0\"><t>a&#160;b &#169; AT&amp;T </t><![CDATA[&nbsp;]]></rss>");
        assert_eq!(repair("<rss version='0.91'>"), "<rss version=\"0.91\">");
        assert_eq!(
            repair("<!-- c --><rss version=\"2.0.1\" xmlns:dc=\"x\">"),
            "<!-- c --><rss version=\"2.0\" xmlns:dc=\"x\">"
        );
        assert_eq!(
            repair("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><issued>x</issued>"),
            format!("<feed version=\"0.3\" xmlns=\"{ATOM_NS}\"><published>x</published>")
        );
    }
}
