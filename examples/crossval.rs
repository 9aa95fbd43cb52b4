//! Leave-one-document-out cross-validation of `reftrace trace` over the development set:
//! the sample article (`refs/`), the 16 real documents of `../shared/realdata/` and the
//! made-up articles of the sample's family (`tests/data/*.claims.json`).
//!
//! ```text
//! cargo run --release --example crossval              # per-document table, means, baseline
//! cargo run --release --example crossval -- --ablation   # the CV mean without each signal
//! cargo run --release --example crossval -- --sweep      # means at other link thresholds
//! cargo run --release --example crossval -- --shuffled   # each list shuffled: order judged?
//! cargo run --release --example crossval -- --without synonyms,rank   # signals off
//! ```
//!
//! Environment: `CROSSVAL_ONLY=NAME` scores one document (and lists its problems),
//! `CROSSVAL_ERRORS=1` lists wrong top links (not of the sample), `CROSSVAL_FAMILY=DIR,DIR`
//! reads the made-up family articles from these folders instead of `tests/data` (to try
//! more of them in the fit), `CROSSVAL_FAMILY_WEIGHT=W` weighs each family article W
//! times a real document in the fit.
//!
//! For each document, the model is fitted on the pairs of every *other* document, then
//! the left-out document is parsed and traced by reftrace (its own sentences and its own
//! reading of the list) and scored as `score.py trace` scores it. The word-overlap
//! baseline is `../shared/eval/baseline_trace.py` ported line by line; like the script,
//! it reads the gold records and the gold sentences. Set `REFTRACE_SHARED` to point at
//! another `shared/` folder.

use reftrace::trace::eval::{self, Gold, Metrics};
use reftrace::trace::fit::{self, Dataset};
use reftrace::trace::{
    ClaimKind, ClaimTrace, Link, Model, Options, Signal, Signals, Status, Trace,
};
use reftrace::{Source, parse};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One document of the development set.
struct Doc {
    name: String,
    source: Source,
    gold: Gold,
    /// Gold records (`NAME.references.json`), for the baseline; absent for made-up articles.
    records: Option<Vec<(String, String)>>,
    /// Whether it counts in the headline mean (sample + real documents).
    headline: bool,
}

fn shared() -> PathBuf {
    std::env::var_os("REFTRACE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"))
}

fn read_records(path: &Path) -> Option<Vec<(String, String)>> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let refs = v.get("references")?.as_array()?;
    Some(
        refs.iter()
            .map(|r| {
                let s = |k: &str| r.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
                (s("title"), s("outlet"))
            })
            .collect(),
    )
}

fn load(txt: &Path, claims: &Path, records: &Path, headline: bool) -> Option<Doc> {
    let text = std::fs::read_to_string(txt).ok()?;
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(claims).ok()?).ok()?;
    let name = txt.file_stem()?.to_string_lossy().to_string();
    Some(Doc {
        source: Source::new(txt.to_string_lossy().as_ref(), text),
        name,
        gold,
        records: read_records(records),
        headline,
    })
}

/// The development set: the sample, the real documents, the made-up family articles.
fn documents() -> Vec<Doc> {
    let mut docs = Vec::new();
    let sample = "refs/musings-2023-11-22-us-retaliates";
    docs.extend(load(
        Path::new(&format!("{sample}.txt")),
        Path::new(&format!("{sample}.claims.json")),
        Path::new(&format!("{sample}.references.json")),
        true,
    ));
    let real = shared().join("realdata");
    let mut names: Vec<String> = std::fs::read_dir(&real)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let n = e.file_name().to_string_lossy().to_string();
                    n.strip_suffix(".claims.json").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if names.is_empty() {
        eprintln!("note: no documents in {}", real.display());
    }
    for n in names {
        docs.extend(load(
            &real.join(format!("{n}.txt")),
            &real.join(format!("{n}.claims.json")),
            &real.join(format!("{n}.references.json")),
            true,
        ));
    }
    let dirs = std::env::var("CROSSVAL_FAMILY").unwrap_or_else(|_| "tests/data".into());
    for txt in dirs
        .split(',')
        .flat_map(|d| reftrace::trace::fit::family_articles(Path::new(d)))
    {
        docs.extend(load(
            &txt,
            &txt.with_extension("claims.json"),
            &txt.with_extension("references.json"),
            false,
        ));
    }
    docs
}

