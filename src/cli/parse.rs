//! `reftrace parse`: records as a table, JSON, JSON Lines or YAML; with several
//! articles or `--out DIR`, one output file per article (or one JSON Lines file) and a
//! summary.
//!
//! For one article, JSON, JSON Lines and the table are streamed: each record is made
//! ([`crate::parse_stream`]), written into a buffered standard output and dropped,
//! so neither the records of a long list nor its 100 MB of JSON sit in memory.
//! `--format jsonl` gives one line per record (see [`write_jsonl`]); JSON is compact
//! unless standard output is a terminal or `--pretty` is given.

use super::batch::{self, Article, BatchArgs, Outcome, Tally};
use super::chunked::{self, Body, Layout, Sink};
use super::output::Inputs;
use super::{InputArgs, ParseFormat, print_stdout, read, table};
use crate::refs::date::DateOrder;
use crate::{Diagnostic, ParseStream, Parsed, Reference, Severity, Source};
use serde::{Serialize, Serializer};
use std::cell::{Cell, RefCell};
use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The JSON document `reftrace parse --format json` prints.
#[derive(Serialize)]
pub struct ParseReport<'a> {
    /// Name of the input.
    pub source: &'a str,
    /// The article and its list.
    #[serde(flatten)]
    pub parsed: &'a Parsed,
}

pub fn run(
    input: &InputArgs,
    many: &BatchArgs,
    format: ParseFormat,
    pretty: bool,
) -> anyhow::Result<ExitCode> {
    if many.is_batch(&input.file) {
        return run_batch(input, many, format, pretty);
    }
    let source = read::load(input)?;
    if matches!(format, ParseFormat::Yaml) {
        let parsed = crate::parse(&source);
        print_stdout(&render(&source, &parsed, format, pretty)?)?;
        return Ok(finish(
            &source,
            &parsed.diagnostics,
            parsed.references.iter().any(|r| r.parsed),
        ));
    }
    // JSON, JSON Lines and the table: each record is made, written and dropped in turn.
    let ParseStream {
        article,
        diagnostics,
        date_order,
        list,
    } = crate::parse_stream(&source);
    let head = Head {
        source: source.name(),
        article: &article,
        date_order,
        diagnostics: &diagnostics,
    };
    let pretty = pretty || std::io::stdout().is_terminal();
    let any_parsed = Cell::new(false);
    if matches!(format, ParseFormat::Json) && pretty {
        let records = list
            .records(&source, &article)
            .inspect(|r| any_parsed.set(any_parsed.get() || r.parsed));
        stream_stdout(|out| write_pretty(out, &head, records))?;
        return Ok(finish(&source, &diagnostics, any_parsed.get()));
    }
    // A long list is made on two threads when there are two cores.
    let list = if chunked::second_core() {
        list.chunked(&source, &article, chunked::MIN_ENTRIES)
    } else {
        Err(Box::new(list))
    };
    let body = match list {
        Ok(list) => Body::Chunked(list),
        Err(list) => Body::Records(list.records(&source, &article)),
    };
    stream_stdout(|out| match format {
        ParseFormat::Json => write_json(out, &head, body, &any_parsed),
        ParseFormat::Table => write_table(out, &article, body, &any_parsed),
        _ => write_jsonl(out, &head, body, &any_parsed),
    })?;
    Ok(finish(&source, &diagnostics, any_parsed.get()))
}

/// Shows the list-wide errors on standard error; exit 1 when no record could be read.
fn finish(source: &Source, diagnostics: &[Diagnostic], any_parsed: bool) -> ExitCode {
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        eprint!("{}", crate::diag::render(d, source));
    }
    if any_parsed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What a streamed report says besides its records.
struct Head<'a> {
    source: &'a str,
    article: &'a crate::Article,
    date_order: Option<DateOrder>,
    /// List-wide diagnostics.
    diagnostics: &'a [Diagnostic],
}

/// Writes `reftrace parse --format jsonl`: one compact JSON object per line, each
/// saying what it is in `type`. The article first (`{"type":"article","source",
/// "article","date_order","references":N}`), then one line per record
/// (`{"type":"reference", …}` with the fields of `references[i]` in `--format json`),
/// then the list-wide diagnostics (`{"type":"end","diagnostics":[…]}`). Everything is
/// written by hand ([`crate::refs::json`], [`crate::article::json`]): the same bytes
/// as serde's, faster. `any_parsed` as in [`chunked::write`].
fn write_jsonl(
    out: &mut Chunks<impl Write>,
    head: &Head<'_>,
    body: Body<'_, impl ExactSizeIterator<Item = Reference>>,
    any_parsed: &Cell<bool>,
) -> std::io::Result<()> {
    out.buf
        .extend_from_slice(b"{\"type\":\"article\",\"source\":");
    crate::refs::json::string(&mut out.buf, head.source);
    out.buf.extend_from_slice(b",\"article\":");
    out.article(head.article)?;
    out.buf.extend_from_slice(b",\"date_order\":");
    serde_json::to_writer(&mut out.buf, &head.date_order)?;
    out.buf.extend_from_slice(b",\"references\":");
    crate::refs::json::uint(&mut out.buf, body.len());
    out.buf.extend_from_slice(b"}\n");
    out.records(Layout::JsonLines, body, any_parsed)?;
    out.buf
        .extend_from_slice(b"{\"type\":\"end\",\"diagnostics\":");
    crate::refs::json::diagnostics(&mut out.buf, head.diagnostics);
    out.buf.extend_from_slice(b"}\n");
    Ok(())
}

