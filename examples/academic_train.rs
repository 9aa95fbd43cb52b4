//! Trains the academic reference tagger on AnyStyle's tagged references and writes the
//! model file that reftrace ships (`data/academic-model.bin`).
//!
//! ```sh
//! cargo run --release --example academic_train -- ../shared/academic data/academic-model.bin
//! ```
//!
//! Training is deterministic (fixed shuffle seed, features in hash order): the same data
//! gives the same bytes. It takes about a minute on one core.
use reftrace::academic::{dataset, train};
use std::time::Instant;

const FILES: [&str; 4] = ["core", "good", "bad", "ugly"];
/// The file whose strings are noisy (OCR errors, a book's own title tagged
/// `container-title`): they update the weights by `TrainOptions::noisy_weight`.
const NOISY: &str = "ugly";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/academic".into());
    let out = args
        .next()
        .unwrap_or_else(|| "data/academic-model.bin".into());
    let (mut seqs, mut noisy) = (Vec::new(), Vec::new());
    for f in FILES {
        let xml = std::fs::read_to_string(format!("{dir}/{f}.xml"))?;
        let parsed = dataset::parse(&xml)?;
        noisy.extend(std::iter::repeat_n(f == NOISY, parsed.len()));
        seqs.extend(parsed);
    }
    let t0 = Instant::now();
    let refs: Vec<_> = seqs.iter().collect();
    let model = train::train_weighted(&refs, &noisy, train::TrainOptions::default());
    let bytes = model.to_bytes();
    // Written beside the target and renamed over it: an interrupted run leaves the old
    // model or the new one, never half of one.
    let path = std::path::Path::new(&out);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, &bytes)?;
    tmp.persist(path)?;
    eprintln!(
        "trained on {} strings in {:.1}s: {} features, {} dictionary words, {} bytes → {out}",
        seqs.len(),
        t0.elapsed().as_secs_f64(),
        model.feature_count(),
        model.dict().len(),
        bytes.len()
    );
    Ok(())
}