/// `baseline_trace.py`, ported: IDF-weighted shared words between each gold sentence and
/// each gold record's title + outlet, top 3 at or above max(4, 0.6 × best).
fn baseline(records: &[(String, String)], gold: &Gold) -> Trace {
    const STOP: &str = "the a an of in on at to for and or with by from as that this was were is are be been has have had it its his their they he she which who than then but not no into over after before about against";
    let stop: HashSet<&str> = STOP.split(' ').collect();
    let toks = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
            .filter(|w| !w.is_empty() && !stop.contains(w))
            .map(str::to_string)
            .collect()
    };
    let docs: Vec<HashSet<String>> = records
        .iter()
        .map(|(t, o)| toks(&format!("{t} {o}")).into_iter().collect())
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        for w in d {
            *df.entry(w).or_default() += 1.0;
        }
    }
    let n = docs.len() as f64;
    let idf = |w: &str| (1.0 + n / df.get(w).copied().unwrap_or(0.5)).ln();
    let claims = gold
        .claims
        .iter()
        .map(|c| {
            let q: HashSet<String> = toks(&c.text).into_iter().collect();
            let mut scores: Vec<(f64, usize)> = docs
                .iter()
                .enumerate()
                .filter_map(|(i, d)| {
                    let s: f64 = q.intersection(d).map(|w| idf(w)).sum();
                    (s > 0.0).then_some((s, i + 1))
                })
                .collect();
            // Python sorts (score, index) tuples in reverse: ties go to the larger index.
            scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
            let top = scores.first().map(|s| s.0).unwrap_or(0.0);
            let sources = scores
                .iter()
                .take(3)
                .filter(|(s, _)| *s >= 4.0f64.max(0.6 * top))
                .map(|&(s, i)| Link {
                    index: i,
                    key: String::new(),
                    score: s / 20.0,
                    evidence: Vec::new(),
                    conflicts: Vec::new(),
                })
                .collect();
            ClaimTrace {
                index: c.index,
                text: c.text.clone(),
                byte_start: c.byte_start,
                byte_end: c.byte_end,
                kind: ClaimKind::Factual,
                title: false,
                status: Status::Supported,
                sources,
                thin_titles: Vec::new(),
            }
        })
        .collect();
    Trace {
        claims,
        references: Vec::new(),
        unused_references: Vec::new(),
        unsupported_claims: Vec::new(),
        pairs_scored: 0,
        citation_order: false,
        order_evidence: 0.0,
    }
}

fn row(name: &str, m: &Metrics) -> String {
    format!(
        "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
        m.p_at_1, m.core_recall, m.precision, m.quiet
    )
}

/// A mean row, with three decimals (the issue's margins are judged on them).
fn row3(name: &str, m: &Metrics) -> String {
    format!(
        "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
        m.p_at_1, m.core_recall, m.precision, m.quiet
    )
}

fn mean(ms: &[Metrics]) -> Metrics {
    let n = ms.len().max(1) as f64;
    Metrics {
        p_at_1: ms.iter().map(|m| m.p_at_1).sum::<f64>() / n,
        core_recall: ms.iter().map(|m| m.core_recall).sum::<f64>() / n,
        precision: ms.iter().map(|m| m.precision).sum::<f64>() / n,
        quiet: ms.iter().map(|m| m.quiet).sum::<f64>() / n,
        ..Metrics::default()
    }
}

