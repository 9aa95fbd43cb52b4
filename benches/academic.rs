//! Speed of the academic reference parser: `academic::parse_list` on 10,000 references.
//!
//! The list is made here, deterministically, in five styles (APA journal article,
//! Chicago book, APA chapter, IEEE conference paper, thesis) with made-up names and
//! title words, so that most words are new to the model as in real lists. Set
//! `ACADEMIC_BENCH_LIST=FILE` to time a list of your own (one entry per line) instead.
//! Run with `cargo bench --bench academic`; the references per second follow from
//! the time and the entry count in the benchmark's name. mimalloc is the allocator,
//! as in the `reftrace` binary.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reftrace::academic;
use std::hint::black_box;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self, cap: bool) -> String {
        const SYL: [&str; 24] = [
            "ka", "ber", "lin", "to", "mar", "sen", "vo", "ri", "dal", "en", "gra", "shi", "no",
            "pel", "tu", "wes", "ham", "or", "stra", "mi", "quen", "do", "lau", "bre",
        ];
        let mut w: String = (0..2 + self.below(2))
            .map(|_| SYL[self.below(SYL.len())])
            .collect();
        if cap {
            w[..1].make_ascii_uppercase();
        }
        w
    }
    fn title(&mut self, words: usize) -> String {
        const COMMON: [&str; 12] = [
            "the", "of", "in", "and", "analysis", "effects", "model", "study", "on", "a",
            "learning", "evidence",
        ];
        let mut t: Vec<String> = Vec::new();
        for i in 0..words {
            let w = if self.below(3) == 0 {
                COMMON[self.below(COMMON.len())].to_string()
            } else {
                self.word(false)
            };
            t.push(if i == 0 {
                let mut w = w;
                w[..1].make_ascii_uppercase();
                w
            } else {
                w
            });
        }
        t.join(" ")
    }
}

fn list(n: usize) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::new();
    for i in 0..n {
        let (a, b) = (r.word(true), r.word(true));
        let (ia, ib) = (
            (b'A' + r.below(26) as u8) as char,
            (b'A' + r.below(26) as u8) as char,
        );
        let year = 1950 + r.below(75);
        let line = match i % 5 {
            0 => format!(
                "{a}, {ia}., & {b}, {ib}. ({year}). {}. {} Journal of {}, {}({}), {}–{}. https://doi.org/10.{}/{}",
                r.title(8),
                r.word(true),
                r.word(true),
                r.below(80),
                r.below(12),
                100 + r.below(400),
                500 + r.below(400),
                1000 + r.below(8000),
                r.below(99999)
            ),
            1 => format!(
                "{a}, {}. {}. {}: {} Press, {year}.",
                r.word(true),
                r.title(6),
                r.word(true),
                r.word(true)
            ),
            2 => format!(
                "{a}, {ia}. ({year}). {}. In {ib}. {b} (Ed.), {} (pp. {}–{}). {}: {}.",
                r.title(7),
                r.title(5),
                10 + r.below(100),
                120 + r.below(100),
                r.word(true),
                r.word(true)
            ),
            3 => format!(
                "[{}] {ia}. {a} and {ib}. {b}, “{},” in Proc. IEEE Int. Conf. on {}, {}, {year}, pp. {}–{}.",
                i + 1,
                r.title(9),
                r.title(3),
                r.word(true),
                r.below(900),
                900 + r.below(50)
            ),
            _ => format!(
                "{a}, {ia}. ({year}). {} (Doctoral dissertation). University of {}.",
                r.title(10),
                r.word(true)
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn bench_academic(c: &mut Criterion) {
    let text = match std::env::var("ACADEMIC_BENCH_LIST") {
        Ok(path) => std::fs::read_to_string(path).expect("ACADEMIC_BENCH_LIST is readable"),
        Err(_) => list(10_000),
    };
    let entries = academic::parse_list(&text).len();
    let mut g = c.benchmark_group("academic");
    g.throughput(Throughput::Elements(entries as u64));
    g.sample_size(10);
    g.bench_function(format!("parse_list/{entries}_references"), |b| {
        b.iter(|| academic::parse_list(black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench_academic);
criterion_main!(benches);
