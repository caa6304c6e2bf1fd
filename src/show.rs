//! Looking at one article, and at the index as a whole.

use crate::collect::AllMatches;
use crate::copies::copies_query;
use crate::error::{Error, Result};
use crate::facets::{count_values, FacetField};
use crate::index::TracuuIndex;
use crate::model::{Article, IndexStats, OfficialPost, JSON_VERSION};
use crate::request::Request;
use crate::schema;
use crate::search::Matching;
use crate::stored;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// The article with this id, with its metadata, text and copies.
pub fn article(target: &TracuuIndex, id: &str) -> Result<Article> {
    let f = &target.fields;
    let searcher = target.searcher()?;
    let query = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let Some((_, address)) = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())?
        .into_iter()
        .next()
    else {
        return Err(Error::NotFound {
            id: id.to_string(),
            dir: target.dir().to_path_buf(),
        });
    };
    let doc: TantivyDocument = searcher.doc(address)?;
    let meta = stored::meta(&doc, f);
    let roles = doc
        .get_all(f.official_role)
        .filter_map(|v| v.as_str().map(str::to_string));
    let period = stored::date_period(&doc, f);
    let posts = (meta.officials.iter().cloned())
        .zip(roles.chain(std::iter::repeat(String::new())))
        .map(|(name, role)| OfficialPost {
            posts_at_date: period.map_or_else(Vec::new, |(from, to)| {
                (crate::extract::reference_posts(&name, from, to).into_iter())
                    .map(str::to_string)
                    .collect()
            }),
            name,
            role,
            country: None,
        })
        .collect();
    let foreign_roles = doc
        .get_all(f.foreign_official_role)
        .filter_map(|v| v.as_str().map(str::to_string));
    let foreign_posts = (meta.foreign_officials.iter().cloned())
        .zip(foreign_roles.chain(std::iter::repeat(String::new())))
        .map(|(name, role_and_country)| {
            let (role, country) = role_and_country.split_once('\t').unwrap_or((&role_and_country, ""));
            OfficialPost {
                name,
                role: role.to_string(),
                country: (!country.is_empty()).then(|| country.to_string()),
                posts_at_date: Vec::new(),
            }
        })
        .collect();
    Ok(Article {
        version: JSON_VERSION,
        id: id.to_string(),
        title: stored::text(&doc, f.title).unwrap_or_default(),
        posts,
        foreign_posts,
        path: stored::text(&doc, f.path),
        body: stored::utf8(stored::article_text(&doc, f)).into_owned(),
        raw: stored::text(&doc, f.raw),
        copies: copy_ids(target, &searcher, id)?,
        copy_of: stored::original_id(&doc, f),
        meta,
    })
}

/// Ids of the syndicated copies of the article `id`, sorted.
fn copy_ids(target: &TracuuIndex, searcher: &Searcher, id: &str) -> Result<Vec<String>> {
    let term = Term::from_field_text(target.fields.duplicate_of, id);
    let copies = searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &DocSetCollector)?;
    let mut ids = Vec::with_capacity(copies.len());
    for address in copies {
        let doc: TantivyDocument = searcher.doc(address)?;
        ids.extend(stored::text(&doc, target.fields.id));
    }
    ids.sort();
    Ok(ids)
}

/// Counts, dates and size of the index. The distinct values per facet are
/// counted over the articles, as `facets` counts them.
pub fn stats(target: &TracuuIndex) -> Result<IndexStats> {
    let everything = Matching::new(target, &Request::default())?;
    let searcher = &everything.searcher;
    let dates: Vec<_> = searcher
        .search(
            &*everything.query,
            &AllMatches {
                date_field: Some(schema::DATE_FIELD.to_string()),
            },
        )?
        .into_iter()
        .filter_map(|r| r.date)
        .collect();
    let copies = searcher.search(&*copies_query(&target.fields), &tantivy::collector::Count)? as u64;
    let (_, per_field) = count_values(&everything, &FacetField::ALL)?;
    let facets = (FacetField::ALL.iter())
        .zip(per_field)
        .map(|(field, values)| (field.name().to_string(), values.len()))
        .collect();
    Ok(IndexStats {
        version: JSON_VERSION,
        index: target.dir().display().to_string(),
        documents: searcher.num_docs() - copies,
        duplicates: copies,
        size_bytes: directory_size(target.dir()),
        segments: searcher.segment_readers().len(),
        first_date: dates.iter().min().map(|d| d.into_utc().date().to_string()),
        last_date: dates.iter().max().map(|d| d.into_utc().date().to_string()),
        dated_documents: dates.len(),
        facets,
        schema_version: schema::version(),
    })
}

fn directory_size(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
