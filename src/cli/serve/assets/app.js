// tracuu serve: the page. No framework, no build step. Every view is the
// URL's query string (q, filters, sort, offset, tab, article…), so reload,
// the back button and a link sent to a colleague show the same view.
// Untrusted text (headlines, snippets, names) only ever goes into the page
// as text nodes, never as HTML.
"use strict";

const FACETS = [
  ["province", "Tỉnh, thành (khi đó)"],
  ["province_2025", "Tỉnh, thành (sau 2025)"],
  ["year", "Năm"],
  ["official", "Quan chức"],
  ["source", "Nguồn"],
  ["category", "Chuyên mục"],
];
const FILTERS = FACETS.map(([f]) => f).concat(["date_from", "date_to", "date_source"]);
const LABELS = Object.assign(Object.fromEntries(FACETS), { date_from: "Từ ngày", date_to: "Đến ngày", date_source: "Nguồn ngày" });
const LONG_FACETS = new Set(["official", "source", "category"]);
const PAGE = 10;
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"];
const BY_NAMES = { year: "năm", quarter: "quý", month: "tháng", week: "tuần", day: "ngày" };

const $ = (id) => document.getElementById(id);
let firstDrawn = false;
let generation = 0;

function state() {
  return new URLSearchParams(location.search);
}

// The API parameters of the current view: the query and the filters.
function apiParams(s, extra) {
  const p = new URLSearchParams();
  if (s.get("q")) p.set("q", s.get("q"));
  for (const f of FILTERS) for (const v of s.getAll(f)) p.append(f, v);
  for (const [k, v] of Object.entries(extra || {})) if (v !== undefined && v !== null && v !== "") p.append(k, v);
  return p;
}

