//! Times the parser's phases separately on one article (for profiling).
//!
//! `cargo run --release --example parse_phases -- article.txt`

use reftrace::{Source, article, refs};
use std::time::Instant;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_phases FILE")?;
    let source = Source::new(path.clone(), std::fs::read_to_string(&path)?);
    let t = Instant::now();
    let groups = article::group_lines(&source);
    let t_group = t.elapsed();
    let t = Instant::now();
    let art = article::split(&source);
    let t_split = t.elapsed();
    let section = art.references.as_ref().ok_or("no reference list")?;
    let t = Instant::now();
    let list = refs::parse_section(&source, section, art.date);
    let t_refs = t.elapsed();
    let t = Instant::now();
    drop(list);
    let t_drop = t.elapsed();
    println!(
        "{} groups: group_lines {:?}, split (incl. grouping) {:?}, parse_section {:?}, drop {:?}",
        groups.len(),
        t_group,
        t_split,
        t_refs,
        t_drop
    );
    Ok(())
}
