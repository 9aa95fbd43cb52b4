//! The library's results as text for people: one line per work, a work with its
//! records and merge reasons, the claims a work supports. (JSON comes from `serde`.)

use super::model::{ClaimUse, Origin, WorkDetail, WorkSummary};

/// One line: id, lead name, title, outlet, date, number of sources, tags.
pub fn work_line(w: &WorkSummary) -> String {
    let who = w
        .authors
        .first()
        .map(|p| p.family.clone())
        .or_else(|| w.outlet.clone())
        .unwrap_or_default();
    let outlet = match (&w.outlet, w.authors.is_empty()) {
        (Some(o), false) => format!(" {o}."),
        _ => String::new(),
    };
    format!(
        "{:>6}  {who}, \"{}\"{outlet} {}  [{} source{}]{}\n",
        w.id,
        w.title.as_deref().unwrap_or("(no title)"),
        w.date.as_deref().unwrap_or("n.d."),
        w.sources,
        if w.sources == 1 { "" } else { "s" },
        if w.tags.is_empty() {
            String::new()
        } else {
            format!(" #{}", w.tags.join(" #"))
        }
    )
}

/// A work with every record, where it came from and why it was merged.
pub fn work_text(w: &WorkDetail) -> String {
    let s = &w.summary;
    let mut out = format!("work {} · key {} · {}\n", s.id, s.key, w.kind);
    let people: Vec<String> = s.authors.iter().map(ToString::to_string).collect();
    for (label, value) in [
        ("title", s.title.clone()),
        ("authors", (!people.is_empty()).then(|| people.join("; "))),
        ("outlet", s.outlet.clone()),
        ("date", s.date.clone()),
        ("doi", w.doi.clone()),
        ("url", w.url.clone()),
        ("note", w.note.clone()),
        ("tags", (!s.tags.is_empty()).then(|| s.tags.join(", "))),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("  {label:<8}{v}\n"));
        }
    }
    out.push_str(&format!(
        "  claims  {} (`reftrace library claims --source {}`)\n",
        w.claims, s.id
    ));
    out.push_str(&format!("{} record(s):\n", w.records.len()));
    for r in &w.records {
        let from = match &r.origin {
            Origin::Article {
                article,
                entry,
                line,
            } => format!(
                "article {} ({}) entry {entry}{}",
                article.id,
                article.name,
                line.map_or(String::new(), |l| format!(", line {l}"))
            ),
            Origin::Import { id, file, line } => format!(
                "import {id} ({file}{})",
                line.map_or(String::new(), |l| format!(":{l}"))
            ),
        };
        out.push_str(&format!(
            "  record {} · {from}\n    {}\n",
            r.id,
            r.raw.lines().next().unwrap_or("")
        ));
        match &r.merge_reason {
            Some(why) => out.push_str(&format!(
                "    merged: {why} (undo: `reftrace library split {} {}`)\n",
                s.id, r.id
            )),
            None if r.detached => {
                out.push_str("    split off by hand: never merged automatically\n")
            }
            None => {}
        }
    }
    out
}

/// The claims a work supports, with article, status, confidence and evidence.
pub fn claims_text(work: i64, claims: &[ClaimUse]) -> String {
    let mut out = String::new();
    for c in claims {
        out.push_str(&format!(
            "article {} ({}) claim {} · {} · {:.2} via entry {}\n    {}\n",
            c.article.id, c.article.name, c.claim, c.status, c.score, c.entry, c.text
        ));
        for e in &c.evidence {
            out.push_str(&format!("      {e}\n"));
        }
    }
    out.push_str(&format!(
        "{} claim(s) linked to work {work}\n",
        claims.len()
    ));
    out
}
