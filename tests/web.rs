//! `tracuu serve` as its users meet it: the JSON API on 127.0.0.1 (every
//! endpoint, bad inputs answered 4xx with a message, never 500), the page's
//! safety rules, and the page itself driven in a real browser (Debian's
//! chromium through chromedriver, WebDriver over HTTP), with screenshots
//! under `target/screenshots/`.
//!
//! Without chromedriver the browser test prints one line saying so and how
//! to install it; under CI (`CI` set) it fails instead.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Articles with metadata to browse, and headlines a careless page would run.
fn articles() -> Vec<Value> {
    let provinces = ["Nghệ An", "Thanh Hóa", "Hà Tĩnh"];
    let mut lines = Vec::new();
    for i in 0..60 {
        let province = provinces[i % 3];
        let year = 2016 + (i % 4);
        lines.push(json!({
            "id": format!("a{i:02}"),
            "title": format!("Hội nghị số {i} của tỉnh {province}"),
            "body": format!("Sáng nay, UBND tỉnh {province} tổ chức hội nghị về phòng chống tham nhũng, lần thứ {i}. \
                Bí thư Tỉnh ủy phát biểu về hội nghị."),
            "published": format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "source": if i % 2 == 0 { "Báo Nghệ An" } else { "Báo Thanh Hóa" },
            "url": format!("https://example.vn/tin/{i}"),
        }));
    }
    lines.push(json!({"id": "xss1", "title": "<script>document.title='pwned'</script>Hội nghị",
        "body": "Hội nghị <img src=x onerror=\"document.title='pwned'\"> ở tỉnh Nghệ An.", "url": "javascript:alert(1)"}));
    lines.push(
        json!({"id": "xss2", "title": "<img src=x onerror=alert(1)> hội nghị", "body": "Hội nghị bàn về an ninh."}),
    );
    lines
}

fn build_index(home: &TempDir) -> PathBuf {
    let input = home.path().join("tin.jsonl");
    let mut file = std::fs::File::create(&input).unwrap();
    for line in articles() {
        writeln!(file, "{line}").unwrap();
    }
    let idx = home.path().join("idx");
    common::index_file(&idx, &input);
    idx
}

/// A running `tracuu serve` on a free port; stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(index: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tracuu"))
            .args(["serve", "--port", "0", "--index"])
            .arg(index)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Status and body of a GET.
fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn get_json(url: &str) -> Value {
    let (status, body) = get(url);
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn every_endpoint_answers_and_bad_input_gets_a_4xx_with_a_message() {
    let home = TempDir::new().unwrap();
    let server = Server::start(&build_index(&home));
    let api = |path: &str| format!("{}/api/{path}", server.base);
    let search = get_json(&api("search?q=hoi+nghi&province=nghe+an&limit=5"));
    assert_eq!(search["total"], 21, "{search}");
    assert_eq!(search["hits"].as_array().unwrap().len(), 5);
    let facets = get_json(&api(
        "facets?q=hoi+nghi&province=Ngh%E1%BB%87+An&field=province&field=year",
    ));
    // Disjunctive: the filtered facet keeps its other values' counts.
    assert_eq!(
        facets["facets"]["province"]["values"].as_array().unwrap().len(),
        3,
        "{facets}"
    );
    assert_eq!(facets["total"], 21);
    let years: u64 = (facets["facets"]["year"]["values"].as_array().unwrap().iter())
        .map(|v| v["count"].as_u64().unwrap())
        .sum();
    assert_eq!(years, 20, "the other facets count under the filter: {facets}");
    let timeline = get_json(&api("timeline?q=hoi+nghi&by=year&compare=tham+nhung"));
    assert_eq!(timeline["series"].as_array().unwrap().len(), 2);
    let terms = get_json(&api("terms?q=tham+nhung&min_docs=1"));
    assert!(terms["terms"].is_array());
    let kwic = get_json(&api("kwic?q=bi+thu&limit=3"));
    assert_eq!(
        (kwic["lines"].as_array().unwrap().len(), &kwic["cut"]),
        (3, &json!(true))
    );
    let article = get_json(&api("articles/a01?q=hoi+nghi"));
    assert_eq!(article["id"], "a01");
    assert!(!article["matches"].as_array().unwrap().is_empty());
    let stats = get_json(&api("stats"));
    assert_eq!(stats["documents"], 62);
    let (status, csv) = get(&api("export.csv?q=hoi+nghi&province=nghe+an"));
    assert_eq!((status, csv.lines().count()), (200, 22), "a header and every hit");
    let (_, jsonl) = get(&api("export.jsonl?q=hoi+nghi"));
    assert_eq!(
        jsonl.lines().count() as u64,
        get_json(&api("search?q=hoi+nghi"))["total"].as_u64().unwrap()
    );
    for (path, status) in [
        ("search?limit=1000", 400),
        ("search?offset=x", 400),
        ("search?offset=99999999", 400),
        ("search?sort=best", 400),
        ("search?accents=some", 400),
        ("search?date_from=yesterday", 400),
        ("search?year=2023..2021", 400),
        ("search?q=%22unclosed", 200),
        ("search?q=(((", 400),
        ("facets?field=colour", 400),
        ("timeline?by=century", 400),
        ("timeline?split=colour", 400),
        ("timeline?compare=a&compare=b&compare=c&compare=d&compare=e", 400),
        ("timeline?split=province&compare=x", 400),
        ("terms?score=best", 400),
        ("terms", 400),
        ("kwic?q=hoi&sort=up", 400),
        ("kwic?q=hoi&width=100000", 400),
        ("articles/nope", 404),
        ("articles/..%2F..%2Fetc%2Fpasswd", 404),
        ("export.xlsx", 404),
        ("nothing", 404),
    ] {
        let (got, body) = get(&api(path));
        let error: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if status != 200 {
            assert!(error["error"].as_str().is_some_and(|m| !m.is_empty()), "{path}: {body}");
        }
        assert_eq!(got, status, "{path}: {body}");
    }
    let long = format!("search?q={}", "a".repeat(1001));
    assert_eq!(get(&api(&long)).0, 400);
    // DNS rebinding: another Host is refused; nothing but GET is served.
    let forged = agent()
        .get(&api("stats"))
        .header("Host", "evil.example")
        .call()
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let posted = agent().post(&api("search")).send_empty().unwrap();
    assert_eq!(posted.status().as_u16(), 405);
    // The page: no inline script allowed, assets small.
    let page = agent().get(&format!("{}/", server.base)).call().unwrap();
    let csp = page
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let weight: usize = ["/", "/app.js", "/app.css"]
        .iter()
        .map(|p| get(&format!("{}{p}", server.base)).1.len())
        .sum();
    assert!(weight < 150 * 1024, "first load {weight} bytes");
}

#[test]
fn the_page_shows_new_commits_without_a_restart() {
    let home = TempDir::new().unwrap();
    let idx = build_index(&home);
    let server = Server::start(&idx);
    let total = |q: &str| {
        get_json(&format!("{}/api/search?q={q}", server.base))["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(total("bien+dong"), 0);
    let more = home.path().join("more.jsonl");
    std::fs::write(
        &more,
        json!({"id": "new1", "title": "Biển Đông", "body": "Tin mới về Biển Đông."}).to_string(),
    )
    .unwrap();
    common::index_file(&idx, &more);
    assert_eq!(total("bien+dong"), 1);
}

/// A WebDriver session on chromedriver (the W3C protocol: JSON over HTTP).
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start() -> Option<Browser> {
        let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(chromedriver) = chromedriver else {
            assert!(
                std::env::var_os("CI").is_none(),
                "chromedriver is missing under CI (.ci/run installs chromium and chromium-driver)"
            );
            eprintln!("skipped: the browser test needs chromium: apt-get install chromium chromium-driver");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while agent().get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--lang=vi"]
            }
        }}});
        let mut response = agent()
            .post(&format!("{base}/session"))
            .send_json(&capabilities)
            .unwrap();
        let created: Value = response.body_mut().read_json().unwrap();
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {created}"))
            .to_string();
        Some(Browser { driver, base, session })
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut response = match method {
            "GET" => agent().get(&url).call().unwrap(),
            _ => agent().post(&url).send_json(&body).unwrap(),
        };
        let answer: Value = response.body_mut().read_json().unwrap();
        answer["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", json!({"url": url}));
    }

    fn find(&self, css: &str) -> Option<String> {
        let found = self.call("POST", "/element", json!({"using": "css selector", "value": css}));
        found[ELEMENT].as_str().map(str::to_string)
    }

    /// Waits for `css` to match, and returns the element.
    fn wait_for(&self, css: &str) -> String {
        self.wait_until(css, || self.find(css));
        self.find(css).unwrap()
    }

    fn wait_until<T>(&self, what: &str, mut test: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(value) = test() {
                return value;
            }
            if Instant::now() > deadline {
                self.screenshot("timeout");
                panic!("timed out waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn click(&self, css: &str) {
        let element = self.wait_for(css);
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css);
        self.call("POST", &format!("/element/{element}/clear"), json!({}));
        self.call("POST", &format!("/element/{element}/value"), json!({"text": text}));
    }

    fn script(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", json!({"script": script, "args": []}))
    }

    fn url(&self) -> String {
        self.call("GET", "/url", Value::Null).as_str().unwrap_or("").to_string()
    }

    /// The total the page shows.
    fn total(&self) -> Option<u64> {
        self.script("return document.getElementById('summary').dataset.total || null")
            .as_str()
            .and_then(|t| t.parse().ok())
    }

    fn screenshot(&self, name: &str) {
        use base64::Engine;
        let png = self.call("GET", "/screenshot", Value::Null);
        if let Some(data) = png.as_str() {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
            std::fs::create_dir_all(&dir).unwrap();
            let bytes = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent()
            .delete(&format!("{}/session/{}", self.base, self.session))
            .call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn a_researcher_searches_filters_goes_back_reads_charts_and_exports_in_a_browser() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let home = TempDir::new().unwrap();
    let server = Server::start(&build_index(&home));
    browser.open(&format!("{}/", server.base));
    browser.wait_for("ol.hits li");
    // The first result list is drawn quickly.
    let drawn =
        browser.script("const m = performance.getEntriesByName('results-drawn')[0]; return m ? m.startTime : null");
    let drawn = drawn.as_f64().expect("the page marks when results are drawn");
    assert!(drawn < 300.0, "first results drawn after {drawn} ms");
    // Type a query, see hits and the count the API gives.
    browser.type_into("#q", "hội nghị tham nhũng");
    browser.click("#search button");
    let api_total = get_json(&format!(
        "{}/api/search?q=h%E1%BB%99i+ngh%E1%BB%8B+tham+nh%C5%A9ng",
        server.base
    ))["total"]
        .as_u64()
        .unwrap();
    browser.wait_until("the query's total", || {
        (browser.total() == Some(api_total)).then_some(())
    });
    assert!(browser.url().contains("q=h%E1%BB%99i"), "{}", browser.url());
    browser.screenshot("search");
    // A facet value: the URL and the other facets' counts change, its own facet keeps its values.
    let years_before = browser
        .script("return [...document.querySelectorAll('#values-year .count')].map(e => e.textContent).join(',')");
    browser.click("input[data-field=province][data-value='Nghệ An']");
    browser.wait_until("the province in the URL", || {
        browser.url().contains("province=").then_some(())
    });
    browser.wait_until("new year counts", || {
        let now = browser
            .script("return [...document.querySelectorAll('#values-year .count')].map(e => e.textContent).join(',')");
        (now != years_before).then_some(())
    });
    let provinces = browser.script("return document.querySelectorAll('#values-province label').length");
    assert!(
        provinces.as_u64().unwrap() >= 3,
        "the filtered facet keeps its other values"
    );
    let filtered = browser.wait_until("the filtered total", || browser.total().filter(|&t| t < api_total));
    browser.screenshot("facet");
    // The back button undoes the click.
    browser.call("POST", "/back", json!({}));
    browser.wait_until("the unfiltered total", || {
        (browser.total() == Some(api_total)).then_some(())
    });
    assert!(!browser.url().contains("province="));
    // Forward again, then export: the CSV has as many rows as the page counts.
    browser.call("POST", "/forward", json!({}));
    browser.wait_until("the filtered total again", || {
        (browser.total() == Some(filtered)).then_some(())
    });
    let link = browser.script("return document.getElementById('export-csv').href");
    let (status, csv) = get(link.as_str().unwrap());
    assert_eq!(
        (status, csv.lines().count() as u64 - 1),
        (200, filtered),
        "CSV rows = the page's count"
    );
    // Open an article: its text with the query's words marked.
    browser.click("ol.hits li h3 button");
    browser.wait_until("the article", || {
        (browser.script("return !document.getElementById('article').hidden") == json!(true)).then_some(())
    });
    assert!(browser.url().contains("article="));
    let marks = browser.script("return document.querySelectorAll('#article-body mark').length");
    assert!(marks.as_u64().unwrap() > 0);
    browser.screenshot("article");
    browser.click("#close");
    // The chart: click a period, the hits are filtered to it.
    browser.click("#tab-chart");
    browser.wait_for("svg.chart rect.bar");
    browser.screenshot("chart");
    browser.click("svg.chart rect.bar[data-period='2017']");
    browser.wait_until("the period in the URL", || {
        browser.url().contains("date_from=2017-01-01").then_some(())
    });
    browser.wait_for("ol.hits li");
    // The concordance and the distinctive words.
    browser.click("#tab-kwic");
    browser.wait_for("#kwic tr");
    browser.screenshot("kwic");
    browser.click("#tab-terms");
    browser.wait_for("#panel table, #panel p");
    // Untrusted headlines show as text: nothing ran.
    browser.open(&format!(
        "{}/?q=xss1+OR+xss2+OR+%22an+ninh%22+OR+pwned+OR+%22%E1%BB%9F+t%E1%BB%89nh%22",
        server.base
    ));
    browser.open(&format!("{}/?q=h%E1%BB%99i+ngh%E1%BB%8B&article=xss1", server.base));
    browser.wait_until("the unsafe article", || {
        (browser.script("return !document.getElementById('article').hidden") == json!(true)).then_some(())
    });
    let title = browser.script("return document.getElementById('article-title').textContent");
    assert!(title.as_str().unwrap().starts_with("<script>"), "{title}");
    assert_eq!(
        browser.script("return document.title"),
        json!("tracuu — tra cứu tin chính trị")
    );
    assert_eq!(
        browser.script("return document.querySelectorAll('#article-body img, #article-body script').length"),
        json!(0)
    );
    assert_eq!(
        browser.script("return document.querySelectorAll('#article-body a[href^=javascript]').length"),
        json!(0)
    );
    // A phone's width: nothing runs off the side.
    browser.call("POST", "/window/rect", json!({"width": 360, "height": 740}));
    browser.open(&format!("{}/?q=h%E1%BB%99i+ngh%E1%BB%8B", server.base));
    browser.wait_for("ol.hits li");
    let overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    browser.screenshot("phone");
    assert!(overflow.as_i64().unwrap() <= 0, "{overflow} px wider than the screen");
    // "/" focuses the search box.
    browser.call(
        "POST",
        "/actions",
        json!({"actions": [{"type": "key", "id": "k", "actions": [
        {"type": "keyDown", "value": "/"}, {"type": "keyUp", "value": "/"}]}]}),
    );
    assert_eq!(browser.script("return document.activeElement.id"), json!("q"));
}