/// Writes the table of `reftrace parse --format table` ([`table::Table`]), a row at a
/// time; `any_parsed` as in [`chunked::write`].
fn write_table(
    out: &mut Chunks<impl Write>,
    article: &crate::Article,
    body: Body<'_, impl ExactSizeIterator<Item = Reference>>,
    any_parsed: &Cell<bool>,
) -> std::io::Result<()> {
    let mut table = table::Table::default();
    table.head(&mut out.buf, article);
    let n = body.len();
    out.records(Layout::Table, body, any_parsed)?;
    table.tail(&mut out.buf, n);
    Ok(())
}

/// The one-object JSON report of `reftrace parse --format json --pretty`, with its
/// records made while it is written: the same bytes as [`ParseReport`] of the whole
/// parse.
#[derive(Serialize)]
#[serde(bound(serialize = "I: Iterator<Item = Reference>"))]
struct StreamedReport<'a, I: Iterator<Item = Reference>> {
    source: &'a str,
    article: &'a crate::Article,
    references: Streamed<I>,
    diagnostics: &'a [Diagnostic],
    date_order: Option<DateOrder>,
}

/// A JSON array whose elements are taken from an iterator as they are written.
struct Streamed<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Reference>> Serialize for Streamed<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = serializer.serialize_seq(None)?;
        for r in self.0.borrow_mut().take().into_iter().flatten() {
            seq.serialize_element(&r)?;
        }
        seq.end()
    }
}