/// The cross-validated trace of every document with `signals`: per-document metrics,
/// and the (probability, right) pairs of every link for the reliability table.
fn cross_validate(docs: &[Doc], signals: &Signals, at: &[(f64, usize, f64)], shuffled: bool) -> Cv {
    let options = Options {
        signals: signals.clone(),
        ..Options::default()
    };
    let parsed: Vec<_> = docs.iter().map(|d| parse(&d.source)).collect();
    let family_weight: f64 = std::env::var("CROSSVAL_FAMILY_WEIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let sets: Vec<Dataset> = docs
        .iter()
        .zip(&parsed)
        .map(|(d, p)| {
            let mut s = fit::dataset(&d.source, p, &d.gold, &options);
            if d.records.is_none() {
                s.weight = family_weight;
            }
            s
        })
        .collect();
    let mut cv = Cv::default();
    if std::env::var_os("CROSSVAL_COVERAGE").is_some() {
        for (d, s) in docs.iter().zip(&sets) {
            let (t, a) = s.coverage();
            eprintln!(
                "{}: {t} of {a} core pairs proposed by the text index",
                d.name
            );
        }
    }
    let only = std::env::var("CROSSVAL_ONLY").ok();
    for (k, d) in docs.iter().enumerate() {
        if only.as_ref().is_some_and(|o| !d.name.contains(o.as_str())) {
            cv.metrics.push(Metrics::default());
            cv.ordered.push(false);
            cv.evidence.push(0.0);
            cv.sweep.push(vec![Metrics::default(); at.len()]);
            continue;
        }
        let train: Vec<&Dataset> = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, s)| s)
            .collect();
        let model: Model = fit::fit(&train, &options);
        if k == 0 && std::env::var_os("CROSSVAL_WEIGHTS").is_some() {
            eprintln!("{model:?}");
        }
        let t = reftrace::trace::trace_with(&d.source, &parsed[k], &options, &model);
        let (m, problems) = eval::score(&d.gold, &t);
        if only.is_some() {
            eprintln!("{}:\n  {}", d.name, problems.join("\n  "));
        }
        if std::env::var_os("CROSSVAL_ERRORS").is_some() && !d.name.starts_with("musings") {
            errors(d, &parsed[k], &t);
        }
        cv.reliability.extend(fit::link_outcomes(&d.gold, &t));
        cv.metrics.push(m);
        cv.ordered.push(t.citation_order);
        cv.evidence.push(t.order_evidence);
        if shuffled {
            // The same list in another order must not be judged to be in citation order.
            let mut p = parsed[k].clone();
            let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ k as u64;
            for i in (1..p.references.len()).rev() {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                p.references.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let t = reftrace::trace::trace_with(&d.source, &p, &options, &model);
            cv.shuffled.push((t.citation_order, t.order_evidence));
        }
        let mut sweep = Vec::new();
        for &setting in at {
            let o = decision(&options, setting);
            let t = reftrace::trace::trace_with(&d.source, &parsed[k], &o, &model);
            sweep.push(eval::score(&d.gold, &t).0);
        }
        cv.sweep.push(sweep);
    }
    cv
}

/// Prints (to standard error) each claim whose top link is not one of its gold core
/// references, with the titles of both: the data of an error analysis. The sample is
/// left out: it is the held-out check, not tuning material.
fn errors(d: &Doc, parsed: &reftrace::Parsed, t: &Trace) {
    let title = |i: usize| {
        parsed
            .references
            .iter()
            .find(|r| r.index == i)
            .and_then(|r| r.title.clone())
            .unwrap_or_default()
    };
    for c in &t.claims {
        let gold =
            d.gold.claims.iter().find(|g| {
                g.byte_start < c.byte_end && c.byte_start < g.byte_end && !g.core.is_empty()
            });
        let Some(g) = gold else { continue };
        let top = c.sources.first().map(|l| (l.index, l.score));
        if top.is_some_and(|(i, _)| g.core.contains(&i)) {
            continue;
        }
        eprintln!(
            "{} | {}",
            d.name,
            c.text.chars().take(160).collect::<String>()
        );
        match top {
            Some((i, p)) => eprintln!("    linked #{i} ({p:.2}): {}", title(i)),
            None => eprintln!("    no link"),
        }
        for i in &g.core {
            eprintln!("    gold   #{i}: {}", title(*i));
        }
    }
}

