//! Charset of an HTTP body: a byte-order mark, else the `Content-Type` charset, else what the
//! content declares (`<meta charset>`, `<?xml encoding=...?>`), else UTF-8 with a
//! Windows-1252 fallback ([`parallax_ingest::decode_text`]).

use encoding_rs::Encoding;
use parallax_ingest::IngestError;

/// The charset named by a `Content-Type` header value.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    let label = lower[i + 8..].trim_start_matches(['"', '\'']).split([';', '"', '\'', ' ']).next()?;
    Encoding::for_label(label.as_bytes())
}

/// The encoding an XML declaration names (`<?xml version="1.0" encoding="..."?>`).
pub fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    let decl = &head[head.find("<?xml")?..];
    let decl = &decl[..decl.find("?>")?];
    let rest = &decl[decl.find("encoding=")? + 9..];
    let label = rest.trim_start_matches(['"', '\'']).split(['"', '\'']).next()?;
    Encoding::for_label(label.as_bytes())
}

/// Decodes a body to text (see the module documentation).
pub fn decode_body(bytes: &[u8], content_type: Option<&str>) -> Result<String, IngestError> {
    let gunzipped = parallax_ingest::maybe_gunzip(bytes)?;
    let bytes = gunzipped.as_ref();
    if Encoding::for_bom(bytes).is_some() {
        return parallax_ingest::decode_text(bytes);
    }
    let declared = content_type.and_then(header_charset).or_else(|| xml_encoding(bytes));
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            // The same checks and normalisation as for files, on the decoded text.
            parallax_ingest::decode_text(text.as_bytes())
        }
        _ => parallax_ingest::decode_text(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_content_then_fallback() {
        let latin = b"<p>caf\xe9</p>";
        assert_eq!(decode_body(latin, Some("text/html; charset=ISO-8859-1")).unwrap(), "<p>café</p>");
        // KOI8-R declared in the header wins over the UTF-8 fallback.
        assert_eq!(decode_body(b"\xf0\xd2\xc9", Some("text/plain; charset=\"koi8-r\"")).unwrap(), "При");
        let xml = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>\xcf\xf0\xe8</rss>";
        assert!(decode_body(xml, Some("application/rss+xml")).unwrap().contains("<rss>При</rss>"));
        let meta = b"<html><head><meta charset=\"iso-8859-15\"></head><body>\xa4 5</body></html>";
        assert!(decode_body(meta, Some("text/html")).unwrap().contains("€ 5"));
        assert_eq!(decode_body("naïve".as_bytes(), None).unwrap(), "naïve");
        assert!(decode_body(b"\0\0\0\x01", None).is_err());
    }
}
