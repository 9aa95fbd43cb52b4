"""`reftrace.rows` / `reftrace.arrow_tables` give the rows of
`reftrace trace DIR --out DIR --format parquet`, with the same schema."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq

import reftrace
from reftrace import tables


def test_tables_equal_the_cli_parquet(tmp_path, sample_path, sample, cli):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(sample_path, articles / "sample.txt")
    short = "".join(sample.splitlines(keepends=True)[:60])
    (articles / "short.txt").write_text(short, encoding="utf-8")
    out = tmp_path / "out"
    cli("trace", articles, "--out", out, "--format", "parquet")
    links = pq.read_table(out / "links.parquet")
    records = pq.read_table(out / "records.parquet")
    assert links.schema == tables.link_schema()
    assert records.schema == tables.record_schema()

    got_links, got_records = reftrace.arrow_tables([("sample", sample), ("short", short)])
    assert got_links.equals(links)
    assert got_records.equals(records)
    rows = reftrace.rows([("sample", sample), ("short", short)])
    assert rows.links == links.to_pylist()
    assert rows.records == records.to_pylist()
    assert links.num_rows > 30 and records.num_rows > 35


def test_a_bad_article_is_an_error_row_not_a_failure(sample):
    rows = reftrace.rows([("bad", b"\xff\xfe not text"), ("good", sample)])
    assert [e[0] for e in rows.errors] == ["bad"]
    assert {r["article"] for r in rows.records} == {"good"}
