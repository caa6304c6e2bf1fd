//! The JSON API under `/api/`: the library's serialisable results, engine
//! calls on tokio's blocking pool (never on the async threads), errors as
//! JSON with an HTTP status chosen from the typed error.

use super::params::{BadParam, Params};
use super::App;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use std::sync::Arc;
use tracuu::{
    ExportField, ExportFormat, ExportOptions, FacetField, Interval, KwicOptions, KwicSort, Request, TermScore,
    TermsOptions, TimelineOptions,
};

/// An error answered as `{"error": message, "status": code}`.
pub struct ApiError(pub StatusCode, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": self.1, "status": self.0.as_u16()});
        (self.0, Json(body)).into_response()
    }
}

impl From<BadParam> for ApiError {
    fn from(err: BadParam) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, err.0)
    }
}

impl From<tracuu::Error> for ApiError {
    fn from(err: tracuu::Error) -> ApiError {
        use tracuu::Error::*;
        let status = match &err {
            BadQuery(_) | BadFilter { .. } => StatusCode::BAD_REQUEST,
            NotFound { .. } => StatusCode::NOT_FOUND,
            Cancelled => {
                return ApiError(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the request took longer than the server allows: narrow the query or the filters".into(),
                )
            }
            Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, err.to_string())
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Runs `work` with the request's parameters on the blocking pool and
/// answers its value as JSON.
async fn answer<T, F>(app: Arc<App>, query: Option<String>, work: F) -> Response
where
    T: Serialize + Send + 'static,
    F: FnOnce(&App, Params) -> ApiResult<T> + Send + 'static,
{
    let Ok(_permit) = app.workers.clone().acquire_owned().await else {
        return ApiError(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping".into()).into_response();
    };
    let done = tokio::task::spawn_blocking(move || {
        let params = Params::parse(query.as_deref())?;
        work(&app, params)
    })
    .await;
    match done {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(err)) => err.into_response(),
        Err(_) => ApiError(StatusCode::INTERNAL_SERVER_ERROR, "the request failed".into()).into_response(),
    }
}

impl App {
    /// The request of these parameters, with the server's time budget.
    fn request(&self, params: &Params) -> ApiResult<Request> {
        let mut request = params.request()?;
        request.cancel = tracuu::CancelToken::with_budget(self.budget);
        Ok(request)
    }
}

pub async fn search(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, |app, params| {
        Ok(app.index.search(&app.request(&params)?)?)
    })
    .await
}

pub async fn stats(State(app): State<Arc<App>>) -> Response {
    answer(app, None, |app, _| Ok(app.index.stats()?)).await
}

/// One article, with where the query `q` matches in its text.
#[derive(Serialize)]
struct ArticleView {
    #[serde(flatten)]
    article: tracuu::Article,
    /// Byte ranges of `body` that the query matched.
    matches: Vec<(usize, usize)>,
}

pub async fn article(State(app): State<Arc<App>>, Path(id): Path<String>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, move |app, params| {
        let article = app.index.article(&id)?;
        let request = app.request(&params)?;
        let matches = tracuu::kwic::matches_in(&app.index, &request, &article.body)?;
        Ok(ArticleView {
            article,
            matches: matches.into_iter().map(|r| (r.start, r.end)).collect(),
        })
    })
    .await
}

/// The facet fields asked for (`field`, repeatable; all by default).
fn facet_fields(params: &Params) -> ApiResult<Vec<FacetField>> {
    let asked = params.all("field");
    if asked.is_empty() {
        return Ok(FacetField::ALL.to_vec());
    }
    asked
        .iter()
        .map(|f| f.parse().map_err(|e: String| ApiError(StatusCode::BAD_REQUEST, e)))
        .collect()
}

/// The request without its filter on `field`: a facet that is filtered
/// keeps the counts of its other values (disjunctive faceting), so a click
/// adds a value instead of hiding the others.
fn without_filter_on(request: &Request, field: FacetField) -> Option<Request> {
    let mut other = request.clone();
    let filters = &mut other.filters;
    let cleared = match field {
        FacetField::Province => std::mem::take(&mut filters.provinces).len(),
        FacetField::Province2025 => std::mem::take(&mut filters.provinces_2025).len(),
        FacetField::Year => std::mem::take(&mut filters.years).len(),
        FacetField::Official => std::mem::take(&mut filters.officials).len(),
        FacetField::Source => std::mem::take(&mut filters.sources).len(),
        FacetField::Category => std::mem::take(&mut filters.categories).len(),
        FacetField::ForeignOfficial => 0,
    };
    (cleared > 0).then_some(other)
}

pub async fn facets(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, |app, params| {
        let request = app.request(&params)?;
        let fields = facet_fields(&params)?;
        let top = params.bounded("top", 10, 500)?;
        let plain: Vec<FacetField> = (fields.iter().copied())
            .filter(|&f| without_filter_on(&request, f).is_none())
            .collect();
        let mut report = app.index.facets(&request, &plain, top)?;
        let mut counted = std::mem::take(&mut report.facets);
        for &field in &fields {
            if let Some(other) = without_filter_on(&request, field) {
                counted.extend(app.index.facets(&other, &[field], top)?.facets);
            }
        }
        // In the order asked.
        report.facets = (fields.iter())
            .filter_map(|f| {
                counted
                    .iter()
                    .position(|(name, _)| name == f.name())
                    .map(|i| counted.swap_remove(i))
            })
            .collect();
        Ok(report)
    })
    .await
}

