//! `reftrace._reftrace`: the native half of the Python package. Each function takes
//! plain Python values, does its work with the GIL released (so threads run in
//! parallel), and answers with JSON text that `reftrace/__init__.py` turns into
//! objects. A panic never crosses into Python: it is caught and raised as
//! `reftrace.InternalError`. Every other failure raises one of the exceptions of
//! `reftrace/_errors.py`.

mod record;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyType};
use reftrace::export::{self, Format, Options, works};
use reftrace::input::{Decoding, read_article};
use reftrace::{Parsed, Shape, Source, format};
use serde::Serialize;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A failure to report to Python: the name of a class in `reftrace._errors`, and the
/// message.
struct Failure(&'static str, String);

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        let class = py
            .import("reftrace._errors")
            .and_then(|m| m.getattr(self.0))
            .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
        match class {
            Ok(class) => PyErr::from_type(class, self.1),
            Err(_) => PyRuntimeError::new_err(self.1),
        }
    }
}

/// Runs `job` without the GIL, turning a panic into `InternalError`.
fn run<T: Send>(py: Python<'_>, job: impl FnOnce() -> Result<T, Failure> + Send) -> PyResult<T> {
    let result = py.detach(|| catch_unwind(AssertUnwindSafe(job)));
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(failure)) => Err(failure.into_py(py)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Failure(
                "InternalError",
                format!("reftrace failed inside (a bug; please report it): {what}"),
            )
            .into_py(py))
        }
    }
}

/// The article's bytes: a `str` as UTF-8, `bytes` as they are (checked like a file).
fn bytes_of(text: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(s) = text.cast::<PyString>() {
        return match s.to_cow() {
            Ok(s) => Ok(s.as_bytes().to_vec()),
            Err(e) => Err(Failure(
                "InputError",
                format!("the text is not valid Unicode (lone surrogates?): {e}"),
            )
            .into_py(text.py())),
        };
    }
    if let Ok(b) = text.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "text must be str or bytes, not {}",
        text.get_type().name()?
    )))
}

fn input_format(name: Option<&str>) -> Result<Option<reftrace::input::Format>, Failure> {
    use reftrace::input::Format as F;
    match name {
        None => Ok(None),
        Some("text") => Ok(Some(F::Text)),
        Some("markdown" | "md") => Ok(Some(F::Markdown)),
        Some("html" | "htm") => Ok(Some(F::Html)),
        Some(other) => Err(Failure(
            "UsageError",
            format!("input_format `{other}` is not text, markdown or html"),
        )),
    }
}

/// How to read one article.
struct Reading<'a> {
    source: &'a str,
    list: bool,
    format: Option<&'a str>,
}

impl Reading<'_> {
    fn load(&self, bytes: Vec<u8>) -> Result<Source, Failure> {
        let format = input_format(self.format)?;
        let decoded = read_article(self.source, bytes, Decoding::Strict, format)
            .map_err(|e| Failure("InputError", e.to_string()))?;
        let shape = if self.list {
            Shape::List
        } else {
            Shape::Article
        };
        Ok(decoded.source.with_shape(shape))
    }
}

/// The JSON of `reftrace parse --format json`.
#[derive(Serialize)]
struct ParseReport<'a> {
    source: &'a str,
    #[serde(flatten)]
    parsed: &'a Parsed,
}

/// The JSON of `reftrace trace --format json`.
#[derive(Serialize)]
struct TraceReport<'a> {
    source: &'a str,
    min_confidence: f64,
    #[serde(flatten)]
    trace: &'a reftrace::trace::Trace,
}

fn json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure("InternalError", e.to_string()))
}

fn trace_options(min_confidence: Option<f64>) -> Result<reftrace::trace::Options, Failure> {
    let mut options = reftrace::trace::Options::default();
    if let Some(m) = min_confidence {
        if !(0.0..=1.0).contains(&m) {
            return Err(Failure(
                "UsageError",
                format!("min_confidence must lie between 0 and 1, not {m}"),
            ));
        }
        options.min_confidence = m;
    }
    Ok(options)
}

/// Parses an article: the JSON contract of `reftrace parse --format json`.
#[pyfunction]
#[pyo3(signature = (text, source, list=false, input_format=None))]
fn parse(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    source: &str,
    list: bool,
    input_format: Option<&str>,
) -> PyResult<String> {
    let bytes = bytes_of(text)?;
    let reading = Reading {
        source,
        list,
        format: input_format,
    };
    run(py, move || {
        let source = reading.load(bytes)?;
        let parsed = reftrace::parse(&source);
        json(&ParseReport {
            source: source.name(),
            parsed: &parsed,
        })
    })
}

/// Parses and traces an article: `{"parsed": <parse JSON>, "trace": <trace JSON>}`.
#[pyfunction]
#[pyo3(signature = (text, source, list=false, input_format=None, min_confidence=None))]
fn trace(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    source: &str,
    list: bool,
    input_format: Option<&str>,
    min_confidence: Option<f64>,
) -> PyResult<String> {
    let bytes = bytes_of(text)?;
    let reading = Reading {
        source,
        list,
        format: input_format,
    };
    run(py, move || {
        let options = trace_options(min_confidence)?;
        let source = reading.load(bytes)?;
        let parsed = reftrace::parse(&source);
        let traced = reftrace::trace::trace(&source, &parsed, &options);
        #[derive(Serialize)]
        struct Both<'a> {
            parsed: ParseReport<'a>,
            trace: TraceReport<'a>,
        }
        json(&Both {
            parsed: ParseReport {
                source: source.name(),
                parsed: &parsed,
            },
            trace: TraceReport {
                source: source.name(),
                min_confidence: options.min_confidence,
                trace: &traced,
            },
        })
    })
}

