#!/usr/bin/env python3
"""Writes made-up news-analysis articles for the Spark example and its test.

Each article has the sample's shape (a date line, a title, a caption, body
paragraphs of short factual sentences, a reference list of outlet-led and
author-led entries with ``-`` continuation lines and numeric dates, a footer).
Every word comes from the small lists below, drawn with a seeded generator, so a
run is reproducible; nothing is copied from a real article. Body sentences reuse
the words of some titles, so tracing finds links.

    python3 examples/gen_spark_articles.py --count 200 --jsonl articles.jsonl --dir articles/

``--jsonl`` writes one ``{"id", "text"}`` object per line (the Spark input);
``--dir`` writes ``ID.txt`` files (the input of ``reftrace trace DIR``). Python 3.9+,
standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

OUTLETS = [
    "Northern Ledger", "Valley Courier", "Harbor Dispatch", "Plains Gazette",
    "River Post", "Coastline Times", "Summit Herald", "Delta Wire",
]
FAMILIES = ["Marlow", "Okafor", "Brandt", "Castellano", "Whitfield", "Nakamura", "Ferreira", "Lindqvist"]
GIVEN = ["Tessa", "Joram", "Ilse", "Mateo", "Priya", "Conrad", "Aiko", "Rafael"]
PLACES = ["Ardent Valley", "Kessington", "Port Lumen", "Brackwater", "Eastfold", "Mirren Bay"]
GROUPS = ["the river authority", "the port union", "the grain cooperative", "the transit board",
          "the coastal guard", "the miners' council"]
EVENTS = [
    ("flood", "floods", "Flood waters close the {place} bridge"),
    ("strike", "strikes", "Dock workers strike in {place}"),
    ("fire", "fires", "Warehouse fire spreads through {place}"),
    ("protest", "protests", "Farmers protest grain prices in {place}"),
    ("blackout", "blackouts", "Blackout leaves {place} without power"),
    ("landslide", "landslides", "Landslide blocks the road to {place}"),
    ("election", "elections", "{place} council election goes to a recount"),
    ("drought", "droughts", "Drought empties the {place} reservoir"),
]
SENTENCES = [
    "{Group} said the {event} in {place} was the worst in a decade.",
    "Officials in {place} confirmed the {event} on {month} {day}.",
    "The {event} in {place} forced {number} families from their homes.",
    "Reports from {place} described the {event} as unexpected.",
    "{Group} blamed the {event} on years of neglect in {place}.",
]
OPINIONS = [
    "This is a sign that {place} needs a new plan.",
    "It seems unlikely that {group} will change course.",
    "The response so far has been disappointing.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, n: int) -> str:
    year = rng.choice([2022, 2023, 2024])
    month = rng.randint(1, 12)
    day = rng.randint(5, 28)
    events = rng.sample(EVENTS, k=rng.randint(2, 4))
    places = rng.sample(PLACES, k=len(events))
    title = f"What The {events[0][0].title()} In {places[0]} Means"
    lines = [
        f"{rng.choice(WEEKDAYS)}, {MONTHS[month - 1]} {day}, {year}",
        "",
        title,
        "",
        f"({places[0]}, file photo)",
        "",
    ]
    refs: list[str] = []
    for (word, _plural, headline), place in zip(events, places):
        paragraph = []
        for _ in range(rng.randint(2, 3)):
            paragraph.append(
                rng.choice(SENTENCES).format(
                    Group=rng.choice(GROUPS).capitalize(),
                    group=rng.choice(GROUPS),
                    event=word,
                    place=place,
                    month=MONTHS[month - 1],
                    day=rng.randint(1, day),
                    number=rng.randint(12, 900),
                )
            )
        if rng.random() < 0.5:
            paragraph.append(rng.choice(OPINIONS).format(place=place, group=rng.choice(GROUPS)))
        lines += [" ".join(paragraph), ""]
        # One to three sources per event, the later ones as continuation lines.
        outlet = rng.choice(OUTLETS)
        for i in range(rng.randint(1, 3)):
            d = f"{month}/{max(1, day - rng.randint(0, 4))}/{year % 100:02d}"
            head = headline.format(place=place) if i == 0 else f"{place} {word} update {i + 1}"
            if i > 0:
                refs.append(f'- "{head}," {d}')
            elif rng.random() < 0.5:
                refs.append(f'{outlet}, "{head}," {d}')
            else:
                refs.append(
                    f'{rng.choice(FAMILIES)}, {rng.choice(GIVEN)}, "{head}," {outlet}, {d}'
                )
    # A source no claim uses.
    refs.append(f'{rng.choice(OUTLETS)}, "Weekly market prices for {rng.choice(PLACES)}," '
                f"{month}/{day}/{year % 100:02d}")
    for r in refs:
        lines += [r, ""]
    lines += [f"Posted by Analyst {n} at 9:{n % 60:02d} AM", "", "No comments:"]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jsonl", type=Path, help="write {id, text} lines here")
    ap.add_argument("--dir", type=Path, help="write ID.txt files here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    items = [(f"a{n:06d}", article(rng, n)) for n in range(args.count)]
    if args.jsonl:
        args.jsonl.parent.mkdir(parents=True, exist_ok=True)
        with args.jsonl.open("w", encoding="utf-8") as out:
            for id_, text in items:
                out.write(json.dumps({"id": id_, "text": text}, ensure_ascii=False) + "\n")
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        for id_, text in items:
            (args.dir / f"{id_}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
