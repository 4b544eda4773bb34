//! Metadata helpers shared by the text and HTML extractors.

/// Detects the language of a text (ISO 639-1), when reliable.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    Some(lang_code(info.lang()).to_string())
}

fn lang_code(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Heb => "he",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Nob => "no",
        Ell => "el",
        Hun => "hu",
        Ron => "ro",
        Hin => "hi",
        Pes => "fa",
        other => other.code(),
    }
}