/// Writes the one-object JSON report indented, each record made, written and dropped in
/// turn.
fn write_pretty(
    out: &mut Chunks<impl Write>,
    head: &Head<'_>,
    records: impl Iterator<Item = Reference>,
) -> std::io::Result<()> {
    let report = StreamedReport {
        source: head.source,
        article: head.article,
        references: Streamed(RefCell::new(Some(records))),
        diagnostics: head.diagnostics,
        date_order: head.date_order,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// Writes the one-object JSON report (the README's contract), compact: the same bytes
/// as serde's `to_writer` of the report, the article and each record written by hand.
/// `any_parsed` as in [`chunked::write`].
fn write_json(
    out: &mut Chunks<impl Write>,
    head: &Head<'_>,
    body: Body<'_, impl ExactSizeIterator<Item = Reference>>,
    any_parsed: &Cell<bool>,
) -> std::io::Result<()> {
    out.buf.extend_from_slice(b"{\"source\":");
    crate::refs::json::string(&mut out.buf, head.source);
    out.buf.extend_from_slice(b",\"article\":");
    out.article(head.article)?;
    out.buf.extend_from_slice(b",\"references\":[");
    out.records(Layout::Json, body, any_parsed)?;
    out.buf.extend_from_slice(b"],\"diagnostics\":");
    crate::refs::json::diagnostics(&mut out.buf, head.diagnostics);
    out.buf.extend_from_slice(b",\"date_order\":");
    serde_json::to_writer(&mut out.buf, &head.date_order)?;
    out.buf.extend_from_slice(b"}\n");
    Ok(())
}

/// How many bytes of output are gathered before they are handed to standard output.
const CHUNK: usize = 1 << 20;

/// Output gathered in memory (`buf`, written into directly by the JSON writers) and
/// handed to `out` a megabyte at a time: one system call per megabyte, and no copy
/// through a second buffer.
struct Chunks<W: Write> {
    buf: Vec<u8>,
    out: W,
}

impl<W: Write> Chunks<W> {
    fn new(out: W) -> Self {
        Chunks {
            buf: Vec::with_capacity(CHUNK + CHUNK / 4),
            out,
        }
    }

    /// Hands the gathered output on once there is a chunk of it.
    fn pass_on(&mut self) -> std::io::Result<()> {
        pass_on(&mut self.buf, &mut self.out)
    }

    /// Writes the records of `body` in `layout` ([`chunked::write`]), handing the
    /// output on as it grows.
    fn records(
        &mut self,
        layout: Layout,
        body: Body<'_, impl Iterator<Item = Reference>>,
        any_parsed: &Cell<bool>,
    ) -> std::io::Result<()> {
        let Chunks { buf, out } = self;
        let sink = Sink {
            buf,
            pass_on: &mut |buf: &mut Vec<u8>| pass_on(buf, out),
            any_parsed,
        };
        chunked::write(sink, layout, body)
    }

    /// Writes the article's object, handing its list of entries on as it goes.
    fn article(&mut self, article: &crate::Article) -> std::io::Result<()> {
        let Chunks { buf, out } = self;
        crate::article::json::write_passing(buf, article, |buf: &mut Vec<u8>| pass_on(buf, out))
    }

    /// Hands everything on.
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }
}

/// Hands `buf` on to `out` once it holds a chunk.
fn pass_on(buf: &mut Vec<u8>, out: &mut impl Write) -> std::io::Result<()> {
    if buf.len() >= CHUNK {
        out.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

impl<W: Write> Write for Chunks<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        self.pass_on()?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Standard output without its line buffer: the chunks are whole already, and the
/// line buffer would look for the last line break in each megabyte (a JSON report has
/// one line). Where the descriptor cannot be shared, standard output as it is.
fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd as _;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout().lock())
}

/// Runs `write` on standard output gathered in chunks, and hands the rest on; a reader
/// that closed the pipe early (`| head`) is not an error.
fn stream_stdout(
    write: impl FnOnce(&mut Chunks<Box<dyn Write>>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = Chunks::new(raw_stdout());
    let result = write(&mut out).and_then(|()| out.finish());
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The report of one article, whole (YAML, or one article of a batch: each is one file
/// or one line); JSON is indented when `pretty`.
fn render(
    source: &Source,
    parsed: &Parsed,
    format: ParseFormat,
    pretty: bool,
) -> anyhow::Result<String> {
    let report = ParseReport {
        source: source.name(),
        parsed,
    };
    Ok(match format {
        ParseFormat::Json if pretty => serde_json::to_string_pretty(&report)? + "\n",
        ParseFormat::Json => serde_json::to_string(&report)? + "\n",
        ParseFormat::Yaml => serde_yaml::to_string(&report)?,
        ParseFormat::Table => table::references(parsed),
        ParseFormat::Jsonl => serde_json::to_string(&report)? + "\n",
    })
}

/// Counts of one or more parsed articles.
#[derive(Debug, Default)]
struct ParseTally {
    articles: usize,
    references: usize,
    unparsed: usize,
}

impl Tally for ParseTally {
    fn add(&mut self, other: &Self) {
        self.articles += other.articles;
        self.references += other.references;
        self.unparsed += other.unparsed;
    }

    fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("articles", self.articles.to_string()),
            ("references", self.references.to_string()),
            ("unparsed", self.unparsed.to_string()),
        ]
    }
}

/// `reftrace parse DIR|FILES... --out DIR`: JSON (compact, or indented with `--pretty`)
/// or YAML per article, or one JSON Lines file `parse.jsonl`; a summary table on standard error; exit 1 when any
/// article could not be read or has no parsed reference.
fn run_batch(
    input: &InputArgs,
    many: &BatchArgs,
    format: ParseFormat,
    pretty: bool,
) -> anyhow::Result<ExitCode> {
    let Some(out) = &many.out else {
        anyhow::bail!("a directory or several articles need --out DIR for their outputs");
    };
    let extension = match format {
        ParseFormat::Json => "json",
        ParseFormat::Yaml => "yaml",
        ParseFormat::Jsonl => "jsonl",
        ParseFormat::Table => anyhow::bail!("--out needs --format json, jsonl or yaml"),
    };
    let mut paths = vec![input.file.clone()];
    paths.extend(many.more.iter().cloned());
    let articles = batch::collect(&paths);
    let inputs = Inputs::new(articles.iter().map(|a| a.path.as_path()));
    let outputs: Vec<PathBuf> = if extension == "jsonl" {
        vec![out.join("parse.jsonl")]
    } else {
        articles
            .iter()
            .map(|a| out.join(format!("{}.{extension}", a.stem.display())))
            .collect()
    };
    inputs.check_all(&outputs)?;
    let summary = batch::run(&articles, |article: &Article| {
        let loaded = read::load_path(&article.path, input)?;
        let parsed = crate::parse(&loaded.source);
        let text = render(&loaded.source, &parsed, format, pretty)?;
        let mut outcome = Outcome {
            tally: ParseTally {
                articles: 1,
                references: parsed.references.len(),
                unparsed: parsed.references.iter().filter(|r| !r.parsed).count(),
            },
            problem: None,
            warning: loaded.warning(),
            line: None,
        };
        if !parsed.references.iter().any(|r| r.parsed) {
            let why = parsed
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            outcome.problem = Some(why.map_or_else(
                || "no reference could be parsed".into(),
                |d| d.message.clone(),
            ));
        }
        if extension == "jsonl" {
            outcome.line = Some(text);
        } else {
            let name = format!("{}.{extension}", article.stem.display());
            inputs.write(&out.join(name), text.as_bytes())?;
        }
        Ok(outcome)
    });
    if extension == "jsonl" {
        inputs.write(&out.join("parse.jsonl"), summary.lines.concat().as_bytes())?;
    }
    eprint!("{}", summary.table());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