function go(s, replace) {
  const url = "?" + s.toString();
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString());
  const body = await response.json().catch(() => ({ error: "invalid answer" }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// Text with UTF-8 byte ranges marked (the engine's highlights are byte ranges).
function marked(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const out = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out.append(decode(at, start), el("mark", {}, decode(start, end)));
    at = end;
  }
  out.append(decode(at, bytes.length));
  return out;
}

const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

async function render() {
  const s = state();
  const mine = ++generation;
  $("q").value = s.get("q") || "";
  const tab = s.get("tab") || "hits";
  for (const button of document.querySelectorAll("[role=tab]")) {
    const selected = button.dataset.tab === tab;
    button.setAttribute("aria-selected", selected);
    button.tabIndex = selected ? 0 : -1;
  }
  drawActive(s);
  const facets = api("/api/facets", apiParams(s, { top: 12 })).then((r) => mine === generation && drawFacets(s, r));
  const views = { hits: drawHits, chart: drawChart, terms: drawTerms, kwic: drawKwic };
  const view = (views[tab] || drawHits)(s, mine);
  try {
    await Promise.all([facets, view]);
  } catch (err) {
    if (mine === generation) showError(err);
  }
  if (s.get("article")) openArticle(s.get("article"), s);
  else closeArticleView();
}

function showError(err) {
  $("panel").replaceChildren(el("p", { class: "error", role: "alert" }, "Lỗi: " + err.message));
}

function setSummary(total, notes) {
  $("summary").textContent = total.toLocaleString("vi-VN") + " bài";
  $("summary").dataset.total = total;
  $("notes").textContent = (notes || []).join(" · ");
}

function drawActive(s) {
  const chips = [];
  for (const f of FILTERS) {
    for (const v of s.getAll(f)) {
      const label = (LABELS[f] || f) + ": " + (v === "none" ? "không rõ" : v);
      chips.push(el("button", { type: "button", "aria-label": "Bỏ lọc " + label, onclick: () => toggle(f, v) }, label + " ✕"));
    }
  }
  $("active").replaceChildren(...chips);
}

function toggle(field, value) {
  const s = state();
  const values = s.getAll(field);
  s.delete(field);
  const next = values.includes(value) ? values.filter((v) => v !== value) : values.concat([value]);
  for (const v of next) s.append(field, v);
  s.delete("offset");
  go(s);
}

function drawFacets(s, report) {
  const boxes = [];
  const counts = new Map(report.facets ? Object.entries(report.facets) : []);
  for (const [field, title] of FACETS) {
    const facet = counts.get(field);
    if (!facet) continue;
    const chosen = new Set(s.getAll(field));
    const list = el("div", { class: "values", id: "values-" + field });
    const values = facet.values.map((v) => [String(v.value), v.count]);
    // Undated articles are no year value to filter by (the chart counts them apart).
    if (facet.unknown && field !== "year") values.push(["none", facet.unknown]);
    for (const v of chosen) if (!values.some(([x]) => x === v)) values.push([v, 0]);
    for (const [value, count] of values) {
      const id = "f-" + field + "-" + fold(value).replace(/[^a-z0-9]+/g, "-");
      const box = el("input", { type: "checkbox", id, "data-field": field, "data-value": value, onchange: () => toggle(field, value) });
      box.checked = chosen.has(value);
      list.append(el("label", { for: id, "data-name": fold(value) }, box, value === "none" ? "(không rõ)" : value,
        el("span", { class: "count" }, count.toLocaleString("vi-VN"))));
    }
    const section = el("section", { class: "facet", "aria-labelledby": "h-" + field }, el("h2", { id: "h-" + field }, title));
    if (LONG_FACETS.has(field) && facet.distinct > values.length) {
      section.append(el("input", { type: "search", placeholder: "Lọc tên…", "aria-label": "Lọc " + title,
        oninput: (e) => narrowFacet(field, e.target.value, s) }));
    }
    section.append(list);
    if (facet.distinct > facet.values.length) section.append(el("p", { class: "more" }, "… " + (facet.distinct - facet.values.length) + " giá trị khác"));
    boxes.push(section);
  }
  $("facets").replaceChildren(...boxes);
}

// A long facet's search box: more values from the server, narrowed here to
// those with a word starting with what is typed, accents ignored.
let narrowing = 0;
async function narrowFacet(field, typed, s) {
  const mine = ++narrowing;
  const wanted = fold(typed.trim());
  const report = await api("/api/facets", apiParams(s, { field, top: 500 }));
  if (mine !== narrowing) return;
  const facet = report.facets[field];
  const list = $("values-" + field);
  const chosen = new Set(s.getAll(field));
  const rows = facet.values
    .filter((v) => !wanted || fold(String(v.value)).split(/\s+/).some((w) => w.startsWith(wanted)) || fold(String(v.value)).startsWith(wanted))
    .slice(0, 30)
    .map((v) => {
      const value = String(v.value);
      const id = "f-" + field + "-" + fold(value).replace(/[^a-z0-9]+/g, "-");
      const box = el("input", { type: "checkbox", id, "data-field": field, "data-value": value, onchange: () => toggle(field, value) });
      box.checked = chosen.has(value);
      return el("label", { for: id }, box, value, el("span", { class: "count" }, v.count.toLocaleString("vi-VN")));
    });
  list.replaceChildren(...rows);
}

function exportLinks(s) {
  const p = apiParams(s, { sort: s.get("sort") });
  const excel = new URLSearchParams(p);
  excel.set("excel", "1");
  return [
    el("span", {}, "Xuất toàn bộ:"),
    el("a", { href: "/api/export.csv?" + p, id: "export-csv", download: "tracuu.csv" }, "CSV"),
    el("a", { href: "/api/export.csv?" + excel, download: "tracuu.csv" }, "CSV cho Excel"),
    el("a", { href: "/api/export.jsonl?" + p, download: "tracuu.jsonl" }, "JSONL"),
  ];
}

async function drawHits(s, mine) {
  const offset = Number(s.get("offset") || 0);
  const results = await api("/api/search", apiParams(s, { limit: PAGE, offset, sort: s.get("sort") }));
  if (mine !== generation) return;
  setSummary(results.total, results.notes);
  const sort = el("select", { id: "sort", "aria-label": "Sắp xếp", onchange: (e) => { const n = state(); n.set("sort", e.target.value); n.delete("offset"); go(n); } },
    el("option", { value: "score" }, "Liên quan nhất"), el("option", { value: "-date" }, "Mới nhất"), el("option", { value: "date" }, "Cũ nhất"));
  sort.value = s.get("sort") || "score";
  $("toolbar").replaceChildren(el("label", {}, "Sắp xếp ", sort), ...exportLinks(s));
  const list = el("ol", { class: "hits", start: offset + 1 });
  for (const hit of results.hits) {
    const meta = [hit.date, hit.province, (hit.officials || []).slice(0, 4).join(", "), hit.source].filter(Boolean).join(" · ");
    list.append(el("li", { class: "hit" },
      el("h3", {}, el("button", { type: "button", onclick: () => showArticle(hit.id) }, hit.title || hit.id)),
      el("div", { class: "meta" }, meta, hit.duplicates ? " · " + hit.duplicates + " bản đăng lại" : ""),
      el("p", { class: "snippet" }, marked(hit.snippet || "", hit.highlights || []))));
  }
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.append(el("button", { type: "button", onclick: () => page(offset - PAGE) }, "← Trang trước"));
  if (offset + PAGE < results.total) pager.append(el("button", { type: "button", id: "next", onclick: () => page(offset + PAGE) }, "Trang sau →"));
  $("panel").replaceChildren(results.hits.length ? list : el("p", {}, "Không có bài nào."), pager);
  if (!firstDrawn) {
    firstDrawn = true;
    performance.mark("results-drawn");
  }
}

function page(offset) {
  const s = state();
  if (offset > 0) s.set("offset", offset);
  else s.delete("offset");
  go(s);
  $("results").focus();
}

function showArticle(id) {
  const s = state();
  s.set("article", id);
  go(s);
}

async function openArticle(id, s) {
  const a = await api("/api/articles/" + encodeURIComponent(id), apiParams(s));
  const rows = [
    ["Ngày", a.date ? a.date + (a.date_source === "given" ? " (theo dữ liệu)" : " (đọc từ bài)") : "không rõ"],
    ["Tỉnh, thành", (a.province || "không rõ") + (a.province_2025 && a.province_2025 !== a.province ? " (sau 2025: " + a.province_2025 + ")" : "")],
    ["Nguồn", a.source || "không rõ"],
  ];
  const dl = el("dl");
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  if ((a.posts || []).length) {
    dl.append(el("dt", {}, "Quan chức"), el("dd", {}, a.posts.map((p) => (p.role ? p.name + " (" + p.role + ")" : p.name) +
      ((p.posts_at_date || []).length ? " — theo danh sách tham chiếu: " + p.posts_at_date.join("; ") : "")).join(" · ")));
  }
  if ((a.foreign_posts || []).length) {
    dl.append(el("dt", {}, "Quan chức nước ngoài"), el("dd", {}, a.foreign_posts.map((p) => p.name + (p.country ? " (" + p.country + ")" : "")).join("; ")));
  }
  if ((a.copies || []).length) dl.append(el("dt", {}, "Bản đăng lại"), el("dd", {}, a.copies.join(", ")));
  if (a.url) {
    const safe = /^https?:\/\//i.test(a.url);
    dl.append(el("dt", {}, "Bài gốc"), el("dd", {}, safe ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, a.url) : a.url));
  }
  $("article-body").replaceChildren(el("h2", { id: "article-title" }, a.title || a.id), dl, el("p", {}, marked(a.body || "", a.matches || [])));
  $("article").hidden = false;
  $("close").focus();
}