/// `options` with the link decision of one sweep setting (threshold, links, share).
fn decision(options: &Options, (min, links, cut): (f64, usize, f64)) -> Options {
    Options {
        min_confidence: min,
        max_sources: links,
        relative_cut: cut,
        ..options.clone()
    }
}

/// What a cross-validation run gives.
#[derive(Default)]
struct Cv {
    metrics: Vec<Metrics>,
    reliability: Vec<(f64, bool)>,
    ordered: Vec<bool>,
    /// ln Bayes factor of citation order, per document.
    evidence: Vec<f64>,
    /// With `--shuffled`: (judged ordered, ln Bayes factor) of each list shuffled.
    shuffled: Vec<(bool, f64)>,
    /// Per document, the metrics at each link threshold of the sweep.
    sweep: Vec<Vec<Metrics>>,
}

/// The held-out family sets: `tests/data/heldout/` (six articles, first used in session 4)
/// and `tests/data/heldout2/` (six more by another writer, first traced in session 5).
const HELD_OUT: [&str; 2] = ["tests/data/heldout", "tests/data/heldout2"];

/// The articles of a held-out folder, in no fit and never looked at while tuning:
/// traced with weights fitted as the shipped ones are (every development document but
/// the sample), next to the baseline on reftrace's own reading of their lists (every
/// entry of them reads exactly).
fn held_out(model: &Model, signals: &Signals, dir: &str, at: &[(f64, usize, f64)]) {
    let docs: Vec<Doc> = fit::family_articles(Path::new(dir))
        .iter()
        .filter_map(|txt| {
            load(
                txt,
                &txt.with_extension("claims.json"),
                &txt.with_extension("references.json"),
                false,
            )
        })
        .collect();
    if docs.is_empty() {
        return;
    }
    let options = Options {
        signals: signals.clone(),
        ..Options::default()
    };
    println!(
        "\nHeld-out articles of the sample's family (`{dir}/`: in no fit, traced with weights fitted on the development set but the sample):\n"
    );
    println!(
        "| document | P@1 | core recall | link precision | quiet | baseline P@1 | recall | precision | quiet |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for d in &docs {
        let parsed = parse(&d.source);
        let t = reftrace::trace::trace_with(&d.source, &parsed, &options, model);
        let m = eval::score(&d.gold, &t).0;
        let records: Vec<(String, String)> = parsed
            .references
            .iter()
            .map(|r| {
                (
                    r.title.clone().unwrap_or_default(),
                    r.outlet.clone().unwrap_or_default(),
                )
            })
            .collect();
        let b = eval::score(
            &d.gold,
            &baseline(d.records.as_ref().unwrap_or(&records), &d.gold),
        )
        .0;
        println!(
            "{} {:.2} | {:.2} | {:.2} | {:.2} |",
            row(&d.name, &m),
            b.p_at_1,
            b.core_recall,
            b.precision,
            b.quiet
        );
        ours.push(m);
        base.push(b);
    }
    println!("{}", row3("**mean, held out**", &mean(&ours)));
    println!("{}", row3("word-overlap baseline, held out", &mean(&base)));
    if at.is_empty() {
        return;
    }
    // The same weights at other link decisions: a precision-recall curve to set beside
    // the baseline's single point (not used to choose anything).
    println!(
        "\n| `{dir}/` at link threshold, at most, share of the best | P@1 | core recall | link precision | quiet |"
    );
    println!("|---|---|---|---|---|");
    let parsed: Vec<_> = docs.iter().map(|d| parse(&d.source)).collect();
    for &(min, links, cut) in at {
        let o = decision(&options, (min, links, cut));
        let ms: Vec<Metrics> = docs
            .iter()
            .zip(&parsed)
            .map(|(d, p)| {
                eval::score(
                    &d.gold,
                    &reftrace::trace::trace_with(&d.source, p, &o, model),
                )
                .0
            })
            .collect();
        println!(
            "{}",
            row(&format!("{min:.3}, {links} links, {cut:.1}"), &mean(&ms))
        );
    }
}

