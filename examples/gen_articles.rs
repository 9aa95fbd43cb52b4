//! Writes synthetic news-analysis articles in the seed article's family: a date line,
//! a title, a photo caption, body paragraphs, and a reference list with outlet-led
//! and author-led entries, `-` continuation lines, curly and straight quotes and
//! numeric dates (and a few of the slips real lists have), ending in a blog footer. Names, places, outlets and dates are drawn
//! from small built-in lists with a seeded generator, so a run is reproducible.
//!
//! Most articles are plain text; every tenth is Markdown and every tenth (offset by
//! five) a Blogger-like HTML page, to exercise the input converters too.
//!
//! ```text
//! cargo run --release --example gen_articles -- OUT_DIR [COUNT=1000] [SEED=1]
//! reftrace parse OUT_DIR --out parsed/ --format jsonl
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const OUTLETS: &[&str] = &[
    "Al Aalem",
    "Al Mada",
    "Al Masalah",
    "Al Monitor",
    "Al Rafidain",
    "Al Sumaria",
    "Asharq Al-Awsat",
    "Associated Press",
    "Bas News",
    "Baghdad Post",
    "Iraqi News",
    "Kurdistan 24",
    "Middle East Eye",
    "NINA",
    "New Arab",
    "Reuters",
    "Rudaw",
    "Shafaq News",
    "The National",
    "Voice of America",
    "Xinhua",
];
const FAMILIES: &[&str] = &[
    "Ali",
    "Hassan",
    "Salem",
    "Mahmoud",
    "Rasheed",
    "Aziz",
    "Kareem",
    "Jaber",
    "Sattar",
    "Van Wilgenburg",
    "Knights",
    "Szuba",
    "Babb",
    "Dri",
    "Bechocha",
    "Stewart",
    "Coles",
    "Abdul-Zahra",
    "Al-Khalidi",
    "Davison",
    "Loveluck",
    "Malik",
    "Hamid",
    "O'Driscoll",
];
const GIVENS: &[&str] = &[
    "Ahmed", "Sinan", "Amr", "Mustafa", "Maher", "Jared", "Carla", "Karwan", "Julian", "Phil",
    "Isabel", "Qassim", "Shelly", "John", "Louisa", "Hamdi", "Dana", "Sura",
];
const PLACES: &[&str] = &[
    "Anbar",
    "Baghdad",
    "Basra",
    "Ninewa",
    "Kirkuk",
    "Erbil",
    "Sulaymaniya",
    "Diyala",
    "Salahaddin",
    "Babil",
    "Karbala",
    "Najaf",
    "Mosul",
    "Ramadi",
    "Fallujah",
    "Tikrit",
    "Samarra",
    "Sinjar",
    "Tuz Khurmatu",
    "Jurf al-Sakhr",
    "Ain al-Assad",
    "Dhi Qar",
];
const ACTORS: &[&str] = &[
    "Kataib Hezbollah",
    "Asaib Ahl Al-Haq",
    "the Islamic State",
    "the Hashd",
    "the Peshmerga",
    "the Iraqi army",
    "the Federal Police",
    "the Sadrists",
    "the Sudani government",
    "the Kurdistan Regional Government",
    "Harakat al-Nujaba",
    "the Counter Terrorism Service",
    "Turkey",
    "the U.S.-led coalition",
];
const EVENTS: &[&str] = &[
    "a drone attack",
    "a rocket attack",
    "an IED",
    "a mortar attack",
    "protests",
    "a wave of arrests",
    "a security operation",
    "an air strike",
    "a prison break",
    "a kidnapping",
    "clashes",
    "a ballistic missile attack",
];
const VERBS: &[&str] = &[
    "carried out",
    "claimed",
    "was blamed for",
    "responded to",
    "condemned",
    "reported",
    "denied any role in",
    "was targeted by",
];
const HEADLINES: &[&str] = &[
    "{A} Steps Up Attacks In {P}",
    "Security In {P} Deteriorates As {A} Expands",
    "What {A} Wants In {P}",
    "{A} And {B} Clash Over {P}",
    "Another Month Of Violence In {P}",
    "Why {A} Cannot Control {B}",
];
const REFERENCE_TITLES: &[&str] = &[
    "{N} killed in {E} in {P}",
    "{A} announces new operation in {P}",
    "{E} targets {A} in {P}",
    "Security forces arrest {N} suspects in {P}",
    "{A} says it struck {B} base near {P}",
    "Officials warn of {E} after tensions in {P}",
    "{A} denies involvement in {E} near {P}",
];