function closeArticleView() {
  $("article").hidden = true;
}

function closeArticle() {
  const s = state();
  s.delete("article");
  go(s);
}

async function drawChart(s, mine) {
  const by = s.get("by") || "year";
  const measure = s.get("measure") || "count";
  const compare = s.get("compare") || "";
  const t = await api("/api/timeline", apiParams(s, { by, compare }));
  if (mine !== generation) return;
  setSummary(t.series[0] ? t.series[0].total : 0, t.notes);
  const bySelect = el("select", { id: "by", "aria-label": "Theo", onchange: (e) => { const n = state(); n.set("by", e.target.value); go(n); } },
    ...["year", "quarter", "month", "week"].map((b) => el("option", { value: b }, "Theo " + BY_NAMES[b])));
  bySelect.value = by;
  const measureSelect = el("select", { "aria-label": "Đại lượng", onchange: (e) => { const n = state(); n.set("measure", e.target.value); go(n); } },
    el("option", { value: "count" }, "Số bài"), el("option", { value: "share" }, "Tỉ lệ trong phạm vi"));
  measureSelect.value = measure;
  const compareBox = el("input", { type: "search", value: compare, placeholder: "So sánh với…", "aria-label": "So sánh với truy vấn",
    onchange: (e) => { const n = state(); if (e.target.value) n.set("compare", e.target.value); else n.delete("compare"); go(n); } });
  $("toolbar").replaceChildren(bySelect, measureSelect, compareBox);
  $("panel").replaceChildren(chart(t, measure), legend(t),
    el("p", { class: "meta" }, t.series.map((x) => x.label + ": " + x.undated + " bài không rõ ngày, " + x.coarser + " bài chỉ rõ năm").join(" · ")));
}

