#!/usr/bin/env python3
"""Builds data/wordnet-synonyms.tsv, the synonym and morphology table of `reftrace trace`
(src/trace/synonyms.rs), from the WordNet 3.0 database as Debian ships it:

  apt-get install -y wordnet-base
  python3 scripts/build_wordnet.py > data/wordnet-synonyms.tsv

WordNet 3.0 is Copyright 2006 by Princeton University, under the licence in
data/LICENSE-wordnet (copied into the table's header as the licence requires).

What is kept, and why (the table is for matching news claims to reference titles, where a
wrong match costs more than a missed one):

- Senses: WordNet lists a word's senses in frequency order and cntlist.rev gives how often
  each sense was tagged in the SemCor corpus. A word keeps its first sense, and a later
  sense only when it was tagged at least MIN_TAGS times and at least SHARE of the first
  sense's count; a word never tagged keeps its first UNTAGGED senses, as their order
  then says little ("lorry" is first a horse-drawn wagon); a part of speech never tagged
  for a word tagged in another is dropped ("natural" as a noun). Rare senses ("ship" = "transport" as a verb, "bank" = "tilt") are dropped.
- Words: single lower-case words (hyphens allowed) and two-word verbs ("step up"). Proper
  nouns (a capital in the synset's spelling), words with digits and other multiword
  phrases are dropped: the tracer works on words, and places have their own gazetteer.
- Links: the synsets each word keeps (synonyms), one level of hypernyms between kept
  synsets ("lorry" is a kind of "truck"), and derivational links between kept senses
  ("suspend" -> "suspension"). Morphology: the exception lists (*.exc) for bases that are
  in the table, also for forms that are lemmas themselves ("said" -> "say"), and the
  regular base of such forms ("stated" -> "state"), and closed spellings of hyphenated
  words ("ceasefire" -> "cease-fire"); other regular inflection is undone
  at run time by WordNet's detachment rules.

Output rows (tab-separated), after '#' header lines:
  n  how many groups are nouns (they come first)
  w  lemma  group ids (',')  derived lemmas ('|', may be empty)
  h  group id  hypernym group ids (',')
  x  inflected form  base lemma
Group ids number the kept synsets 0..n; they mean nothing outside one build.
"""
import collections, os, re, sys

WN = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MIN_TAGS = 2
SHARE = 0.25
UNTAGGED = 2
MIN_SECOND_BASE = 4
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


