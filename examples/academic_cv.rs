//! Cross-validation of the academic reference parser on AnyStyle's tagged references.
//!
//! ```sh
//! cargo run --release --example academic_cv -- ../shared/academic          # 5-fold, stratified by file
//! cargo run --release --example academic_cv -- ../shared/academic files    # leave one file out
//! ```
//!
//! Each fold trains a model on the other folds only, parses the held-out strings
//! through the same path as `reftrace` (tagger, then resolve), writes the records as
//! JSON and the held-out gold as XML, and scores them with
//! `../shared/eval/score_academic.py`. It prints every fold's summary, then the scorer's
//! table over all held-out predictions pooled (each string predicted by a model that
//! never saw it) and the mean of the folds.
use reftrace::academic::{
    Label, dataset, features, join, parse_lines_with, resolve, stack, tokens, train,
};
use std::process::Command;
use std::time::Instant;

const FILES: [&str; 4] = ["core", "good", "bad", "ugly"];

fn oracle(s: &dataset::Sequence, line: usize) -> reftrace::Reference {
    use reftrace::academic::Segment;
    let text = s.text();
    let mut segs = Vec::new();
    let mut at = 0;
    for (tag, t) in &s.segments {
        if t.is_empty() {
            continue;
        }
        segs.push((Label::from_tag(tag), at..at + t.len()));
        at += t.len() + 1;
    }
    let segs: Vec<Segment<'_>> = segs
        .into_iter()
        .map(|(label, span)| Segment {
            label,
            text: &text[span.clone()],
            span,
        })
        .collect();
    resolve::resolve(
        &text,
        &segs,
        resolve::Place {
            index: line,
            line,
            offset: 0,
        },
    )
}

/// The training options, with `ACAD_EPOCHS`, `ACAD_RUNS` (perceptron runs averaged),
/// `ACAD_DICT_PARTS` (parts of the dictionary jackknife), `ACAD_KEEP` (features kept),
/// `ACAD_NOISY_W` (update weight of `ugly.xml`'s strings, marked noisy as in the
/// shipped model) read from the environment for experiments.
fn options() -> train::TrainOptions {
    let mut o = train::TrainOptions::default();
    let var = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok());
    if let Some(e) = var("ACAD_EPOCHS") {
        o.epochs = e;
    }
    if let Some(r) = var("ACAD_RUNS") {
        o.runs = r;
    }
    if let Some(p) = var("ACAD_DICT_PARTS") {
        o.dict_parts = p;
    }
    if let Some(k) = var("ACAD_KEEP") {
        o.keep = k;
    }
    if let Some(w) = std::env::var("ACAD_NOISY_W")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        o.noisy_weight = w;
    }
    o
}

/// `ACAD_STACK`: the number of inner folds of a stacked second tagger (unset: none).
fn stack_inner() -> Option<usize> {
    std::env::var("ACAD_STACK")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|k| *k >= 2)
}

/// The labels of a tagger trained on the other inner folds.
fn jackknife(seqs: &[&dataset::Sequence], noisy: &[bool], k: usize) -> Vec<Vec<Label>> {
    let mut out = vec![Vec::new(); seqs.len()];
    for j in 0..k {
        let (tr, nz): (Vec<_>, Vec<_>) = seqs
            .iter()
            .zip(noisy)
            .enumerate()
            .filter(|(i, _)| i % k != j)
            .map(|(_, (s, n))| (*s, *n))
            .unzip();
        let m = train::train_weighted(&tr, &nz, options());
        for (i, s) in seqs.iter().enumerate().filter(|(i, _)| i % k == j) {
            let text = s.text();
            let toks = tokens::tokenize(&text);
            let mut f = features::Features::default();
            features::extract(&toks, m.dict(), &mut f);
            out[i] = m.decode(&f);
        }
    }
    out
}

/// A second tagger over the first's labels, those of the training strings from `k`
/// inner folds.
fn stacked(seqs: &[&dataset::Sequence], noisy: &[bool], k: usize) -> reftrace::academic::Model {
    let first = jackknife(seqs, noisy, k);
    train::train_stacked(seqs, noisy, &first, options())
}