// Bars (one series) or lines (several); clicking a period filters to it.
function chart(t, measure) {
  const NS = "http://www.w3.org/2000/svg";
  const W = 800, H = 300, L = 50, B = 30, T = 10;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Số bài theo " + BY_NAMES[t.by]);
  const values = t.series.map((x) => (measure === "share" ? x.share.map((r) => r * 100) : x.matching));
  // A round top (1, 2 or 5 times a power of ten), whole for counts.
  const highest = Math.max(measure === "share" ? 0.1 : 1, ...values.flat());
  const magnitude = Math.pow(10, Math.floor(Math.log10(highest)));
  let top = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= highest);
  if (measure !== "share") top = Math.max(2, Math.ceil(top));
  const n = Math.max(1, t.periods.length);
  const x = (i) => L + ((i + 0.5) * (W - L - 10)) / n;
  const y = (v) => T + (H - T - B) * (1 - v / top);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  for (const frac of [0, 0.5, 1]) {
    add("line", { x1: L, x2: W - 10, y1: y(top * frac), y2: y(top * frac), stroke: "#ddd" });
    add("text", { x: L - 6, y: y(top * frac) + 4, "text-anchor": "end", "font-size": 11 }, String(+(top * frac).toFixed(2)));
  }
  const every = Math.max(1, Math.ceil(n / 12));
  t.periods.forEach((p, i) => {
    if (i % every === 0) add("text", { x: x(i), y: H - 10, "text-anchor": "middle", "font-size": 11 }, p.label);
  });
  if (values.length === 1) {
    const w = Math.max(1, ((W - L - 10) / n) * 0.8);
    t.periods.forEach((p, i) => {
      const v = values[0][i];
      const bar = add("rect", { class: "bar", x: x(i) - w / 2, y: y(v), width: w, height: Math.max(0, H - B - y(v)), tabindex: 0,
        role: "button", "aria-label": p.label + ": " + t.series[0].matching[i] + " bài", "data-period": p.label });
      const title = document.createElementNS(NS, "title");
      title.textContent = p.label + ": " + t.series[0].matching[i] + " bài";
      bar.append(title);
      const pick = () => { const s = state(); s.set("date_from", p.from); s.set("date_to", p.to); s.set("tab", "hits"); s.delete("offset"); go(s); };
      bar.addEventListener("click", pick);
      bar.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
    });
  } else {
    values.forEach((series, k) => {
      add("polyline", { fill: "none", stroke: COLOURS[k % COLOURS.length], "stroke-width": 2, points: series.map((v, i) => x(i) + "," + y(v)).join(" ") });
    });
  }
  return svg;
}

function legend(t) {
  return el("p", { class: "legend" }, ...t.series.map((s, k) => {
    const swatch = el("i", { "aria-hidden": "true" });
    // Through the CSSOM: the Content-Security-Policy allows no style attribute.
    swatch.style.backgroundColor = COLOURS[k % COLOURS.length];
    return el("span", {}, swatch, s.label + " (" + s.total + ")");
  }));
}

