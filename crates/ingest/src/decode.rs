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

/// Charset declared by `<meta charset=...>` or `http-equiv` content in the first 4 KiB.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let i = head.find("charset=")?;
    let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
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
}
