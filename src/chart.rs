//! A timeline as a standalone SVG chart (axes, Vietnamese labels, a legend
//! for several series) that a report can include as it is: no script, no
//! external font or style sheet.

use crate::model::Timeline;
use std::fmt::Write;

const WIDTH: f64 = 820.0;
const HEIGHT: f64 = 380.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 52.0;
const BOTTOM: f64 = 64.0;
/// Colour-blind-safe (Okabe–Ito), one per series, then again.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
];

/// What the chart's vertical axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Matching articles.
    Count,
    /// Matching articles as a share of the articles in scope.
    Share,
}

/// The chart of `timeline`: bars for one series, lines for several.
pub fn svg(timeline: &Timeline, measure: Measure) -> String {
    let values: Vec<Vec<f64>> = timeline
        .series
        .iter()
        .map(|s| match measure {
            Measure::Count => s.matching.iter().map(|&n| n as f64).collect(),
            Measure::Share => s.share.iter().map(|&r| r * 100.0).collect(),
        })
        .collect();
    let highest = values.iter().flatten().copied().fold(0.0, f64::max);
    let (mut step, mut top) = axis(highest);
    if measure == Measure::Count && step < 1.0 {
        // Counts are whole: no tick at half an article.
        (step, top) = (1.0, highest.ceil().max(1.0));
    }
    let plot = Plot {
        periods: timeline.periods.len().max(1),
        top,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="12">"#
    );
    let what = match measure {
        Measure::Count => "Số bài",
        Measure::Share => "Tỉ lệ bài (%)",
    };
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="white"/><text x="{LEFT}" y="20" font-size="15" font-weight="bold">{} theo {}</text>"#,
        escape(what),
        period_word(&timeline.by)
    );
    y_axis(&mut out, &plot, step, what);
    x_axis(&mut out, timeline, &plot);
    if values.len() == 1 {
        bars(&mut out, &values[0], &plot);
    } else {
        for (i, series) in values.iter().enumerate() {
            line(&mut out, series, &plot, COLOURS[i % COLOURS.len()]);
        }
    }
    legend(&mut out, timeline);
    out.push_str("</svg>\n");
    out
}

/// Where values and periods land.
struct Plot {
    periods: usize,
    top: f64,
}

impl Plot {
    fn width() -> f64 {
        WIDTH - LEFT - RIGHT
    }

    fn height() -> f64 {
        HEIGHT - TOP - BOTTOM
    }

    /// The centre of period `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * Plot::width() / self.periods as f64
    }

    fn y(&self, value: f64) -> f64 {
        TOP + Plot::height() * (1.0 - if self.top > 0.0 { value / self.top } else { 0.0 })
    }
}

/// A round tick step and the axis' top for values up to `highest`.
fn axis(highest: f64) -> (f64, f64) {
    if highest <= 0.0 {
        return (1.0, 1.0);
    }
    let rough = highest / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * magnitude);
    (step, (highest / step).ceil() * step)
}

fn y_axis(out: &mut String, plot: &Plot, step: f64, what: &str) {
    let ticks = (plot.top / step).round() as usize;
    for t in 0..=ticks {
        let value = t as f64 * step;
        let y = plot.y(value);
        let _ = writeln!(
            out,
            r##"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            number(value)
        );
    }
    let _ = writeln!(
        out,
        r#"<text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
        TOP + Plot::height() / 2.0,
        escape(what)
    );
}

fn x_axis(out: &mut String, timeline: &Timeline, plot: &Plot) {
    let bottom = TOP + Plot::height();
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT}" x2="{:.1}" y1="{bottom:.1}" y2="{bottom:.1}" stroke="#444444"/>"##,
        WIDTH - RIGHT
    );
    // About a dozen labels at most, evenly spaced.
    let every = timeline.periods.len().div_ceil(12).max(1);
    for (i, period) in timeline.periods.iter().enumerate().step_by(every) {
        let x = plot.x(i);
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{bottom:.1}" y2="{:.1}" stroke="#444444"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            bottom + 4.0,
            bottom + 18.0,
            escape(&period.label)
        );
    }
    let _ = writeln!(
        out,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        LEFT + Plot::width() / 2.0,
        HEIGHT - 14.0,
        capitalised(period_word(&timeline.by))
    );
}

fn bars(out: &mut String, values: &[f64], plot: &Plot) {
    let width = (Plot::width() / plot.periods as f64 * 0.8).max(0.5);
    for (i, &value) in values.iter().enumerate() {
        let (x, y) = (plot.x(i) - width / 2.0, plot.y(value));
        let _ = writeln!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
            (TOP + Plot::height() - y).max(0.0),
            COLOURS[0],
            number(value)
        );
    }
}

fn line(out: &mut String, values: &[f64], plot: &Plot, colour: &str) {
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| format!("{:.1},{:.1}", plot.x(i), plot.y(v)))
        .collect();
    let _ = writeln!(
        out,
        r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
        points.join(" ")
    );
}

fn legend(out: &mut String, timeline: &Timeline) {
    let mut x = LEFT;
    for (i, series) in timeline.series.iter().enumerate() {
        let label = format!("{} ({})", series.label, series.total);
        let _ = writeln!(
            out,
            r#"<rect x="{x:.1}" y="30" width="12" height="12" fill="{}"/><text x="{:.1}" y="40">{}</text>"#,
            COLOURS[i % COLOURS.len()],
            x + 16.0,
            escape(&label)
        );
        // Roughly 7 px a character at 12 px.
        x += 16.0 + 7.0 * label.chars().count() as f64 + 18.0;
    }
}

/// The Vietnamese word for a period length ("tháng" for months).
fn period_word(by: &str) -> &'static str {
    match by {
        "year" => "năm",
        "quarter" => "quý",
        "week" => "tuần",
        "day" => "ngày",
        _ => "tháng",
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A value as an axis shows it: whole numbers without decimals.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}").trim_end_matches('0').to_string()
    }
}

/// Text made safe to stand in SVG (XML) text and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_get_round_steps() {
        assert_eq!(axis(87.0), (20.0, 100.0));
        assert_eq!(axis(5.0), (1.0, 5.0));
        assert_eq!(axis(0.0), (1.0, 1.0));
        let (step, top) = axis(0.37);
        assert!((step - 0.1).abs() < 1e-9 && (0.37..0.5).contains(&top), "{step} {top}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<b>\"Hà\" & 'Nội'</b>"),
            "&lt;b&gt;&quot;Hà&quot; &amp; &#39;Nội&#39;&lt;/b&gt;"
        );
    }
}