struct Article {
    date: (usize, usize, usize),
    title: String,
    caption: String,
    paragraphs: Vec<String>,
    /// Reference groups: entries of one outlet or author, first line then continuations.
    groups: Vec<Vec<String>>,
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut text = template.to_string();
    for (key, pool) in [
        ("{A}", ACTORS),
        ("{B}", ACTORS),
        ("{P}", PLACES),
        ("{E}", EVENTS),
    ] {
        while let Some(i) = text.find(key) {
            text.replace_range(i..i + key.len(), rng.pick(pool));
        }
    }
    while let Some(i) = text.find("{N}") {
        text.replace_range(i..i + 3, &rng.range(2, 40).to_string());
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days(y: usize, m: usize, d: usize) -> i64 {
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The civil date of a day count.
fn civil(z: i64) -> (usize, usize, usize) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as usize, m as usize, d as usize)
}

fn quoted(title: &str, rng: &mut Rng) -> String {
    if rng.chance(40) {
        format!("\u{201c}{title},\u{201d}")
    } else {
        format!("\"{title},\"")
    }
}

fn reference_date(article_day: i64, rng: &mut Rng) -> String {
    let (y, m, d) = civil(article_day - rng.range(0, 45) as i64);
    format!("{m}/{d}/{:02}", y % 100)
}

fn person(rng: &mut Rng) -> String {
    format!("{}, {}", rng.pick(FAMILIES), rng.pick(GIVENS))
}

fn generate(rng: &mut Rng) -> Article {
    let day = days(2014, 1, 1) + rng.range(0, 3650) as i64;
    let date = civil(day);
    let title = capitalised(&fill(rng.pick(HEADLINES), rng));
    let caption = format!(
        "({})",
        rng.pick(&["AP", "Reuters", "AFP", "US Air Force", "Rudaw"])
    );
    let paragraphs = (0..rng.range(3, 7))
        .map(|_| {
            (0..rng.range(3, 6))
                .map(|_| {
                    let (_, m, d) = civil(day - rng.range(0, 30) as i64);
                    let sentence = format!(
                        "On {} {d} {} {} {} in {}.",
                        MONTHS[m - 1],
                        rng.pick(ACTORS),
                        rng.pick(VERBS),
                        rng.pick(EVENTS),
                        rng.pick(PLACES)
                    );
                    capitalised(&sentence)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut heads: Vec<(String, bool)> = (0..rng.range(4, 18))
        .map(|_| {
            if rng.chance(35) {
                let authors = (0..rng.range(1, 3))
                    .map(|_| person(rng))
                    .collect::<Vec<_>>();
                (authors.join(" and "), true)
            } else {
                (rng.pick(OUTLETS).to_string(), false)
            }
        })
        .collect();
    heads.sort();
    heads.dedup();
    let groups = heads
        .into_iter()
        .map(|(head, by_author)| {
            let mut lines = Vec::new();
            let title = capitalised(&fill(rng.pick(REFERENCE_TITLES), rng));
            let date = reference_date(day, rng);
            let outlet = if by_author {
                format!(" {},", rng.pick(OUTLETS))
            } else {
                String::new()
            };
            let entry = format!("{head}, {}{outlet} {date}", quoted(&title, rng));
            lines.push(roughen(entry, rng));
            for _ in 0..rng.range(0, if by_author { 1 } else { 4 }) {
                let title = capitalised(&fill(rng.pick(REFERENCE_TITLES), rng));
                lines.push(format!(
                    "- {} {}",
                    quoted(&title, rng),
                    reference_date(day, rng)
                ));
            }
            lines
        })
        .collect();
    Article {
        date,
        title,
        caption,
        paragraphs,
        groups,
    }
}

/// Adds the slips real lists have, to a few entries: a lost closing quote, stray
/// spaces inside a date, a trailing web address.
fn roughen(entry: String, rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=2 => entry.replacen(",\"", ",", 1).replacen(",\u{201d}", ",", 1),
        3..=5 => match entry.rfind('/') {
            Some(i) => format!("{}    {}", &entry[..i], &entry[i..]),
            None => entry,
        },
        6..=8 => format!("{entry} https://example.org/news/{}", rng.below(100_000)),
        _ => entry,
    }
}

/// The article as plain text, laid out like the seed.
fn text(article: &Article) -> String {
    let (y, m, d) = article.date;
    let weekday = WEEKDAYS[(days(y, m, d) + 3).rem_euclid(7) as usize];
    let mut out = format!(
        "{weekday}, {} {d}, {y}\n\n{}\n\n{}\n\n",
        MONTHS[m - 1],
        article.title,
        article.caption
    );
    for p in &article.paragraphs {
        let _ = write!(out, "{p}\n\n\n");
    }
    out.push_str("\n\n");
    for group in &article.groups {
        out.push_str(&group.join("\n\n"));
        out.push_str("\n\n\n");
    }
    out.push_str("No comments:\n\n");
    out
}

fn markdown(article: &Article) -> String {
    let plain = text(article);
    let mut lines: Vec<String> = plain.split('\n').map(str::to_string).collect();
    lines[2] = format!("# {}", lines[2]);
    lines[4] = format!("*{}*", lines[4]);
    lines[6] = lines[6]
        .replacen(" in ", " in **", 1)
        .replacen('.', "**.", 1);
    lines.join("\n")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(article: &Article) -> String {
    let plain = text(article);
    let lines: Vec<&str> = plain.split('\n').collect();
    let body_end = lines
        .iter()
        .rposition(|l| l.starts_with("No comments"))
        .unwrap_or(lines.len());
    let body: Vec<String> = lines[6..body_end].iter().map(|l| escape(l)).collect();
    format!(
        "<!DOCTYPE html>\n<html><head><title>Blog: {title}</title></head><body>\n\
         <div class=\"navbar section\" id=\"navbar\"><a href=\"#\">Sign in</a></div>\n\
         <div class=\"main section\"><div class=\"date-outer\">\n\
         <h2 class=\"date-header\"><span>{date}</span></h2>\n\
         <div class=\"post hentry\"><h3 class=\"post-title entry-title\">{title}</h3>\n\
         <div class=\"post-body entry-content\"><div class=\"separator\"><img src=\"p.jpg\"></div>\
         {caption}<br />\n<br />\n{body}</div>\n\
         <div class=\"post-footer\"><div class=\"post-share-buttons\">Email This Share to X</div></div>\n\
         </div></div><div class=\"comments\" id=\"comments\"><h4>No comments:</h4></div></div>\n\
         <div class=\"sidebar section\"><h2>Popular Posts</h2><p>Another long post about \
         Iraqi politics that the sidebar shows to every reader of this blog.</p></div>\n\
         </body></html>\n",
        title = escape(lines[2]),
        date = escape(lines[0]),
        caption = escape(lines[4]),
        body = body.join("<br />\n"),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_articles OUT_DIR [COUNT=1000] [SEED=1]");
        std::process::exit(2);
    };
    let count: usize = args.next().map_or(Ok(1000), |a| a.parse())?;
    let seed: u64 = args.next().map_or(Ok(1), |a| a.parse())?;
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(seed);
    for i in 0..count {
        let article = generate(&mut rng);
        let (name, content) = match i % 10 {
            0 => (format!("article-{i:04}.md"), markdown(&article)),
            5 => (format!("article-{i:04}.html"), html(&article)),
            _ => (format!("article-{i:04}.txt"), text(&article)),
        };
        std::fs::write(out.join(name), content)?;
    }
    eprintln!("wrote {count} articles to {}", out.display());
    Ok(())
}