pub async fn timeline(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, |app, params| {
        let request = app.request(&params)?;
        let compare = params.all("compare");
        if compare.len() > 4
            || compare
                .iter()
                .any(|q| q.chars().count() > super::params::MAX_QUERY_CHARS)
        {
            return Err(ApiError(
                StatusCode::BAD_REQUEST,
                "at most 4 compared queries, each at most 1000 characters".into(),
            ));
        }
        let options = TimelineOptions {
            by: params.parsed("by", Interval::Month)?,
            compare,
            split: params
                .get("split")
                .map(|f| {
                    f.parse::<FacetField>()
                        .map_err(|e| ApiError(StatusCode::BAD_REQUEST, e))
                })
                .transpose()?,
            top: params.bounded("top", tracuu::timeline::DEFAULT_SPLIT_TOP, 20)?,
        };
        Ok(app.index.timeline(&request, &options)?)
    })
    .await
}

pub async fn terms(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, |app, params| {
        let request = app.request(&params)?;
        let options = TermsOptions {
            top: params.bounded("top", 25, 200)?,
            min_docs: params.parsed("min_docs", 3)?,
            against: params.get("against").map(str::to_string),
            score: params.parsed("score", TermScore::G2)?,
            field: params
                .get("field")
                .map(|f| {
                    f.parse::<FacetField>()
                        .map_err(|e| ApiError(StatusCode::BAD_REQUEST, e))
                })
                .transpose()?,
            ..TermsOptions::default()
        };
        Ok(app.index.terms(&request, &options)?)
    })
    .await
}

/// A page of a concordance: what was found and the lines.
#[derive(Serialize)]
struct Concordance {
    /// Matching articles.
    articles: usize,
    /// Occurrences in them.
    occurrences: usize,
    /// Lines sent (the first `limit` in the order asked).
    shown: usize,
    /// Whether lines were left out.
    cut: bool,
    notes: Vec<String>,
    lines: Vec<tracuu::KwicLine>,
}

pub async fn kwic(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    answer(app, query, |app, params| {
        // `sort` and `limit` are the concordance's own, not the hit list's.
        let request = app.request(&params.without("sort").without("limit"))?;
        let options = KwicOptions {
            width: params.bounded("width", 50, 200)?,
            sort: params.parsed("sort", KwicSort::Hits)?,
            limit: Some(params.bounded("limit", 200, 2_000)?),
        };
        let mut lines = Vec::new();
        let report = app.index.kwic(&request, &options, &mut |line| {
            lines.push(line.clone());
            Ok(())
        })?;
        Ok(Concordance {
            articles: report.articles,
            occurrences: report.occurrences,
            shown: report.lines,
            cut: report.cut,
            notes: report.notes,
            lines,
        })
    })
    .await
}

/// How much of an export is written before it is sent on.
const EXPORT_CHUNK: usize = 64 * 1024;

/// Sends what the export writes to the response, chunk by chunk.
struct ChunkSender {
    buffer: Vec<u8>,
    out: tokio::sync::mpsc::Sender<Result<bytes::Bytes, std::io::Error>>,
}

impl std::io::Write for ChunkSender {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= EXPORT_CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::take(&mut self.buffer));
        // The client went away: stop the export.
        self.out
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))
    }
}

/// The whole hit list as CSV (`excel=1`: with a byte-order mark) or JSON
/// lines, streamed, with the command line's columns and rules.
pub async fn export(State(app): State<Arc<App>>, Path(file): Path<String>, RawQuery(query): RawQuery) -> Response {
    let format = match file.as_str() {
        "export.csv" => ExportFormat::Csv,
        "export.jsonl" => ExportFormat::Jsonl,
        _ => return ApiError(StatusCode::NOT_FOUND, format!("no such export: {file}")).into_response(),
    };
    let Ok(permit) = app.exports.clone().try_acquire_owned() else {
        return ApiError(
            StatusCode::TOO_MANY_REQUESTS,
            "other exports are running: try again when they finish".into(),
        )
        .into_response();
    };
    let params = match Params::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return ApiError::from(err).into_response(),
    };
    let mut request = match params.request() {
        Ok(request) => request,
        Err(err) => return ApiError::from(err).into_response(),
    };
    // An export takes as long as it takes; a client that leaves stops it.
    request.cancel = tracuu::CancelToken::new();
    let options = ExportOptions {
        format,
        fields: ExportField::DEFAULT.to_vec(),
        excel: params.get("excel") == Some("1"),
    };
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let first_error = sender.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut out = ChunkSender {
            buffer: Vec::with_capacity(EXPORT_CHUNK),
            out: sender,
        };
        let written = app.index.export(&request, &options, &mut out, &mut ());
        let flushed = std::io::Write::flush(&mut out);
        if let Err(err) = written {
            let _ = first_error.blocking_send(Err(std::io::Error::other(err.to_string())));
        } else if flushed.is_err() {
            // The client left: nothing to tell.
        }
    });
    let (content_type, name) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "tracuu.csv"),
        _ => ("application/x-ndjson; charset=utf-8", "tracuu.jsonl"),
    };
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))
        .body(Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(receiver)))
        .unwrap_or_else(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "no response".into()).into_response())
}

pub async fn not_found() -> Response {
    ApiError(
        StatusCode::NOT_FOUND,
        "no such API endpoint (see README: /api/search, /api/facets…)".into(),
    )
    .into_response()
}
