//! `reftrace trace DIR --out DIR --format parquet`: the rows of [`crate::rows`] as
//! two Parquet files, `links.parquet` (one row per claim–source link) and
//! `records.parquet` (one row per record), for DuckDB, pandas, Spark and friends.
//!
//! The files are built in memory (Arrow record batches, Snappy-compressed Parquet) and
//! written through [`super::output`], atomically and never over an input. The schema
//! is the one the Python package gives its pyarrow tables
//! (`bindings/python/python/reftrace/tables.py`); the Spark test compares the two.

use crate::rows::{LinkRow, RecordRow};
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::sync::Arc;

/// A column of strings.
fn strings<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

/// A column of optional strings.
fn opt_strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

/// A column of lists of strings (never null; an empty list when there is nothing).
fn string_lists<'a>(values: impl Iterator<Item = &'a [String]>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new()).with_field(Field::new(
        "item",
        DataType::Utf8,
        false,
    ));
    for list in values {
        for s in list {
            builder.values().append_value(s);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// A column of lists of integers.
fn int_lists<'a>(values: impl Iterator<Item = &'a [i32]>) -> ArrayRef {
    let mut builder =
        arrow_array::builder::ListBuilder::new(arrow_array::builder::Int32Builder::new())
            .with_field(Field::new("item", DataType::Int32, false));
    for list in values {
        builder.values().append_slice(list);
        builder.append(true);
    }
    Arc::new(builder.finish())
}

fn list_of(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("item", item, false)))
}

/// The schema of `links.parquet`.
pub fn link_schema() -> Schema {
    Schema::new(vec![
        Field::new("article", DataType::Utf8, false),
        Field::new("claim", DataType::Int32, false),
        Field::new("claim_text", DataType::Utf8, false),
        Field::new("claim_kind", DataType::Utf8, false),
        Field::new("claim_status", DataType::Utf8, false),
        Field::new("byte_start", DataType::Int64, false),
        Field::new("byte_end", DataType::Int64, false),
        Field::new("reference", DataType::Int32, false),
        Field::new("reference_key", DataType::Utf8, false),
        Field::new("rank", DataType::Int32, false),
        Field::new("score", DataType::Float64, false),
        Field::new("evidence", list_of(DataType::Utf8), false),
        Field::new("conflicts", list_of(DataType::Utf8), false),
    ])
}

/// The schema of `records.parquet`.
pub fn record_schema() -> Schema {
    Schema::new(vec![
        Field::new("article", DataType::Utf8, false),
        Field::new("index", DataType::Int32, false),
        Field::new("key", DataType::Utf8, false),
        Field::new("line", DataType::Int64, false),
        Field::new("parsed", DataType::Boolean, false),
        Field::new("authors", list_of(DataType::Utf8), false),
        Field::new("outlet", DataType::Utf8, true),
        Field::new("title", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("year", DataType::Int32, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("work_type", DataType::Utf8, true),
        Field::new("doi", DataType::Utf8, true),
        Field::new("continues", DataType::Int32, true),
        Field::new("duplicate_of", DataType::Int32, true),
        Field::new("claims", list_of(DataType::Int32), false),
        Field::new("raw", DataType::Utf8, false),
    ])
}

/// The link rows as one Arrow record batch.
pub fn link_batch(rows: &[LinkRow]) -> anyhow::Result<RecordBatch> {
    let columns: Vec<ArrayRef> = vec![
        strings(rows.iter().map(|r| r.article.as_str())),
        Arc::new(rows.iter().map(|r| r.claim).collect::<Int32Array>()),
        strings(rows.iter().map(|r| r.claim_text.as_str())),
        strings(rows.iter().map(|r| r.claim_kind.as_str())),
        strings(rows.iter().map(|r| r.claim_status.as_str())),
        Arc::new(rows.iter().map(|r| r.byte_start).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.byte_end).collect::<Int64Array>()),
        Arc::new(rows.iter().map(|r| r.reference).collect::<Int32Array>()),
        strings(rows.iter().map(|r| r.reference_key.as_str())),
        Arc::new(rows.iter().map(|r| r.rank).collect::<Int32Array>()),
        Arc::new(rows.iter().map(|r| r.score).collect::<Float64Array>()),
        string_lists(rows.iter().map(|r| r.evidence.as_slice())),
        string_lists(rows.iter().map(|r| r.conflicts.as_slice())),
    ];
    Ok(RecordBatch::try_new(Arc::new(link_schema()), columns)?)
}

/// The record rows as one Arrow record batch.
pub fn record_batch(rows: &[RecordRow]) -> anyhow::Result<RecordBatch> {
    let columns: Vec<ArrayRef> = vec![
        strings(rows.iter().map(|r| r.article.as_str())),
        Arc::new(rows.iter().map(|r| r.index).collect::<Int32Array>()),
        strings(rows.iter().map(|r| r.key.as_str())),
        Arc::new(rows.iter().map(|r| r.line).collect::<Int64Array>()),
        Arc::new(
            rows.iter()
                .map(|r| Some(r.parsed))
                .collect::<BooleanArray>(),
        ),
        string_lists(rows.iter().map(|r| r.authors.as_slice())),
        opt_strings(rows.iter().map(|r| r.outlet.as_deref())),
        opt_strings(rows.iter().map(|r| r.title.as_deref())),
        opt_strings(rows.iter().map(|r| r.date.as_deref())),
        Arc::new(rows.iter().map(|r| r.year).collect::<Int32Array>()),
        opt_strings(rows.iter().map(|r| r.url.as_deref())),
        opt_strings(rows.iter().map(|r| r.work_type.as_deref())),
        opt_strings(rows.iter().map(|r| r.doi.as_deref())),
        Arc::new(rows.iter().map(|r| r.continues).collect::<Int32Array>()),
        Arc::new(rows.iter().map(|r| r.duplicate_of).collect::<Int32Array>()),
        int_lists(rows.iter().map(|r| r.claims.as_slice())),
        strings(rows.iter().map(|r| r.raw.as_str())),
    ];
    Ok(RecordBatch::try_new(Arc::new(record_schema()), columns)?)
}

/// One record batch as the bytes of a Parquet file (Snappy-compressed).
pub fn to_parquet(batch: &RecordBatch) -> anyhow::Result<Vec<u8>> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut bytes = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut bytes, batch.schema(), Some(props))?;
    writer.write(batch)?;
    writer.close()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn links_of_the_sample_survive_a_parquet_round_trip() {
        let text = std::fs::read_to_string("refs/musings-2023-11-22-us-retaliates.txt").unwrap();
        let source = crate::Source::new("sample.txt", text);
        let parsed = crate::parse(&source);
        let traced = crate::trace::trace(&source, &parsed, &Default::default());
        let links = crate::rows::link_rows("sample", &traced);
        let records = crate::rows::record_rows("sample", &parsed, &traced);
        assert!(!links.is_empty());
        for (batch, n) in [
            (link_batch(&links).unwrap(), links.len()),
            (record_batch(&records).unwrap(), records.len()),
        ] {
            let mut file = tempfile::tempfile().unwrap();
            std::io::Write::write_all(&mut file, &to_parquet(&batch).unwrap()).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .unwrap()
                .build()
                .unwrap();
            let back: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
            assert_eq!(back.iter().map(|b| b.num_rows()).sum::<usize>(), n);
            assert_eq!(back[0].schema(), batch.schema());
            assert_eq!(back[0], batch);
        }
    }
}
