//! Token accuracy of the academic tagger under stratified k-fold cross-validation
//! (a quick check while developing features).
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
    for fold in folds {
        let t0 = Instant::now();
        let tr: Vec<_> = all.iter().filter(|x| x.1 != fold).map(|x| &x.2).collect();
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
        if let Ok(e) = std::env::var("MINC") {
            o.min_count = e.parse().unwrap();
        }
        let m = train::train(&tr, o);
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
        }
    }
}