async function drawTerms(s, mine) {
  const t = await api("/api/terms", apiParams(s, { top: 40, min_docs: s.get("min_docs") || 2 }));
  if (mine !== generation) return;
  setSummary(t.hits, t.notes);
  $("toolbar").replaceChildren(el("span", {}, "So với " + (t.against ? "“" + t.against + "”" : "toàn bộ " + t.background.toLocaleString("vi-VN") + " bài") +
    (t.counted < t.hits ? "; đếm trên mẫu " + t.counted + " bài" : "")));
  const body = el("tbody");
  for (const row of t.terms) {
    body.append(el("tr", {},
      el("td", {}, el("button", { class: "term", type: "button", title: "Thêm vào truy vấn", onclick: () => addToQuery(row.term) }, row.term)),
      el("td", { class: "num" }, row.hits), el("td", { class: "num" }, row.background), el("td", { class: "num" }, row.score.toFixed(1))));
  }
  $("panel").replaceChildren(t.terms.length
    ? el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Từ"), el("th", { class: "num" }, "Trong kết quả"), el("th", { class: "num" }, "Toàn bộ"), el("th", { class: "num" }, "Điểm G²"))), body)
    : el("p", {}, "Không có từ nào nổi bật (cần một truy vấn)."));
}

function addToQuery(word) {
  const s = state();
  const q = (s.get("q") || "").trim();
  s.set("q", (q ? q + " " : "") + (word.includes(" ") ? '"' + word + '"' : word));
  s.delete("offset");
  go(s);
}

async function drawKwic(s, mine) {
  const sort = s.get("kwic_sort") || "hits";
  if (!(s.get("q") || "").trim()) {
    $("toolbar").replaceChildren();
    $("panel").replaceChildren(el("p", {}, "Nhập truy vấn để xem ngữ cảnh."));
    return;
  }
  const k = await api("/api/kwic", apiParams(s, { sort, limit: 200, width: 45 }));
  if (mine !== generation) return;
  setSummary(k.articles, k.notes);
  const select = el("select", { "aria-label": "Sắp xếp ngữ cảnh", onchange: (e) => { const n = state(); n.set("kwic_sort", e.target.value); go(n); } },
    el("option", { value: "hits" }, "Theo kết quả"), el("option", { value: "left" }, "Theo từ bên trái"), el("option", { value: "right" }, "Theo từ bên phải"), el("option", { value: "date" }, "Theo ngày"));
  select.value = sort;
  $("toolbar").replaceChildren(select, el("span", {}, k.occurrences + " lần xuất hiện" + (k.cut ? ", hiện " + k.shown : "")));
  const body = el("tbody");
  for (const line of k.lines) {
    body.append(el("tr", {}, el("td", { class: "left" }, line.left), el("td", { class: "match" }, el("mark", {}, line.match)),
      el("td", { class: "right" }, line.right),
      el("td", {}, el("button", { class: "term", type: "button", onclick: () => showArticle(line.id) }, line.date || line.id))));
  }
  $("panel").replaceChildren(el("table", { id: "kwic" }, body));
}

function setup() {
  $("search").addEventListener("submit", (e) => {
    e.preventDefault();
    const s = state();
    const q = $("q").value.trim();
    if (q) s.set("q", q);
    else s.delete("q");
    s.delete("offset");
    go(s);
  });
  for (const button of document.querySelectorAll("[role=tab]")) {
    button.addEventListener("click", () => { const s = state(); s.set("tab", button.dataset.tab); go(s); });
  }
  $("close").addEventListener("click", closeArticle);
  $("article").addEventListener("click", (e) => { if (e.target === $("article")) closeArticle(); });
  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typing) { e.preventDefault(); $("q").focus(); }
    if (e.key === "Escape" && !$("article").hidden) closeArticle();
  });
  window.addEventListener("popstate", render);
  render();
}

setup();