fn score(scorer: &str, gold: &str, pred: &str) -> String {
    let out = Command::new("python3")
        .args([scorer, "score", gold, pred])
        .output()
        .expect("python3 runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn metric(report: &str, key: &str) -> f64 {
    report
        .split_whitespace()
        .find_map(|w| w.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/academic".into());
    let mode = args.next().unwrap_or_else(|| "5".into());
    let scorer =
        std::env::var("SCORER").unwrap_or_else(|_| format!("{dir}/../eval/score_academic.py"));
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut all = Vec::new();
    for (fi, f) in FILES.iter().enumerate() {
        let xml = std::fs::read_to_string(format!("{dir}/{f}.xml")).expect("dataset file");
        for (i, s) in dataset::parse(&xml)
            .expect("dataset")
            .into_iter()
            .enumerate()
        {
            all.push((fi, i, s));
        }
    }
    let (k, fold_of): (usize, Box<dyn Fn(usize, usize) -> usize>) = if mode == "files" {
        (FILES.len(), Box::new(|fi, _| fi))
    } else {
        let k: usize = mode.parse().expect("a number of folds or `files`");
        (k, Box::new(move |_, i| i % k))
    };
    println!(
        "academic CV: {} strings, {k} folds ({})",
        all.len(),
        if mode == "files" {
            "leave one file out"
        } else {
            "stratified by file"
        }
    );
    let mut pooled_gold = Vec::new();
    let mut pooled_pred: Vec<reftrace::Reference> = Vec::new();
    let mut pooled_file: Vec<usize> = Vec::new();
    let (mut f1s, mut exacts) = (Vec::new(), Vec::new());
    for fold in 0..k {
        let t0 = Instant::now();
        let train_set: Vec<_> = all
            .iter()
            .filter(|x| fold_of(x.0, x.1) != fold)
            .map(|x| &x.2)
            .collect();
        let noisy: Vec<bool> = all
            .iter()
            .filter(|x| fold_of(x.0, x.1) != fold)
            .map(|x| FILES[x.0] == "ugly")
            .collect();
        let test: Vec<_> = all
            .iter()
            .filter(|x| fold_of(x.0, x.1) == fold)
            .map(|x| &x.2)
            .collect();
        pooled_file.extend(
            all.iter()
                .filter(|x| fold_of(x.0, x.1) == fold)
                .map(|x| x.0),
        );
        let model = train::train_weighted(&train_set, &noisy, options());
        let second = stack_inner().map(|k| stacked(&train_set, &noisy, k));
        let trained = t0.elapsed();
        let text: String = test.iter().map(|s| s.text() + "\n").collect();
        let t1 = Instant::now();
        let refs = if std::env::var("ORACLE").is_ok() {
            // The resolve step alone: gold segments in, records out.
            test.iter()
                .enumerate()
                .map(|(j, s)| oracle(s, j + 1))
                .collect()
        } else if let Some(second) = &second {
            test.iter()
                .enumerate()
                .map(|(j, s)| {
                    let text = s.text();
                    let toks = tokens::tokenize(&text);
                    let mut f = features::Features::default();
                    features::extract(&toks, model.dict(), &mut f);
                    let first = model.decode(&f);
                    stack::append(&toks, &first, &mut f);
                    let segs = join(&text, &toks, second.decode(&f));
                    let place = resolve::Place {
                        index: j + 1,
                        line: j + 1,
                        offset: 0,
                    };
                    resolve::resolve(&text, &segs, place)
                })
                .collect()
        } else {
            parse_lines_with(&model, &text)
        };
        let parsed = t1.elapsed();
        let gold_path = tmp.path().join(format!("gold{fold}.xml"));
        let pred_path = tmp.path().join(format!("pred{fold}.json"));
        std::fs::write(&gold_path, dataset::write(&test)).expect("write gold");
        let json = serde_json::json!({ "references": refs });
        std::fs::write(&pred_path, json.to_string()).expect("write predictions");
        let report = score(
            &scorer,
            gold_path.to_str().unwrap_or(""),
            pred_path.to_str().unwrap_or(""),
        );
        let (f1, ex) = (metric(&report, "micro_f1"), metric(&report, "record_exact"));
        println!(
            "fold {fold}: {} held out, trained on {} in {:.1}s, parsed in {:.3}s: micro F1 {f1:.4}, records exact {ex:.3}",
            test.len(),
            train_set.len(),
            trained.as_secs_f64(),
            parsed.as_secs_f64()
        );
        if std::env::var("SHOW_FOLDS").is_ok() {
            print!("{report}");
        }
        f1s.push(f1);
        exacts.push(ex);
        let base = pooled_gold.len();
        pooled_gold.extend(test.iter().copied());
        for mut r in refs {
            r.line += base;
            pooled_pred.push(r);
        }
    }
    let gold_path = tmp.path().join("gold-all.xml");
    let pred_path = tmp.path().join("pred-all.json");
    std::fs::write(&gold_path, dataset::write(&pooled_gold)).expect("write gold");
    std::fs::write(
        &pred_path,
        serde_json::json!({ "references": pooled_pred }).to_string(),
    )
    .expect("write predictions");
    if let Ok(keep) = std::env::var("KEEP") {
        let _ = std::fs::copy(&gold_path, format!("{keep}.xml"));
        let _ = std::fs::copy(&pred_path, format!("{keep}.json"));
    }
    println!("\nall held-out predictions pooled:");
    print!(
        "{}",
        score(
            &scorer,
            gold_path.to_str().unwrap_or(""),
            pred_path.to_str().unwrap_or("")
        )
    );
    println!("\nheld-out predictions by file:");
    for (fi, f) in FILES.iter().enumerate() {
        let idx: Vec<usize> = (0..pooled_gold.len())
            .filter(|i| pooled_file[*i] == fi)
            .collect();
        let gold: Vec<_> = idx.iter().map(|i| pooled_gold[*i]).collect();
        let pred: Vec<_> = idx
            .iter()
            .enumerate()
            .map(|(j, i)| {
                let mut r = pooled_pred[*i].clone();
                r.line = j + 1;
                r
            })
            .collect();
        let gp = tmp.path().join(format!("gold-{f}.xml"));
        let pp = tmp.path().join(format!("pred-{f}.json"));
        std::fs::write(&gp, dataset::write(&gold)).expect("write gold");
        std::fs::write(&pp, serde_json::json!({ "references": pred }).to_string())
            .expect("write predictions");
        let report = score(
            &scorer,
            gp.to_str().unwrap_or(""),
            pp.to_str().unwrap_or(""),
        );
        if let Ok(keep) = std::env::var("KEEP") {
            let _ = std::fs::copy(&gp, format!("{keep}-{f}.xml"));
            let _ = std::fs::copy(&pp, format!("{keep}-{f}.json"));
        }
        println!(
            "  {f}.xml ({} strings): micro F1 {:.4}, records exact {:.3}",
            gold.len(),
            metric(&report, "micro_f1"),
            metric(&report, "record_exact")
        );
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "mean over {k} folds: micro F1 {:.4}, records exact {:.3}",
        mean(&f1s),
        mean(&exacts)
    );
}
