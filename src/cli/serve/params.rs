//! The web API's parameters, named as the command line's flags (`q`,
//! `limit`, `offset`, `sort`, `accents`, and the filters `province`,
//! `province_2025`, `year`, `official`, `source`, `category`, `date_from`,
//! `date_to`, `date_source`, repeatable), read into the engine's types with
//! the limits a server on a laptop needs.

use tracuu::{Accents, Filters, MatchMode, Page, QueryOptions, Request, Sort};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most hits a page may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest page offset (past it, export the hit list).
pub const MAX_OFFSET: usize = 10_000;

/// A request's parameters in order, repeated names kept.
pub struct Params(Vec<(String, String)>);

/// A parameter that cannot be read: a 400 with this message.
#[derive(Debug)]
pub struct BadParam(pub String);

impl Params {
    /// Reads a query string (`None`: no parameters).
    pub fn parse(query: Option<&str>) -> Result<Params, BadParam> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| BadParam(format!("the query string cannot be read: {e}")))?;
        Ok(Params(pairs))
    }

    /// The same parameters without `name` (the concordance's `sort` is its
    /// own order, not the hit list's).
    pub fn without(&self, name: &str) -> Params {
        Params(self.0.iter().filter(|(k, _)| k != name).cloned().collect())
    }

    /// Every value of `name`, blank ones left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        (self.0.iter())
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        (self.0.iter().rev())
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// `name` parsed, `default` when absent.
    pub fn parsed<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, BadParam>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse()
                .map_err(|e| BadParam(format!("{name}={text:?}: {e}"))),
        }
    }

    /// A number no greater than `max`.
    pub fn bounded(&self, name: &str, default: usize, max: usize) -> Result<usize, BadParam> {
        let value = self.parsed(name, default)?;
        if value > max {
            return Err(BadParam(format!("{name}={value}: at most {max}")));
        }
        Ok(value)
    }

    /// The query: `q`, at most [`MAX_QUERY_CHARS`].
    pub fn query(&self) -> Result<String, BadParam> {
        let q = self.get("q").unwrap_or("").to_string();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(BadParam(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        Ok(q)
    }

    /// The filters, as the command line's.
    pub fn filters(&self) -> Result<Filters, BadParam> {
        let day = |name: &str| -> Result<Option<tracuu::Date>, BadParam> {
            self.get(name)
                .map(|text| tracuu::parse_day(text).map_err(|e| BadParam(format!("{name}: {e}"))))
                .transpose()
        };
        let years = (self.all("year").iter())
            .map(|y| y.parse().map_err(|e| BadParam(format!("year: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let date_source = match self.get("date_source") {
            None => None,
            Some("given") => Some(tracuu::extract::DateSource::Given),
            Some("text") => Some(tracuu::extract::DateSource::Text),
            Some(other) => return Err(BadParam(format!("date_source={other:?}: given or text"))),
        };
        Ok(Filters {
            provinces: self.all("province"),
            provinces_2025: self.all("province_2025"),
            years,
            officials: self.all("official"),
            date_from: day("date_from")?,
            date_to: day("date_to")?,
            sources: self.all("source"),
            categories: self.all("category"),
            date_source,
        })
    }

    /// The engine's request: query, reading, filters, order and page.
    pub fn request(&self) -> Result<Request, BadParam> {
        let accents = match self.get("accents").unwrap_or("smart") {
            "smart" => Accents::Smart,
            "fold" => Accents::Fold,
            "exact" => Accents::Exact,
            other => return Err(BadParam(format!("accents={other:?}: smart, fold or exact"))),
        };
        let matching = match self.get("match").unwrap_or("words") {
            "words" => MatchMode::Words,
            "any-order" => MatchMode::AnyOrder,
            other => return Err(BadParam(format!("match={other:?}: words or any-order"))),
        };
        Ok(Request {
            query: self.query()?,
            options: QueryOptions { accents, matching },
            filters: self.filters()?,
            sort: self.parsed("sort", Sort::Score).map_err(|e| BadParam(e.0))?,
            page: Page {
                offset: self.bounded("offset", 0, MAX_OFFSET)?,
                limit: self.bounded("limit", 10, MAX_LIMIT)?,
            },
            ..Request::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_filters_and_limits() {
        let params = Params::parse(Some(
            "q=h%E1%BB%99i+ngh%E1%BB%8B&province=Ngh%E1%BB%87+An&province=H%C3%A0+T%C4%A9nh&year=2017..2018&limit=20",
        ))
        .unwrap();
        let request = params.request().unwrap();
        assert_eq!(request.query, "hội nghị");
        assert_eq!(request.filters.provinces, ["Nghệ An", "Hà Tĩnh"]);
        assert_eq!(request.page.limit, 20);
        assert!(Params::parse(Some("limit=1000")).unwrap().request().is_err());
        assert!(Params::parse(Some("offset=x")).unwrap().request().is_err());
        assert!(Params::parse(Some("date_from=hôm qua")).unwrap().request().is_err());
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(Params::parse(Some(&long)).unwrap().request().is_err());
    }
}
