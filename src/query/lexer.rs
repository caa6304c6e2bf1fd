//! Splitting what a user types into the pieces of the query language:
//! words, "quoted phrases", operators, parentheses, signs and field prefixes.
//!
//! Lenient by design: an unclosed quote runs to the end of the query, and
//! nothing typed is ever an error here.

/// Field names a user may write before a colon.
pub const QUERYABLE_FIELDS: [&str; 4] = ["title", "body", "source", "id"];

/// One piece of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A run of text between white space, quotes and parentheses.
    Word(&'a str),
    /// The text between double quotes (straight or curly).
    Phrase(&'a str),
    And,
    Or,
    Not,
    /// `-` before a word, phrase or group: excluded.
    Minus,
    /// `+` before a word, phrase or group: required (as a plain word is).
    Plus,
    /// `title:`, `body:`, `source:`, `id:`.
    Field(&'a str),
    Open,
    Close,
    /// `*`: every article.
    All,
}

const OPENING_QUOTES: [char; 3] = ['"', '“', '„'];
const CLOSING_QUOTES: [char; 2] = ['"', '”'];

fn is_quote(c: char) -> bool {
    OPENING_QUOTES.contains(&c) || CLOSING_QUOTES.contains(&c)
}

/// The pieces of `text`, in order.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            break;
        };
        if OPENING_QUOTES.contains(&first) || CLOSING_QUOTES.contains(&first) {
            let inner = &rest[first.len_utf8()..];
            let end = inner.find(|c: char| CLOSING_QUOTES.contains(&c) || c == '"');
            let (phrase, after) = match end {
                Some(at) => {
                    let quote = inner[at..].chars().next().map_or(1, char::len_utf8);
                    (&inner[..at], &inner[at + quote..])
                }
                None => (inner, ""),
            };
            out.push(Piece::Phrase(phrase));
            rest = after;
            continue;
        }
        match first {
            '(' => {
                out.push(Piece::Open);
                rest = &rest[1..];
                continue;
            }
            ')' => {
                out.push(Piece::Close);
                rest = &rest[1..];
                continue;
            }
            _ => {}
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || is_quote(c) || c == '(' || c == ')')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        push_word(word, rest, &mut out);
    }
    out
}

/// Classifies one run of text; `after` is what follows it (a sign or a
/// field binds to a phrase or group right after it).
fn push_word<'a>(word: &'a str, after: &str, out: &mut Vec<Piece<'a>>) {
    let binds_next = after.trim_start().starts_with(|c: char| is_quote(c) || c == '(');
    match word {
        "AND" | "&&" => return out.push(Piece::And),
        "OR" | "||" => return out.push(Piece::Or),
        "NOT" => return out.push(Piece::Not),
        "*" => return out.push(Piece::All),
        // A dash standing alone joins compounds ("kinh tế - xã hội"); it
        // excludes only what it is attached to.
        "-" | "+" if !binds_next => return,
        "-" => return out.push(Piece::Minus),
        "+" => return out.push(Piece::Plus),
        _ => {}
    }
    if let Some(rest) = word.strip_prefix('-').filter(|r| !r.is_empty() && !r.starts_with('-')) {
        out.push(Piece::Minus);
        return push_word(rest, after, out);
    }
    if let Some(rest) = word.strip_prefix('+').filter(|r| !r.is_empty()) {
        out.push(Piece::Plus);
        return push_word(rest, after, out);
    }
    if let Some((field, value)) = word.split_once(':') {
        if QUERYABLE_FIELDS.contains(&field) {
            out.push(Piece::Field(field));
            if !value.is_empty() {
                push_word(value, after, out);
            }
            return;
        }
    }
    out.push(Piece::Word(word));
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::*;

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(
            pieces("bí thư AND \"Nghệ An\" OR NOT x"),
            [Word("bí"), Word("thư"), And, Phrase("Nghệ An"), Or, Not, Word("x")]
        );
        assert_eq!(pieces("“Biển Đông” y"), [Phrase("Biển Đông"), Word("y")]);
        assert_eq!(pieces("\"thanh hoa"), [Phrase("thanh hoa")], "unclosed: to the end");
        assert_eq!(pieces("or and not"), [Word("or"), Word("and"), Word("not")]);
    }

    #[test]
    fn signs_fields_and_groups() {
        assert_eq!(pieces("-Trung Quốc"), [Minus, Word("Trung"), Word("Quốc")]);
        assert_eq!(pieces("+a -\"b c\""), [Plus, Word("a"), Minus, Phrase("b c")]);
        assert_eq!(pieces("- \"tin cũ\""), [Minus, Phrase("tin cũ")]);
        assert_eq!(
            pieces("kinh tế - xã hội"),
            [Word("kinh"), Word("tế"), Word("xã"), Word("hội")]
        );
        assert_eq!(pieces("title:bí thư"), [Field("title"), Word("bí"), Word("thư")]);
        assert_eq!(pieces("title:\"bí thư\""), [Field("title"), Phrase("bí thư")]);
        assert_eq!(pieces("-(a OR b)"), [Minus, Open, Word("a"), Or, Word("b"), Close]);
        assert_eq!(pieces("(a)b"), [Open, Word("a"), Close, Word("b")]);
        assert_eq!(pieces("Lưu ý: họp"), [Word("Lưu"), Word("ý:"), Word("họp")]);
        assert_eq!(pieces("19-CT/TW --x *"), [Word("19-CT/TW"), Word("--x"), All]);
    }
}