/// Traces many articles `(id, text)` into table rows: `{"links": [...], "records":
/// [...], "errors": [[id, message], ...]}`. An article that cannot be read adds no
/// rows and one error; the others go on.
#[pyfunction]
#[pyo3(signature = (articles, input_format=None, min_confidence=None))]
fn rows(
    py: Python<'_>,
    articles: Vec<(String, Bound<'_, PyAny>)>,
    input_format: Option<&str>,
    min_confidence: Option<f64>,
) -> PyResult<String> {
    let articles = articles
        .into_iter()
        .map(|(id, text)| Ok((id, bytes_of(&text)?)))
        .collect::<PyResult<Vec<_>>>()?;
    run(py, move || {
        let options = trace_options(min_confidence)?;
        let (mut links, mut records, mut errors) = (Vec::new(), Vec::new(), Vec::new());
        for (id, bytes) in articles {
            let reading = Reading {
                source: &id,
                list: false,
                format: input_format,
            };
            let source = match reading.load(bytes) {
                Ok(source) => source,
                Err(Failure("InputError", message)) => {
                    errors.push((id, message));
                    continue;
                }
                Err(other) => return Err(other),
            };
            let parsed = reftrace::parse(&source);
            let traced = reftrace::trace::trace(&source, &parsed, &options);
            links.extend(reftrace::rows::link_rows(&id, &traced));
            records.extend(reftrace::rows::record_rows(&id, &parsed, &traced));
        }
        #[derive(Serialize)]
        struct Tables {
            links: Vec<reftrace::rows::LinkRow>,
            records: Vec<reftrace::rows::RecordRow>,
            errors: Vec<(String, String)>,
        }
        json(&Tables {
            links,
            records,
            errors,
        })
    })
}

fn export_format(name: &str) -> Result<Format, Failure> {
    Ok(match name {
        "bibtex" => Format::Bibtex,
        "biblatex" => Format::Biblatex,
        "csl-json" | "csl_json" | "csljson" => Format::CslJson,
        "ris" => Format::Ris,
        "yaml" | "hayagriva" => Format::Yaml,
        other => {
            return Err(Failure(
                "UsageError",
                format!("`{other}` is not bibtex, biblatex, csl-json, ris or yaml"),
            ));
        }
    })
}

fn references(records: &str) -> Result<Vec<reftrace::Reference>, Failure> {
    record::references(records).map_err(|e| Failure("RecordError", e))
}

/// Writes records (a JSON list of record dicts) as a bibliography file.
#[pyfunction]
#[pyo3(signature = (records, to, ascii=false, keep_duplicates=false))]
fn export_records(
    py: Python<'_>,
    records: String,
    to: String,
    ascii: bool,
    keep_duplicates: bool,
) -> PyResult<String> {
    run(py, move || {
        let format = export_format(&to)?;
        let references = references(&records)?;
        let options = Options {
            ascii,
            keep_duplicates,
        };
        export::to_string(&references, format, &options)
            .map_err(|e| Failure("ExportError", e.to_string()))
    })
}

/// Formats records (a JSON list of record dicts) in a CSL style: one string per item.
#[pyfunction]
#[pyo3(signature = (records, style, locale=None, output="text".to_string(), keep_duplicates=false))]
fn cite(
    py: Python<'_>,
    records: String,
    style: String,
    locale: Option<String>,
    output: String,
    keep_duplicates: bool,
) -> PyResult<Vec<String>> {
    run(py, move || {
        let output = match output.as_str() {
            "text" => format::Output::Text,
            "html" => format::Output::Html,
            "markdown" | "md" => format::Output::Markdown,
            other => {
                return Err(Failure(
                    "UsageError",
                    format!("output `{other}` is not text, html or markdown"),
                ));
            }
        };
        let style = format::load_style(&style).map_err(|e| Failure("StyleError", e.to_string()))?;
        if let Some(code) = &locale {
            format::check_locale(code).map_err(|e| Failure("StyleError", e.to_string()))?;
        }
        let references = references(&records)?;
        let options = Options {
            ascii: false,
            keep_duplicates,
        };
        format::bibliography(
            &works(&references, &options),
            &style,
            locale.as_deref(),
            output,
        )
        .map_err(|e| Failure("StyleError", e.to_string()))
    })
}

/// The archived CSL styles: (names, title) pairs.
#[pyfunction]
fn styles() -> Vec<(Vec<String>, String)> {
    format::list_styles()
        .into_iter()
        .map(|(names, title)| {
            (
                names.iter().map(|s| s.to_string()).collect(),
                title.to_string(),
            )
        })
        .collect()
}

/// Panics inside a native call on purpose, so the tests can check that a panic
/// becomes `reftrace.InternalError` and never crosses into Python.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    run(py, || -> Result<(), Failure> {
        panic!("a panic raised on purpose by a test")
    })
}

/// The native module.
#[pymodule]
fn _reftrace(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(trace, m)?)?;
    m.add_function(wrap_pyfunction!(rows, m)?)?;
    m.add_function(wrap_pyfunction!(export_records, m)?)?;
    m.add_function(wrap_pyfunction!(cite, m)?)?;
    m.add_function(wrap_pyfunction!(styles, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
