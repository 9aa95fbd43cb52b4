#!/usr/bin/env python3
"""AnyStyle's reference-parser method (a linear-chain CRF over its hand-made token features)
run on reftrace's cross-validation folds of AnyStyle's tagged references, as a baseline for
our academic tagger (src/academic/).

What: each <sequence> of ../shared/academic/{core,good,bad,ugly}.xml is split into
whitespace tokens, each token taking its segment's tag (as AnyStyle reads its XML).
Within each file the i-th sequence (0-based) goes to fold i % 5, exactly as
`cargo run --release --example academic_cv` does; each fold trains a CRF on the other four
folds of all four files and tags the held-out fold. Predictions (the text of the tokens
tagged with each field) are written as `{"references":[{"line":N,"authors":...}]}` and the
held-out gold as XML, and ../shared/eval/score_academic.py scores them: per fold, all
held-out predictions pooled, and pooled per held-out file; token accuracy too.

Features: AnyStyle's design (github.com/inukshuk/anystyle, BSD-2-Clause, Copyright
2011-2023 Sylvester Keil): lib/anystyle/parser.rb lists the features (Canonical, Category
of the first and last character, 1-2 character prefixes and suffixes, Caps, Number,
Dictionary, Keyword, Position, Punctuation, Brackets, Terminal, Locator) and
lib/anystyle/support/parser.txt is the wapiti pattern combining them over a window
(-2..+2 tokens for the lower-cased word, -1..+1 for the rest, with pairs). The rules below
are re-written in Python from those files, not copied. Differences, by necessity:
- AnyStyle's dictionary (lib/anystyle/data/dict.txt.gz: name, place, publisher and journal
  word lists gathered outside its training data) is replaced by one built from the training
  folds only: a word is a `name` if it appeared in author/editor/translator segments, a
  `place` in location, a `publisher` in publisher, a `journal` in journal/container-title/
  collection-title. With --dict jack (default) each half of the training folds is featured
  with the dictionary of the other half, so that the model learns how far a dictionary of
  unseen strings can be trusted; the held-out fold uses the dictionary of all training folds.
- wapiti's `*:` templates also weigh the observation against each label pair (transition);
  CRFsuite has only label-pair transitions without observations, so those templates are
  kept as state (unigram) features only.
- Training: wapiti's defaults are L-BFGS/OWL-QN with rho1 = 0.5 (L1) and rho2 = 0.0001 (L2,
  as rho2/2 |w|^2); CRFsuite's L2 term is c2 |w|^2, so --c1 0.5 --c2 0.00005 (default here)
  is the same objective. CRFsuite stops on its own criterion (--period, --delta) or at
  --max-iter (500 by default; every fold reached it).

Measured (2026-12-01, default settings, one core of the shared machine, 67 + 17 min):
folds' pooled F1 0.896 / 0.904 / 0.898 / 0.896 / 0.899, mean 0.899, records exact 0.570;
held-out core / good / bad / ugly F1 0.935 / 0.974 / 0.920 / 0.808, exact 0.644 / 0.859 /
0.519 / 0.208; token accuracy 0.8866. Our perceptron on the same folds: 0.909 / 0.582.

Run (python-crfsuite 0.9.12, `pip install python-crfsuite regex`):
  python3 scripts/academic_crf_baseline.py                  # 5-fold CV: ~17 min a fold
                                                            # (500 L-BFGS iterations, ~2 s each)
  python3 scripts/academic_crf_baseline.py --oracle         # gold tags in: checks the JSON path
  python3 scripts/academic_crf_baseline.py --folds 0 --drop dict,keyword   # ablation on fold 0
Options: --data DIR, --scorer PATH, --folds 0,1.., --c1, --c2, --max-iter, --dict
jack|full|none, --drop GROUP[,GROUP] (groups: word, window, category, affix, caps, number,
dict, keyword, position, punct, brackets, terminal, locator), --keep DIR (keep the
gold/prediction files).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import pycrfsuite
import regex

# The project's shared data folder, beside the repository.
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
FILES = ["core", "good", "bad", "ugly"]
K = 5
# gold tag -> key of the prediction JSON (as score_academic.py maps them)
KEYS = {
    "author": "authors", "editor": "editors", "translator": "translators", "title": "title",
    "journal": "container_title", "container-title": "container_title",
    "collection-title": "collection_title", "date": "date", "volume": "volume",
    "pages": "pages", "publisher": "publisher", "location": "location", "edition": "edition",
    "genre": "genre", "doi": "doi", "url": "url", "isbn": "isbn", "note": "note",
    "citation-number": "citation_number",
}
DICT_GROUP = {
    "author": "name", "editor": "name", "translator": "name", "location": "place",
    "publisher": "publisher", "journal": "journal", "container-title": "journal",
    "collection-title": "journal",
}
DICT_TAGS = ["name", "place", "publisher", "journal"]


def read_file(path):
    """Sequences of a file: each a list of (tag, [tokens]) segments, empty ones dropped."""
    out = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        segs = []
        for child in seq:
            toks = (child.text or "").split()
            if toks:
                segs.append((child.tag, toks))
        out.append(segs)
    return out


def write_gold(path, seqs):
    root = ET.Element("dataset")
    for segs in seqs:
        s = ET.SubElement(root, "sequence")
        for tag, toks in segs:
            ET.SubElement(s, tag).text = " ".join(toks)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


# ---- AnyStyle's token observations (re-written from lib/anystyle/feature/*.rb) ----

SCRUB = regex.compile(r"[\p{^Alnum}\p{Lm}]")


def scrub(s):
    return SCRUB.sub("", s)


def canonize(s):
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.category(c).startswith("M"))
    return scrub(s).lower()


def category(ch):
    if ch is None:
        return "none"
    c = unicodedata.category(ch)
    if c in ("Lu", "Ll", "Lm", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Zl", "Zp"):
        return c
    if c[0] in "LMNPSZC":
        return c[0]
    return "none"


CAPS = [
    (regex.compile(r"^\p{Upper}$"), "single"),
    (regex.compile(r"^\p{Upper}\p{Lower}"), "initial"),
    (regex.compile(r"^\p{Upper}+$"), "caps"),
    (regex.compile(r"^\p{Lower}+$"), "lower"),
]

NUMBER = [
    (regex.compile(r"\d[\(:;]\d"), "volume"),
    (regex.compile(r"^97[89](\p{Pd}?\d){10}$|^\d(\p{Pd}?\d){9}$"), "isbn"),
    (regex.compile(r"\b(1\d|20)\d\d\b"), "year"),
    (regex.compile(r"^\d\d\d\d$"), "quad"),
    (regex.compile(r"^\d\d\d$"), "triple"),
    (regex.compile(r"^\d\d$"), "double"),
    (regex.compile(r"^\d$"), "single"),
    (regex.compile(r"^\d+$"), "all"),
    (regex.compile(r"^\d+\p{Pd}+\d+$"), "range"),
    (regex.compile(r"^\p{Lu}[\p{Lu}\p{Pd}/]+\d+[,.:]?$"), "idnum"),
    (regex.compile(r"(?i)\d\p{Alpha}{1,3}\b"), "ordinal"),
    (regex.compile(r"\d"), "numeric"),
    (regex.compile(r"^([IVXLDCM]+|[ivx]+)\b"), "roman"),
]

KEYWORD = [
    (regex.compile(r"(?i)^ed(s|itors?|ited?|iteurs?)?$|^(hg|hrsg|herausgeber)$|^(compilador)$|編"), "editor"),
    (regex.compile(r"著|撰"), "author"),
    (regex.compile(r"(?i)^trans(l(ated|ators?|ation))?$|^übers(etz(t|ung))?$|^trad(uction|ucteurs?|uit)?$|譯"), "translator"),
    (regex.compile(r"(?i)^(dissertation|thesis)$"), "thesis"),
    (regex.compile(r"(?i)^(proceedings|conference|meeting|transactions|communications|seminar|symposi(on|um))"), "proceedings"),
    (regex.compile(r"^(Journal|Zeitschrift|Quarterly|Magazine?|Times|Rev(iew|vue)?|Bulletin|News|Week|Gazett[ea])"), "journal"),
    (regex.compile(r"(?i)^in$|收入"), "in"),
    (regex.compile(r"^([AaUu]nd|y|e)$"), "and"),
    (regex.compile(r"^(etal|others)$"), "etal"),
    (regex.compile(r"^(pp?|pages?|S(eiten?)?|ff?)$"), "page"),
    (regex.compile(r"(?i)^(vol(ume)?s?|iss(ue)?|n[or]?|number|fasc(icle|icule)?|suppl(ement)?)$"), "volume"),
    (regex.compile(r"(?i)^(ser(ies?)?|reihe|[ck]oll(e[ck]tion))$"), "series"),
    (regex.compile(r"(?i)^patent$"), "patent"),
    (regex.compile(r"(?i)^(edn|edition|expanded|rev(ised)?|p?reprint(ed)?|illustrated)$|^editio|aucta$"), "edition"),
    (regex.compile(r"(?i)^(nd|date|spring|s[uo]mmer|autumn|fall|winter|frühling|herbst)$|^(jul[yi]?|aug(ust)?|sep(tember)?|o[ck]t(ober)?|nov(ember)?|de[cz](ember)?)$|年"), "date"),
    (regex.compile(r"^(jan(uary?)?|feb(ruary?)?|mar(ch|z)?|apr(il)?|ma[yi]|jun[ei]?)$"), "date"),
    (regex.compile(r"(?i)^(doi|url)"), "locator"),
    (regex.compile(r"(?i)^(pmid|pmcid)"), "pubmed"),
    (regex.compile(r"(?i)^(arxiv)"), "arxiv"),
    (regex.compile(r"(?i)^(retrieved|retirado|accessed)$"), "accessed"),
    (regex.compile(r"^[ILXVMCD]{2,}$"), "roman"),
]

PUNCT = [
    (regex.compile(r"^\P{P}+$"), "none"),
    (regex.compile(r":"), "colon"),
    (regex.compile(r"\p{Pd}"), "hyphen"),
    (regex.compile(r"\."), "period"),
    (regex.compile(r"&"), "amp"),
]

BRACKETS = [
    (regex.compile(r"^[^\(\[<>\)\]]+$"), "none"),
    (regex.compile(r"^\(.*\)[,;:\p{Pd}\.]?$"), "parens"),
    (regex.compile(r"^\[.*\][,;:\p{Pd}\.]?$"), "square-brackets"),
    (regex.compile(r"^<.*>[,;:\p{Pd}\.]?$"), "angle"),
    (regex.compile(r"\)[,;:\p{Pd}\.]?$"), "closing-paren"),
    (regex.compile(r"^\("), "opening-paren"),
    (regex.compile(r"\][,;:\p{Pd}\.]?$"), "closing-square-bracket"),
    (regex.compile(r"^\["), "opening-square-bracket"),
    (regex.compile(r">[,;:\p{Pd}\.]?$"), "closing-angle"),
    (regex.compile(r"^<"), "opening-angle"),
]

Q = "\"'”„’‚´«‘“`»」』"
TERMINAL = [
    (regex.compile(r"[\.\)\]][" + Q + r"\)\]]?$|,[" + Q + r"\)\]]|[" + Q + r"\)\]],$"), "strong"),
    (regex.compile(r"[:" + Q + r"][,;:\p{Pd}!\?\.]?$"), "moderate"),
    (regex.compile(r"[!\?,;\p{Pd}][" + Q + r"]?$"), "weak"),
]

LOCATOR = regex.compile(
    # Ruby's URI.regexp (any `scheme:` and a character, unanchored), approximated
    r"\b(DOI|doi|ISBN|Url|URL|PMCID|PMID|PMC\d+|PubMed)\b|(?i:10.\d{4,9}/[-._;()/:A-Z0-9]+)"
    r"|[A-Za-z][-+.A-Za-z\d]*:[\w;?:@&=+$,\-.!~*'()%/]",
)


def first(rules, s, default):
    for rx, v in rules:
        if rx.search(s):
            return v
    return default


def keyword(tok, alpha):
    if tok == "&":
        return "and"
    return first(KEYWORD, alpha, "none")


def position(i, n):
    if n == 1:
        return "only"
    if i == 0:
        return "first"
    if i == n - 1:
        return "last"
    return str(round(i / n * 10))


def observe(tokens, dictionary):
    """AnyStyle's observation columns for each token: 0 token, 1 canonical, 2-3 category of
    the first and last character, 4-5 prefixes, 6-7 suffixes, 8 caps, 9 number, 10-13
    dictionary (name, place, publisher, journal), 14 keyword, 15 position, 16 punctuation,
    17 brackets, 18 terminal, 19 locator."""
    n = len(tokens)
    rows = []
    for i, t in enumerate(tokens):
        alpha = scrub(t)
        tags = dictionary.get(alpha.lower(), ()) if alpha else ()
        rows.append([
            t,
            canonize(alpha) or "BLANK" if alpha else "BLANK",
            category(t[0]), category(t[-1]),
            t[:1], t[:2], t[-1:], t[-2:],
            first(CAPS, alpha, "other"),
            first(NUMBER, t, "none"),
            *("1" if g in tags else "0" for g in DICT_TAGS),
            keyword(t, alpha),
            position(i, n),
            first(PUNCT, t, "other"),
            first(BRACKETS, t, "other"),
            first(TERMINAL, t, "none"),
            "T" if LOCATOR.search(t) else "F",
        ])
    return rows


# parser.txt's templates: (name, group, [(offset, column, lower-cased?)...]).
# `*:` templates of wapiti (observation x label pair) are kept as unigram ones (see above).
TEMPLATES = [
    ("Tok-1X", "word", [(0, 0, False)]),
    ("tok-1X", "word", [(0, 1, False)]),
    ("tok-1LL", "window", [(-2, 0, True)]),
    ("tok-1L", "window", [(-1, 0, True)]),
    ("tok-1R", "window", [(1, 0, True)]),
    ("tok-1RR", "window", [(2, 0, True)]),
    ("tok-2L", "window", [(-1, 0, True), (0, 0, True)]),
    ("tok-2R", "window", [(0, 0, True), (1, 0, True)]),
    ("Fst-1X", "category", [(0, 2, False)]),
    ("Fst-1R", "category", [(1, 2, False)]),
    ("Fst-2X", "category", [(0, 2, False), (0, 4, False)]),
    ("Fst-2R", "category", [(1, 2, False), (1, 4, False)]),
    ("Lst-1L", "category", [(-1, 3, False)]),
    ("Lst-1X", "category", [(0, 3, False)]),
    ("Lst-2L", "category", [(-1, 3, False), (-1, 6, False)]),
    ("Lst-2X", "category", [(0, 3, False), (0, 6, False)]),
    ("Pre-1X", "affix", [(0, 4, False)]),
    ("Pre-2X", "affix", [(0, 5, False)]),
    ("Pre-2R", "affix", [(1, 5, False)]),
    ("Suf-1X", "affix", [(0, 6, False)]),
    ("Suf-2L", "affix", [(-1, 7, False)]),
    ("Suf-2X", "affix", [(0, 7, False)]),
    ("Cap-1L", "caps", [(-1, 8, False)]),
    ("Cap-1X", "caps", [(0, 8, False)]),
    ("Cap-1R", "caps", [(1, 8, False)]),
    ("Cap-2L", "caps", [(-1, 8, False), (0, 8, False)]),
    ("Cap-2R", "caps", [(0, 8, False), (1, 8, False)]),
    ("Cap-3L", "caps", [(-1, 18, False), (0, 8, False)]),
    ("Num-1L", "number", [(-1, 9, False)]),
    ("Num-1X", "number", [(0, 9, False)]),
    ("Num-1R", "number", [(1, 9, False)]),
    ("Num-2B", "number", [(0, 9, False), (0, 17, False)]),
    ("Num-2T", "number", [(0, 9, False), (0, 18, False)]),
    ("Nme-1X", "dict", [(0, 10, False)]),
    ("Loc-1X", "dict", [(0, 11, False)]),
    ("Loc-2L", "dict", [(-1, 11, False), (0, 11, False)]),
    ("Loc-2R", "dict", [(0, 11, False), (1, 11, False)]),
    ("Pub-1X", "dict", [(0, 12, False)]),
    ("Pub-2L", "dict", [(-1, 12, False), (0, 12, False)]),
    ("Pub-2R", "dict", [(0, 12, False), (1, 12, False)]),
    ("Jnl-1X", "dict", [(0, 13, False)]),
    ("Jnl-2L", "dict", [(-1, 13, False), (0, 13, False)]),
    ("Jnl-2R", "dict", [(0, 13, False), (1, 13, False)]),
    ("Key-1L", "keyword", [(-1, 14, False)]),
    ("Key-1X", "keyword", [(0, 14, False)]),
    ("Key-1R", "keyword", [(1, 14, False)]),
    ("Key-2X", "keyword", [(0, 14, False), (0, 8, False)]),
    ("Key-3L", "keyword", [(-1, 18, False), (0, 14, False)]),
    ("Key-3x", "keyword", [(0, 14, False), (0, 18, False)]),
    ("Pos-1X", "position", [(0, 15, False)]),
    ("Pos-2L", "position", [(-1, 15, False), (0, 15, False)]),
    ("Pos-2R", "position", [(0, 15, False), (1, 15, False)]),
    ("Pct-1L", "punct", [(-1, 16, False)]),
    ("Pct-1X", "punct", [(0, 16, False)]),
    ("Pct-1R", "punct", [(1, 16, False)]),
    ("Brk-1L", "brackets", [(-1, 17, False)]),
    ("Brk-1X", "brackets", [(0, 17, False)]),
    ("Brk-1R", "brackets", [(1, 17, False)]),
    ("Tmn-1L", "terminal", [(-1, 18, False)]),
    ("Tmn-1X", "terminal", [(0, 18, False)]),
    ("Tmn-1R", "terminal", [(1, 18, False)]),
    ("Tmn-2L", "terminal", [(-1, 14, False), (0, 18, False)]),
    ("Tmn-2R", "terminal", [(0, 18, False), (1, 14, False)]),
    ("Tmn-3X", "terminal", [(0, 18, False), (0, 6, False)]),
    ("Tmn-4R", "terminal", [(0, 18, False), (1, 8, False)]),
    ("Id--1X", "locator", [(0, 19, False)]),
]


def featurize(tokens, dictionary, drop=()):
    rows = observe(tokens, dictionary)
    n = len(rows)
    templates = [t for t in TEMPLATES if t[1] not in drop]
    out = []
    for i in range(n):
        feats = []
        for name, _, parts in templates:
            vals = []
            for off, col, low in parts:
                j = i + off
                if 0 <= j < n:
                    v = rows[j][col]
                    vals.append(v.lower() if low else v)
                else:
                    vals.append(f"_x{off:+d}")
            feats.append(name + "=" + "/".join(vals))
        out.append(feats)
    return out


def build_dict(seqs):
    d = defaultdict(set)
    for segs in seqs:
        for tag, toks in segs:
            g = DICT_GROUP.get(tag)
            if g:
                for t in toks:
                    a = scrub(t).lower()
                    if a:
                        d[a].add(g)
    return d


def tokens_labels(segs):
    toks, labs = [], []
    for tag, ts in segs:
        toks.extend(ts)
        labs.extend([tag] * len(ts))
    return toks, labs


def record(line, toks, labs):
    rec = {"line": line}
    parts = defaultdict(list)
    for t, l in zip(toks, labs):
        if l in KEYS:
            parts[KEYS[l]].append(t)
    rec.update({k: " ".join(v) for k, v in parts.items()})
    return rec


def score(scorer, gold, pred):
    out = subprocess.run([sys.executable, scorer, "score", gold, pred], capture_output=True, text=True).stdout
    m = {k: float(v) for k, v in re.findall(r"(micro_f1|record_exact)=([0-9.]+)", out)}
    return m.get("micro_f1", float("nan")), m.get("record_exact", float("nan")), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(SHARED, "academic"))
    ap.add_argument("--scorer", default=os.path.join(SHARED, "eval", "score_academic.py"))
    ap.add_argument("--folds", default=",".join(map(str, range(K))))
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.00005)
    ap.add_argument("--max-iter", type=int, default=500)
    ap.add_argument("--period", type=int, default=10)
    ap.add_argument("--delta", type=float, default=1e-5)
    ap.add_argument("--dict", choices=["jack", "full", "none"], default="jack")
    ap.add_argument("--drop", default="")
    ap.add_argument("--oracle", action="store_true", help="gold tags as predictions")
    ap.add_argument("--keep", default="")
    ap.add_argument("--show-fields", action="store_true", help="print the pooled per-field table")
    a = ap.parse_args()
    drop = set(filter(None, a.drop.split(",")))
    folds = [int(x) for x in a.folds.split(",")]
    data = [(fi, i, segs) for fi, f in enumerate(FILES)
            for i, segs in enumerate(read_file(os.path.join(a.data, f + ".xml")))]
    tmp = a.keep or tempfile.mkdtemp(prefix="acrf")
    os.makedirs(tmp, exist_ok=True)
    print(f"CRF baseline: {len(data)} sequences, folds {folds}, c1={a.c1} c2={a.c2} "
          f"max_iter={a.max_iter} dict={a.dict} drop={sorted(drop) or '-'}", flush=True)
    pooled = []  # (file index, gold segs, tokens, predicted labels)
    fold_scores = []
    for fold in folds:
        t0 = time.time()
        train = [x for x in data if x[1] % K != fold]
        test = [x for x in data if x[1] % K == fold]
        if a.oracle:
            preds = [tokens_labels(s)[1] for _, _, s in test]
            t_train = t_tag = 0.0
        else:
            empty = {}
            tr_seqs = [s for _, _, s in train]
            if a.dict == "none":
                dicts = [empty] * len(tr_seqs)
                test_dict = empty
            elif a.dict == "full":
                test_dict = build_dict(tr_seqs)
                dicts = [test_dict] * len(tr_seqs)
            else:
                halves = [build_dict(tr_seqs[1::2]), build_dict(tr_seqs[0::2])]
                dicts = [halves[j % 2] for j in range(len(tr_seqs))]
                test_dict = build_dict(tr_seqs)
            trainer = pycrfsuite.Trainer(verbose=False)
            for segs, d in zip(tr_seqs, dicts):
                toks, labs = tokens_labels(segs)
                trainer.append(featurize(toks, d, drop), labs)
            trainer.set_params({"c1": a.c1, "c2": a.c2, "max_iterations": a.max_iter,
                                "period": a.period, "delta": a.delta})
            model = os.path.join(tmp, f"fold{fold}.crfsuite")
            trainer.train(model)
            iters = len(trainer.logparser.iterations)
            t_train = time.time() - t0
            t1 = time.time()
            tagger = pycrfsuite.Tagger()
            tagger.open(model)
            preds = [tagger.tag(featurize(tokens_labels(s)[0], test_dict, drop)) for _, _, s in test]
            tagger.close()
            os.remove(model)
            t_tag = time.time() - t1
        refs = []
        for j, ((fi, _, segs), p) in enumerate(zip(test, preds)):
            toks, _ = tokens_labels(segs)
            refs.append(record(j + 1, toks, p))
            pooled.append((fi, segs, toks, p))
        gp, pp = os.path.join(tmp, f"gold{fold}.xml"), os.path.join(tmp, f"pred{fold}.json")
        write_gold(gp, [s for _, _, s in test])
        json.dump({"references": refs}, open(pp, "w", encoding="utf-8"), ensure_ascii=False)
        f1, ex, _ = score(a.scorer, gp, pp)
        fold_scores.append((f1, ex))
        it = "" if a.oracle else f", {iters} L-BFGS iterations"
        print(f"fold {fold}: {len(test)} held out, trained on {len(train)} in {t_train:.0f}s{it}, "
              f"tagged in {t_tag:.1f}s: micro F1 {f1:.4f}, records exact {ex:.3f}", flush=True)
    # pooled over folds, then per held-out file
    def write_pair(name, items):
        gp, pp = os.path.join(tmp, f"gold-{name}.xml"), os.path.join(tmp, f"pred-{name}.json")
        write_gold(gp, [x[1] for x in items])
        refs = [record(j + 1, x[2], x[3]) for j, x in enumerate(items)]
        json.dump({"references": refs}, open(pp, "w", encoding="utf-8"), ensure_ascii=False)
        return score(a.scorer, gp, pp)

    f1, ex, report = write_pair("all", pooled)
    print(f"\nall held-out predictions pooled: micro F1 {f1:.4f}, records exact {ex:.3f}")
    if a.show_fields:
        print(report, end="")
    for fi, f in enumerate(FILES):
        items = [x for x in pooled if x[0] == fi]
        f1, ex, _ = write_pair(f, items)
        right = sum(g == p for x in items for g, p in zip(tokens_labels(x[1])[1], x[3]))
        total = sum(len(x[2]) for x in items)
        print(f"  {f}.xml ({len(items)} strings): micro F1 {f1:.4f}, records exact {ex:.3f}, "
              f"token accuracy {right / total:.4f}")
    right = sum(g == p for x in pooled for g, p in zip(tokens_labels(x[1])[1], x[3]))
    total = sum(len(x[2]) for x in pooled)
    mf = sum(s[0] for s in fold_scores) / len(fold_scores)
    me = sum(s[1] for s in fold_scores) / len(fold_scores)
    print(f"token accuracy {right / total:.4f} ({total} tokens)")
    print(f"mean over {len(folds)} folds: micro F1 {mf:.4f}, records exact {me:.3f}")
    # per-label confusion of tokens, largest first
    conf = Counter((g, p) for x in pooled for g, p in zip(tokens_labels(x[1])[1], x[3]) if g != p)
    print("most frequent token confusions (gold -> predicted):",
          ", ".join(f"{g}->{p} {c}" for (g, p), c in conf.most_common(12)))


if __name__ == "__main__":
    main()