def data_lines(path):
    with open(path, encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                yield line


def tag_counts():
    """(lemma, pos, sense number) -> SemCor tag count, from cntlist.rev."""
    counts = {}
    for line in open(os.path.join(WN, "cntlist.rev"), encoding="latin-1"):
        key, sense, count = line.split()
        lemma, rest = key.split("%", 1)
        counts[(lemma, SS_TYPE[rest[0]], int(sense))] = int(count)
    return counts


def wanted_word(lemma, pos):
    if re.search(r"[^a-z_\-']", lemma) or lemma.startswith(("-", "'")):
        return False
    parts = lemma.split("_")
    if len(parts) == 1:
        return True
    return pos == "v" and len(parts) == 2


def kept_senses(counts):
    """{(lemma, pos): [synset offsets kept, in sense order]} under the sense filter. A part
    of speech never tagged for a word that is tagged in another ("natural" as a noun,
    "cancel" as a noun) is dropped: its first sense there is a rare one."""
    tagged = collections.Counter()
    for (lemma, pos, _), c in counts.items():
        tagged[lemma, pos] += c
    tagged_lemmas = {lemma for (lemma, _), c in tagged.items() if c}
    kept = {}
    for pos in POS:
        for line in data_lines(os.path.join(WN, "index." + POS[pos])):
            f = line.split()
            lemma, p_cnt = f[0], int(f[3])
            if not wanted_word(lemma, pos):
                continue
            offsets = f[-int(f[2]):]
            first = counts.get((lemma, pos, 1), 0)
            if not tagged[lemma, pos] and lemma in tagged_lemmas:
                continue
            if not tagged[lemma, pos]:
                # Never tagged: the order of senses says little, keep the first few.
                kept[(lemma, pos)] = offsets[:UNTAGGED]
                continue
            keep = [offsets[0]]
            for i, off in enumerate(offsets[1:], start=2):
                c = counts.get((lemma, pos, i), 0)
                if c >= MIN_TAGS and c >= SHARE * first:
                    keep.append(off)
            kept[(lemma, pos)] = keep
    return kept


def read_synsets():
    """{(pos, offset): (words as spelled, hypernym offsets, derivations)}."""
    synsets = {}
    for pos in POS:
        for line in data_lines(os.path.join(WN, "data." + POS[pos])):
            f = line.split(" | ")[0].split()
            off, ss = f[0], f[2]
            p = "a" if ss == "s" else ss
            n = int(f[3], 16)
            words = [f[4 + 2 * i] for i in range(n)]
            words = [re.sub(r"\([a-z]+\)$", "", w) for w in words]
            i = 4 + 2 * n
            ptrs = int(f[i])
            hypers, derivs = [], []
            for k in range(ptrs):
                sym, toff, tpos, st = f[i + 1 + 4 * k : i + 5 + 4 * k]
                tpos = "a" if tpos == "s" else tpos
                if sym == "@" and tpos == p:
                    hypers.append(toff)
                elif sym == "+" and st != "0000":
                    src, dst = int(st[:2], 16), int(st[2:], 16)
                    derivs.append((src - 1, tpos, toff, dst - 1))
            synsets[(p, off)] = (words, hypers, derivs)
    return synsets


def build():
    counts = tag_counts()
    kept = kept_senses(counts)
    synsets = read_synsets()
    # A word keeps a synset only in its own spelling there: no proper nouns.
    members = collections.defaultdict(set)
    for (lemma, pos), offs in kept.items():
        for off in offs:
            words = synsets[(pos, off)][0]
            spelled = [w for w in words if w.lower() == lemma]
            if spelled and spelled[0] == lemma:
                members[(pos, off)].add(lemma)
    # Nouns first, so that a group id says whether it is a noun (ids < the "n" row).
    order = sorted(members, key=lambda k: (k[0] != "n", k))
    ids = {key: i for i, key in enumerate(order)}
    nouns = sum(1 for k in members if k[0] == "n")
    groups = collections.defaultdict(set)
    for key, lemmas in members.items():
        for lemma in lemmas:
            groups[lemma].add(ids[key])
    derived = collections.defaultdict(set)
    for key, lemmas in members.items():
        words, _, derivs = synsets[key]
        for src, tpos, toff, dst in derivs:
            a = words[src].lower()
            tkey = (tpos, toff)
            if a not in lemmas or tkey not in members:
                continue
            b = synsets[tkey][0][dst].lower()
            if b in members[tkey] and b != a:
                derived[a].add(b)
                derived[b].add(a)
    hyper = {}
    for key in members:
        parents = sorted(ids[(key[0], h)] for h in synsets[key][1] if (key[0], h) in ids)
        if parents:
            hyper[ids[key]] = parents
    exc = {}
    for pos in POS:
        for line in open(os.path.join(WN, POS[pos] + ".exc"), encoding="latin-1"):
            f = line.split()
            form, bases = f[0], [b for b in f[1:] if b in groups and b != f[0]]
            if bases and form not in exc and wanted_word(form, "n"):
                exc[form] = bases[0]
    # Second readings of words that are lemmas and also inflected forms ("stated" is an
    # adjective and a form of "state"): the run-time rules skip known words, so the table
    # carries these. Short bases are left out so that "news" does not read as "new".
    # Closed spellings of hyphenated words ("ceasefire" for "cease-fire").
    for lemma in groups:
        closed = lemma.replace("-", "")
        if closed != lemma and closed not in groups and closed not in exc:
            exc[closed] = lemma
    pos_of = collections.defaultdict(set)
    for key, lemmas in members.items():
        for lemma in lemmas:
            pos_of[lemma].add(key[0])
    for lemma in groups:
        if lemma not in exc and "_" not in lemma:
            base = detach(lemma, pos_of)
            if base and base != lemma and len(base) >= MIN_SECOND_BASE:
                exc[lemma] = base
    return groups, derived, hyper, exc, nouns


# WordNet's detachment rules (morphy) for nouns, verbs and adjectives, in the order
# src/trace/synonyms/morph.rs tries them.
DETACH = [("ies", "y"), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
          ("shes", "sh"), ("men", "man"), ("s", ""), ("es", "e"), ("es", ""), ("ed", "e"),
          ("ed", ""), ("ing", "e"), ("ing", ""), ("est", ""), ("est", "e"), ("er", ""),
          ("er", "e")]


def detach(word, pos_of):
    """The first base the detachment rules find, as morph.rs finds it, but only when the
    base has a part of speech the rule inflects: "-er" makes comparatives of adjectives,
    not agent nouns ("leader" is not a form of "lead")."""
    for suffix, ending in DETACH:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        inflects = {"er": "a", "est": "a", "ed": "v", "ing": "v", "men": "n"}.get(suffix, "nv")
        stem = word[: len(word) - len(suffix)]
        doubled = (not ending and suffix in ("ed", "ing") and len(stem) >= 3
                   and stem[-1] == stem[-2] and stem[-1] not in "aeiouy")
        for base in [stem + ending] + ([stem[:-1]] if doubled else []):
            if pos_of.get(base, set()) & set(inflects):
                return base
    return None


def display(lemma):
    return lemma.replace("_", " ")


def main():
    groups, derived, hyper, exc, nouns = build()
    out = sys.stdout
    licence = open(os.path.join(os.path.dirname(__file__), "..", "data", "LICENSE-wordnet"))
    out.write("# reftrace synonym and morphology table, derived from WordNet 3.0\n")
    out.write("# (Princeton University, https://wordnet.princeton.edu/).\n")
    out.write("# Regenerate: apt-get install -y wordnet-base &&"
              " python3 scripts/build_wordnet.py > data/wordnet-synonyms.tsv\n")
    out.write(f"# Sense filter: first sense, plus senses tagged >= {MIN_TAGS} times in SemCor"
              f" and >= {SHARE} of the first sense's count (cntlist.rev);"
              f" first {UNTAGGED} senses of untagged words; no untagged part of speech of a"
              " tagged word.\n")
    out.write("# Changes: single words and two-word verbs only; no proper nouns; one level of\n")
    out.write("# hypernyms; derivational links between kept senses; exception lists.\n")
    out.write("# Rows: n noun group count | w lemma groups derived | h group hypernyms |"
              " x form base\n")
    out.write("# Licence (data/LICENSE-wordnet):\n")
    for line in licence:
        out.write(("# " + line.rstrip()).rstrip() + "\n")
    out.write(f"n\t{nouns}\n")
    for lemma in sorted(groups):
        gs = ",".join(str(g) for g in sorted(groups[lemma]))
        ds = "|".join(display(d) for d in sorted(derived.get(lemma, ())))
        out.write(f"w\t{display(lemma)}\t{gs}\t{ds}\n")
    for g in sorted(hyper):
        out.write(f"h\t{g}\t{','.join(map(str, hyper[g]))}\n")
    for form in sorted(exc):
        out.write(f"x\t{display(form)}\t{display(exc[form])}\n")


if __name__ == "__main__":
    main()