/// What the link decision is chosen to maximise: issue 9's own test, the smallest margin
/// above its targets: P@1 0.55, core recall 0.55, link precision 0.45, and each at least
/// 0.2 above the word-overlap baseline `base` on the same documents.
fn objective(m: &Metrics, base: &Metrics) -> f64 {
    (m.p_at_1 - 0.55f64.max(base.p_at_1 + 0.2))
        .min(m.core_recall - 0.55f64.max(base.core_recall + 0.2))
        .min(m.precision - 0.45f64.max(base.precision + 0.2))
}

/// The decision constants chosen without the document they score: for each document, the
/// sweep setting with the best mean objective over the *other* documents, and that
/// document's metrics at it. This takes the selection optimism out of the headline mean
/// (the weights are already fitted without the document).
fn nested(
    docs: &[Doc],
    head: &[usize],
    at: &[(f64, usize, f64)],
    run: &Cv,
    base: &HashMap<usize, Metrics>,
) {
    println!(
        "\nThe link decision chosen without the document scored (the setting whose mean over the others clears issue 9's targets by the widest margin):\n"
    );
    println!(
        "| document | chosen (threshold, links, share) | P@1 | core recall | link precision | quiet |"
    );
    println!("|---|---|---|---|---|---|");
    let mut scored = Vec::new();
    for &i in head {
        let best = (0..at.len())
            .max_by(|&a, &b| {
                let others: Vec<usize> = head.iter().copied().filter(|&k| k != i).collect();
                let others_base: Vec<Metrics> =
                    others.iter().filter_map(|k| base.get(k)).copied().collect();
                let score = |j: usize| {
                    let m: Vec<Metrics> = others.iter().map(|&k| run.sweep[k][j]).collect();
                    objective(&mean(&m), &mean(&others_base))
                };
                score(a).total_cmp(&score(b)).then(b.cmp(&a))
            })
            .unwrap_or(0);
        let (min, links, cut) = at[best];
        let m = run.sweep[i][best];
        println!(
            "| {} | {min:.3}, {links}, {cut:.1} | {:.2} | {:.2} | {:.2} | {:.2} |",
            docs[i].name, m.p_at_1, m.core_recall, m.precision, m.quiet
        );
        scored.push(m);
    }
    println!("{}", row3("**mean, decision nested**", &mean(&scored)));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs = documents();
    let head: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].headline).collect();
    let at: Vec<(f64, usize, f64)> = if args.iter().any(|a| a == "--sweep") {
        [0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3]
            .into_iter()
            .flat_map(|p| [(p, 2), (p, 3), (p, 25)])
            .flat_map(|(p, n)| [(p, n, 0.3), (p, n, 0.5), (p, n, 0.7)])
            .collect()
    } else {
        Vec::new()
    };
    let off: Vec<&str> = args
        .iter()
        .position(|a| a == "--without")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').collect())
        .unwrap_or_default();
    let signals = Signals::only(
        &Signal::ALL
            .into_iter()
            .filter(|s| !off.contains(&s.name()))
            .collect::<Vec<_>>(),
    );
    let shuffled = args.iter().any(|a| a == "--shuffled");
    let run = cross_validate(&docs, &signals, &at, shuffled);
    let (cv, reliability, orders) = (&run.metrics, &run.reliability, &run.ordered);
    println!(
        "Leave-one-document-out cross-validation ({} documents; the mean is over the {} of the sample and realdata)\n",
        docs.len(),
        head.len()
    );
    println!(
        "| document | P@1 | core recall | link precision | quiet | baseline P@1 | recall | precision | quiet |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut base = Vec::new();
    let mut base_of = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let b = d
            .records
            .as_ref()
            .map(|r| eval::score(&d.gold, &baseline(r, &d.gold)).0);
        if d.headline {
            base.extend(b);
            if let Some(b) = b {
                base_of.insert(i, b);
            }
        }
        let b = b.map_or(" – | – | – | – |".to_string(), |b| {
            format!(
                " {:.2} | {:.2} | {:.2} | {:.2} |",
                b.p_at_1, b.core_recall, b.precision, b.quiet
            )
        });
        let mut mark = String::new();
        if orders[i] {
            mark.push_str(&format!(
                " (in citation order, ln BF {:.0})",
                run.evidence[i]
            ));
        } else {
            mark.push_str(&format!(" (ln BF {:.0})", run.evidence[i]));
        }
        if let Some((o, e)) = run.shuffled.get(i) {
            mark.push_str(&format!(
                " (shuffled: {}, ln BF {e:.0})",
                if *o { "ORDERED" } else { "unordered" }
            ));
        }
        if !d.headline {
            mark.push_str(" (family, not in the mean)");
        }
        println!("{}{b}", row(&format!("{}{mark}", d.name), &cv[i]));
    }
    let ours: Vec<Metrics> = head.iter().map(|&i| cv[i]).collect();
    println!(
        "\n| mean over {} | P@1 | core recall | link precision | quiet |",
        ours.len()
    );
    println!("|---|---|---|---|---|");
    println!("{}", row3("reftrace, cross-validated", &mean(&ours)));
    println!(
        "{}",
        row3(
            "word-overlap baseline (gold sentences and records)",
            &mean(&base)
        )
    );
    println!("\nReliability of link probabilities (cross-validated; right = core or plausible):\n");
    println!("| probability | links | right |");
    println!("|---|---|---|");
    for (lo, hi) in [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)] {
        let bin: Vec<bool> = reliability
            .iter()
            .filter(|(p, _)| *p >= lo && *p < hi)
            .map(|(_, ok)| *ok)
            .collect();
        if !bin.is_empty() {
            let right = bin.iter().filter(|b| **b).count() as f64 / bin.len() as f64;
            println!(
                "| {lo:.1}–{:.1} | {} | {right:.2} |",
                hi.min(1.0),
                bin.len()
            );
        }
    }
    if !at.is_empty() {
        println!(
            "\n| link threshold, at most, share of the best | P@1 | core recall | link precision | quiet |"
        );
        println!("|---|---|---|---|---|");
    }
    for (j, (min, links, cut)) in at.iter().enumerate() {
        let m: Vec<Metrics> = head.iter().map(|&i| run.sweep[i][j]).collect();
        println!(
            "{}",
            row(&format!("{min:.3}, {links} links, {cut:.1}"), &mean(&m))
        );
    }
    if !at.is_empty() {
        nested(&docs, &head, &at, &run, &base_of);
    }
    // Weights fitted as the shipped ones are: every development document but the sample.
    let options = Options {
        signals: signals.clone(),
        ..Options::default()
    };
    let sets: Vec<Dataset> = docs
        .iter()
        .filter(|d| !d.name.starts_with("musings"))
        .map(|d| fit::dataset(&d.source, &parse(&d.source), &d.gold, &options))
        .collect();
    let model = fit::fit(&sets.iter().collect::<Vec<_>>(), &options);
    for dir in HELD_OUT {
        held_out(&model, &signals, dir, &at);
    }
    if args.iter().any(|a| a == "--ablation") {
        println!("\n| CV mean without | P@1 | core recall | link precision | quiet |");
        println!("|---|---|---|---|---|");
        println!("{}", row("(full model)", &mean(&ours)));
        for s in Signal::ALL {
            let m = cross_validate(&docs, &Signals::without(s), &[], false).metrics;
            let m: Vec<Metrics> = head.iter().map(|&i| m[i]).collect();
            println!("{}", row(s.name(), &mean(&m)));
        }
    }
}
