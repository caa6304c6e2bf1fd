//! Turning the bytes of an article file into text: UTF-8 (with or without
//! BOM), UTF-16 (the VNTC corpus shipped as UTF-16LE), Windows-1258; and a
//! clear refusal for binary files and the legacy Vietnamese font encodings
//! (TCVN3/ABC, VNI) that old portal archives still hold.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};
use std::fmt;

/// Why a file's bytes are not taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
    /// Text in an 8-bit Vietnamese font encoding we do not convert.
    LegacyFont(&'static str),
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotText::Empty => f.write_str("empty file"),
            NotText::Binary => f.write_str("binary file, not text"),
            NotText::LegacyFont(name) => write!(
                f,
                "text in the legacy {name} font encoding; convert it to Unicode (e.g. with UniKey's converter) and index it again"
            ),
        }
    }
}

/// The text of a file and the encoding it was read in.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    #[cfg_attr(not(test), allow(dead_code))]
    pub encoding: &'static str,
}

/// Decodes a whole file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    // A scraped page with a stray bad byte is still UTF-8: read it as such
    // (the bad bytes become U+FFFD) rather than as mojibake in a legacy code page.
    let lossy = String::from_utf8_lossy(bytes);
    let replaced = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    if replaced * 1000 < lossy.chars().count() {
        return Ok(Decoded {
            text: lossy.into_owned(),
            encoding: "UTF-8 (with invalid bytes replaced)",
        });
    }
    if let Some(name) = legacy_font(bytes) {
        return Err(NotText::LegacyFont(name));
    }
    let (text, _, _) = WINDOWS_1258.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1258.name(),
    })
}

/// UTF-16 without a BOM shows as a NUL in every other byte of Latin text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let nul_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Recognises the 8-bit font encodings by their letters: in TCVN3 the
/// Vietnamese letters sit at 0xA1-0xFE and the words "của", "và", "được"
/// come out as "cña", "vµ", "®−îc"; VNI spells vowels as an ASCII letter
/// plus marks in 0xC0-0xFF, so "Việt" is "Vieät", "của" is "cuûa".
fn legacy_font(bytes: &[u8]) -> Option<&'static str> {
    const TCVN3_WORDS: [&[u8]; 5] = [b"c\xf1a", b"v\xb5", b"\xae\xad\xeec", b"n\xb5y", b"\xae\xb7"];
    const VNI_WORDS: [&[u8]; 5] = [
        b"cu\xfba",
        b"\xf1\xf6\xf4\xefc",
        b"Vie\xe4t",
        b"na\xf8y",
        b"ng\xf6\xf4\xf8i",
    ];
    let count = |words: &[&[u8]]| {
        words
            .iter()
            .map(|w| bytes.windows(w.len()).filter(|win| win == w).count())
            .sum::<usize>()
    };
    let (tcvn3, vni) = (count(&TCVN3_WORDS), count(&VNI_WORDS));
    match (tcvn3, vni) {
        (0, 0) => None,
        (t, v) if t >= v => Some("TCVN3 (ABC)"),
        _ => Some("VNI"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Hội nghị".as_bytes()).unwrap().text, "Hội nghị");
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "Hội nghị".as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap().text, "Hội nghị");
    }

    #[test]
    fn utf16_with_bom_and_sniffed() {
        let text = "Thành phố Hồ Chí Minh tổ chức hội nghị";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&[b"\xFF\xFE".as_slice(), &le].concat()).unwrap().text, text);
        assert_eq!(decode(&[b"\xFE\xFF".as_slice(), &be].concat()).unwrap().text, text);
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, text);
    }

    #[test]
    fn windows_1258_is_decoded() {
        // "Hội đồng" in Windows-1258: ô and đ precomposed, tones as combining marks.
        let bytes = b"H\xf4\xf2i \xf0\xf4\xccng nh\xe2n d\xe2n";
        let decoded = decode(bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1258");
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(decoded.text.nfc().collect::<String>(), "Hội đồng nhân dân");
    }

    #[test]
    fn legacy_font_encodings_are_named() {
        // "Ban chấp hành của tỉnh và được" in TCVN3 (ABC).
        let tcvn3 = b"Ban ch\xcap h\xb5nh c\xf1a t\xd8nh v\xb5 \xae\xad\xeec";
        assert_eq!(decode(tcvn3).unwrap_err(), NotText::LegacyFont("TCVN3 (ABC)"));
        // "Việt Nam của người dân" in VNI.
        let vni = b"Vie\xe4t Nam cu\xfba ng\xf6\xf4\xf8i da\xe2n";
        assert_eq!(decode(vni).unwrap_err(), NotText::LegacyFont("VNI"));
    }

    #[test]
    fn a_stray_bad_byte_does_not_turn_utf8_into_mojibake() {
        let mut bytes = "Hội nghị tỉnh Thanh Hóa bàn kế hoạch phát triển kinh tế năm 2024. "
            .repeat(20)
            .into_bytes();
        bytes.insert(40, 0xFF);
        let decoded = decode(&bytes).unwrap();
        assert!(decoded.text.contains("Thanh Hóa"));
        assert!(decoded.encoding.starts_with("UTF-8"));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"  \n").unwrap_err(), NotText::Empty);
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x01\x02").unwrap_err(),
            NotText::Binary
        );
    }
}
