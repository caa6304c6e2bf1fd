//! The five sample articles of `corpus/`, compiled into tracuu so that an
//! installed binary, run from any folder, can build its first index.

use crate::ingest::{self, Batch};
use std::path::Path;

/// (file name, content) of each bundled article.
pub const ARTICLES: [(&str, &str); 5] = [
    (
        "000_0643c6b558096ecb.txt",
        include_str!("../corpus/000_0643c6b558096ecb.txt"),
    ),
    (
        "001_304570ebb02cd033.txt",
        include_str!("../corpus/001_304570ebb02cd033.txt"),
    ),
    (
        "002_cf156c17a21173ad.txt",
        include_str!("../corpus/002_cf156c17a21173ad.txt"),
    ),
    (
        "003_4ad1275453d46137.txt",
        include_str!("../corpus/003_4ad1275453d46137.txt"),
    ),
    (
        "004_123b24c5544894c2.txt",
        include_str!("../corpus/004_123b24c5544894c2.txt"),
    ),
];

/// The bundled articles as one batch, read as `.txt` files named
/// `bundled/<file>` would be.
pub(crate) fn batch() -> Batch {
    let items = ARTICLES
        .iter()
        .map(|(name, text)| {
            let id = name.trim_end_matches(".txt");
            ingest::text_article(id, text.as_bytes(), &Path::new("bundled").join(name))
        })
        .collect();
    Batch {
        items,
        bytes: ARTICLES.iter().map(|(_, text)| text.len() as u64).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_corpus_folder_is_bundled() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        on_disk.sort();
        let bundled: Vec<&str> = ARTICLES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, bundled);
        for (name, text) in ARTICLES {
            assert_eq!(std::fs::read_to_string(Path::new(folder).join(name)).unwrap(), text);
        }
    }
}
