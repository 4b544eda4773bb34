//! HTML character references: the named entities real-world feeds and metadata carry
//! (all of Latin-1 plus common typography) and numeric references.

/// Latin-1 entity names for U+00A0..=U+00FF, in code point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Other named entities seen in the wild.
const OTHER: [(&str, u32); 46] = [
    ("quot", 34),
    ("amp", 38),
    ("apos", 39),
    ("lt", 60),
    ("gt", 62),
    ("OElig", 338),
    ("oelig", 339),
    ("Scaron", 352),
    ("scaron", 353),
    ("Yuml", 376),
    ("fnof", 402),
    ("circ", 710),
    ("tilde", 732),
    ("ensp", 8194),
    ("emsp", 8195),
    ("thinsp", 8201),
    ("zwnj", 8204),
    ("zwj", 8205),
    ("lrm", 8206),
    ("rlm", 8207),
    ("ndash", 8211),
    ("mdash", 8212),
    ("lsquo", 8216),
    ("rsquo", 8217),
    ("sbquo", 8218),
    ("ldquo", 8220),
    ("rdquo", 8221),
    ("bdquo", 8222),
    ("dagger", 8224),
    ("Dagger", 8225),
    ("bull", 8226),
    ("hellip", 8230),
    ("permil", 8240),
    ("prime", 8242),
    ("Prime", 8243),
    ("lsaquo", 8249),
    ("rsaquo", 8250),
    ("euro", 8364),
    ("trade", 8482),
    ("larr", 8592),
    ("rarr", 8594),
    ("minus", 8722),
    ("nbhy", 8209),
    ("Ccaron", 268),
    ("ccaron", 269),
    ("hyphen", 8208),
];

/// The character a named entity stands for (`"eacute"` → `é`), if known.
pub fn named_entity(name: &str) -> Option<char> {
    if let Some(k) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + k as u32);
    }
    OTHER.iter().find(|(n, _)| *n == name).and_then(|(_, c)| char::from_u32(*c))
}

/// Parses a character reference starting right after `&` (`eacute;`, `#233;`, `#xE9;`):
/// the character and the length consumed (including the `;`).
pub fn parse_reference(rest: &str) -> Option<(char, usize)> {
    let end = rest.char_indices().take(33).find(|&(_, c)| c == ';').map(|(i, _)| i)?;
    let name = &rest[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // Windows-1252 code points written as numeric references (&#146;).
        let code = if (0x80..0xA0).contains(&code) { cp1252(code) } else { code };
        char::from_u32(code)?
    } else {
        named_entity(name)?
    };
    Some((c, end + 1))
}

fn cp1252(code: u32) -> u32 {
    const MAP: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D,
        0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D,
        0x17E, 0x178,
    ];
    MAP[(code - 0x80) as usize]
}

/// Decodes named and numeric character references; unknown ones are kept as written.
/// Applied twice-escaped text (`&amp;eacute;`) is decoded one level only.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match parse_reference(rest) {
            Some((c, len)) => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = &rest[len..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_unknown() {
        assert_eq!(decode_entities("R&uuml;ckbau &amp; Co&nbsp;&#8211; &#x41;&#146;s"), "Rückbau & Co – A’s");
        assert_eq!(decode_entities("AT&T &bogus; &"), "AT&T &bogus; &");
        assert_eq!(decode_entities("&amp;eacute;"), "&eacute;");
        assert_eq!(named_entity("yuml"), Some('ÿ'));
        assert_eq!(named_entity("nbsp"), Some('\u{a0}'));
    }
}
