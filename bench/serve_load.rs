//! Load on `tracuu serve` (loopback only, bounded in time and count): a mix
//! of search, facets and timeline requests. Single requests first (one
//! client: search and facets p95), then 16 clients each waiting 100 ms
//! between requests for 30 s, then 32 clients without pause for 30 s.
//! Reports per phase: requests, errors, throughput, p50/p95/p99 and the
//! server's peak RSS (VmHWM of /proc/PID/status).
//!
//! cargo run --release --example serve_load -- http://127.0.0.1:PORT SERVER_PID [SECONDS]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const QUERIES: [&str; 12] = [
    "tham nhũng",
    "hội nghị",
    "bí thư tỉnh ủy",
    "biển Đông",
    "kinh te",
    "Quốc hội",
    "giáo dục",
    "phòng chống dịch",
    "\"nông thôn mới\"",
    "covid OR dịch bệnh",
    "đầu tư -bất động sản",
    "Hà Nội",
];
const FILTERS: [&str; 4] = [
    "",
    "&province=ha+noi",
    "&year=2017",
    "&province=ho+chi+minh&year=2005..2006",
];
/// No phase sends more than this many requests.
const MAX_REQUESTS: usize = 200_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let base = args.next().expect("usage: serve_load BASE_URL SERVER_PID [SECONDS]");
    let pid = args.next().expect("the server's pid");
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(30);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    for (name, kind) in [("search", 0), ("facets", 1)] {
        let mut times = Vec::new();
        for n in 0..200 {
            let url = request_url(&base, kind, n);
            let start = Instant::now();
            let ok = send(&agent, &url);
            times.push(start.elapsed());
            assert!(ok, "{url} failed");
        }
        report(
            &format!("single {name} requests, 1 client"),
            &times,
            0,
            Duration::ZERO,
            &pid,
        );
    }
    run_phase(&agent, &base, &pid, 16, Some(Duration::from_millis(100)), seconds);
    run_phase(&agent, &base, &pid, 32, None, seconds);
}

/// Request `n` of a kind: 0 search, 1 facets, 2 timeline.
fn request_url(base: &str, kind: usize, n: usize) -> String {
    let q = QUERIES[n % QUERIES.len()];
    let filters = FILTERS[(n / QUERIES.len()) % FILTERS.len()];
    let q: String = q
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect();
    match kind {
        0 => format!("{base}/api/search?q={q}{filters}&offset={}", (n % 3) * 10),
        1 => format!("{base}/api/facets?q={q}{filters}"),
        _ => format!("{base}/api/timeline?q={q}{filters}&by=month"),
    }
}

fn send(agent: &ureq::Agent, url: &str) -> bool {
    match agent.get(url).call() {
        Ok(mut response) => {
            let ok = response.status().as_u16() == 200;
            let _ = response.body_mut().read_to_vec();
            ok
        }
        Err(_) => false,
    }
}

fn run_phase(agent: &ureq::Agent, base: &str, pid: &str, clients: usize, pause: Option<Duration>, seconds: u64) {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (agent, base, stop) = (agent.clone(), base.to_string(), stop.clone());
            std::thread::spawn(move || {
                let (mut times, mut errors, mut n) = (Vec::new(), 0usize, c * 7);
                while !stop.load(Ordering::Relaxed) && times.len() < MAX_REQUESTS / clients {
                    let url = request_url(&base, n % 3, n / 3);
                    let start = Instant::now();
                    if !send(&agent, &url) {
                        errors += 1;
                    }
                    times.push(start.elapsed());
                    n += 1;
                    if let Some(pause) = pause {
                        std::thread::sleep(pause);
                    }
                }
                (times, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let (mut times, mut errors) = (Vec::new(), 0);
    for handle in handles {
        let (t, e) = handle.join().unwrap();
        times.extend(t);
        errors += e;
    }
    let label = match pause {
        Some(p) => format!("{clients} clients, {} ms between requests, {seconds} s", p.as_millis()),
        None => format!("{clients} clients without pause, {seconds} s"),
    };
    report(&label, &times, errors, started.elapsed(), pid);
}

fn report(label: &str, times: &[Duration], errors: usize, wall: Duration, pid: &str) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        })
        .unwrap_or_else(|| "?".into());
    let throughput = if wall > Duration::ZERO {
        format!("{:.0} req/s", ms.len() as f64 / wall.as_secs_f64())
    } else {
        "-".into()
    };
    println!(
        "{label}: {} requests, {errors} errors, {throughput}, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, server peak RSS {} MiB",
        ms.len(), at(0.5), at(0.95), at(0.99), rss.parse::<f64>().map(|k| format!("{:.0}", k / 1024.0)).unwrap_or(rss)
    );
}
