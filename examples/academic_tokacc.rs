//! Token accuracy of the academic tagger under stratified k-fold cross-validation
//! (a quick check while developing features), per file and in total over the folds.
//! Settings from the environment: `EPOCHS`, `MARGIN`, `CRF`, `C2`, `RUNS`, `DICT_PARTS`,
//! `KEEP`, `MINC`, `NOISY_W`; `NOISY=core,ugly` marks the files whose strings update the
//! perceptron by `TrainOptions::noisy_weight` (default `ugly`, as the shipped model;
//! `NOISY=` marks none); `SKIP_TRAIN=ugly,bad` leaves files out of training;
//! `UGLY_FIX=drop|relabel` drops `ugly.xml`'s strings that have a `container-title` and no
//! `title` from the training folds, or tags that `container-title` `title` there (the
//! held-out strings are never changed); `SHOWERR=FILE` prints that file's first wrong
//! strings.
use reftrace::academic::{dataset, features, tokens, train};
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or("../shared/academic".into());
    let k = 5;
    let mut all = Vec::new();
    for f in ["core", "good", "bad", "ugly"] {
        let xml = std::fs::read_to_string(format!("{dir}/{f}.xml")).unwrap();
        for (i, s) in dataset::parse(&xml).unwrap().into_iter().enumerate() {
            all.push((f, i % k, s));
        }
    }
    let folds: Vec<usize> = std::env::args()
        .nth(2)
        .map_or((0..k).collect(), |s| vec![s.parse().unwrap()]);
    let mut total: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for fold in folds {
        let t0 = Instant::now();
        let skip = std::env::var("SKIP_TRAIN").unwrap_or_default();
        let fix = std::env::var("UGLY_FIX").unwrap_or_default();
        let noisy_files = std::env::var("NOISY").unwrap_or_else(|_| "ugly".into());
        let (fixed, noisy): (Vec<dataset::Sequence>, Vec<bool>) = all
            .iter()
            .filter(|x| x.1 != fold && !skip.split(',').any(|f| f == x.0))
            .filter_map(|x| {
                let is_noisy = noisy_files.split(',').any(|f| f == x.0);
                let conflict = x.0 == "ugly"
                    && x.2.segments.iter().any(|(t, _)| t == "container-title")
                    && !x.2.segments.iter().any(|(t, _)| t == "title");
                match (conflict, fix.as_str()) {
                    (true, "drop") => None,
                    (true, "relabel") => {
                        let mut s = x.2.clone();
                        for (t, _) in &mut s.segments {
                            if t == "container-title" {
                                *t = "title".into();
                            }
                        }
                        Some((s, is_noisy))
                    }
                    _ => Some((x.2.clone(), is_noisy)),
                }
            })
            .unzip();
        let tr: Vec<_> = fixed.iter().collect();
        let mut o = train::TrainOptions::default();
        if let Ok(e) = std::env::var("EPOCHS") {
            o.epochs = e.parse().unwrap();
        }
        if let Ok(e) = std::env::var("MARGIN") {
            o.margin = e.parse().unwrap();
        }
        if std::env::var("CRF").is_ok() {
            o.algorithm = train::Algorithm::Crf;
        }
        if let Ok(e) = std::env::var("C2") {
            o.c2 = e.parse().unwrap();
        }
        if let Some(r) = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()) {
            o.runs = r;
        }
        if let Some(r) = std::env::var("DICT_PARTS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.dict_parts = r;
        }
        if let Ok(e) = std::env::var("KEEP") {
            o.keep = e.parse().unwrap();
        }
        if let Ok(e) = std::env::var("MINC") {
            o.min_count = e.parse().unwrap();
        }
        if let Ok(e) = std::env::var("NOISY_W") {
            o.noisy_weight = e.parse().unwrap();
        }
        let m = train::train_weighted(&tr, &noisy, o);
        let dt = t0.elapsed();
        let mut conf: std::collections::HashMap<(&str, &str, &str), usize> = Default::default();
        let mut shown = 0;
        let mut per: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for (file, _, s) in all.iter().filter(|x| x.1 == fold) {
            let text = s.text();
            let toks = tokens::tokenize(&text);
            let mut f = features::Features::default();
            features::extract(&toks, m.dict(), &mut f);
            let pred = m.decode(&f);
            let gold = s.labels();
            for (p, g) in pred.iter().zip(&gold) {
                if p != g {
                    *conf.entry((*file, g.tag(), p.tag())).or_insert(0usize) += 1;
                }
            }
            if std::env::var("SHOWERR").is_ok_and(|v| v == *file) && pred != gold && shown < 25 {
                shown += 1;
                let mut line = String::new();
                let mut last = None;
                for ((t, p), g) in toks.iter().zip(&pred).zip(&gold) {
                    if last != Some((p, g)) {
                        line.push_str(&format!(
                            " [{}{}]",
                            g.tag(),
                            if p != g {
                                format!("≠{}", p.tag())
                            } else {
                                String::new()
                            }
                        ));
                        last = Some((p, g));
                    }
                    line.push(' ');
                    line.push_str(t.text);
                }
                println!("{line}");
            }
            let e = per.entry(file).or_default();
            e.0 += pred.iter().zip(&gold).filter(|(a, b)| a == b).count();
            e.1 += gold.len();
        }
        println!(
            "fold {fold}: train {:.1}s, {} features",
            dt.as_secs_f32(),
            m.feature_count()
        );
        let mut cv: Vec<_> = conf.into_iter().collect();
        cv.sort_by_key(|x| std::cmp::Reverse(x.1));
        for ((f, g, p), c) in cv.iter().take(30) {
            println!("    {f} gold {g} pred {p}: {c}");
        }
        for (f, (a, n)) in per {
            println!("  {f}: {:.4} of {n}", a as f64 / n as f64);
            let t = total.entry(f).or_default();
            t.0 += a;
            t.1 += n;
        }
    }
    let (mut a_all, mut n_all) = (0, 0);
    for (f, (a, n)) in &total {
        println!("total {f}: {:.4} of {n}", *a as f64 / *n as f64);
        a_all += a;
        n_all += n;
    }
    println!("total all: {:.4} of {n_all}", a_all as f64 / n_all as f64);
}
