//! Byte → text decoding with BOM sniffing, a Windows-1252 fallback and binary detection.

use crate::IngestError;

/// Decodes bytes to text: BOM (UTF-8 / UTF-16), else UTF-8, else a charset declared in an
/// HTML `<meta>` tag, else Windows-1252. Line ends are normalised to `\n`.
/// Binary content (NUL bytes or many control characters) is an error.
pub fn decode_text(bytes: &[u8]) -> Result<String, IngestError> {
    let text = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        t.into_owned()
    } else {
        check_binary(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let enc = declared_charset(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
                let (t, _, _) = enc.decode(bytes);
                t.into_owned()
            }
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(text)
}

fn check_binary(bytes: &[u8]) -> Result<(), IngestError> {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Err(IngestError::Binary("contains NUL bytes".into()));
    }
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if control * 20 > sample.len().max(1) {
        return Err(IngestError::Binary(format!("{control} control bytes in the first {} bytes", sample.len())));
    }
    Ok(())
}

/// Charset declared by the XML prolog (`<?xml ... encoding="..."?>`), else by
/// `<meta charset=...>` or `http-equiv` content, in the first 4 KiB.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    xml_declared(&head).or_else(|| label_after(&head, "charset="))
}

/// The `encoding` pseudo-attribute of an XML declaration at the start of `head`.
fn xml_declared(head: &str) -> Option<&'static encoding_rs::Encoding> {
    let decl = head.trim_start_matches('\u{feff}').trim_start();
    if !decl.starts_with("<?xml") {
        return None;
    }
    let decl = &decl[..decl.find("?>")?];
    label_after(decl, "encoding=")
}

fn label_after(head: &str, key: &str) -> Option<&'static encoding_rs::Encoding> {
    let i = head.find(key)?;
    let rest = head[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
    let label: String =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')).collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_latin1() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi\r\nthere").unwrap(), "hi\nthere");
        assert_eq!(decode_text(b"caf\xe9 \x93ok\x94").unwrap(), "café “ok”");
        assert_eq!(decode_text(b"\xFF\xFEh\0i\0").unwrap(), "hi");
    }

    #[test]
    fn xml_prolog_encoding_is_honoured() {
        // "Mãe" in ISO-8859-1 and "Мир" in windows-1251, each declared in the prolog.
        let latin = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss><t>M\xe3e</t></rss>";
        assert!(decode_text(latin).unwrap().contains("M\u{e3}e"));
        let cyr = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><t>\xcc\xe8\xf0</t></rss>";
        assert!(decode_text(cyr).unwrap().contains("\u{41c}\u{438}\u{440}"));
    }
}
