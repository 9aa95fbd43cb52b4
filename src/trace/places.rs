//! The gazetteer (`data/gazetteer.tsv`, built by `scripts/build_gazetteer.py` from
//! GeoNames data, CC BY 4.0): places found by transliteration key, with the province and
//! country each one lies in, and capitals that stand for their governments.

use super::text::skeleton;
use super::tuning::TUNING;
use super::fxhash::FxMap;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

/// What a gazetteer row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A country's capital (stands for its government too).
    Capital,
    /// A first-level division: province, governorate, state.
    Province,
    /// A city or town.
    City,
}

/// One place.
#[derive(Debug, Clone)]
pub struct Place {
    /// Kind of place.
    pub kind: PlaceKind,
    /// Its main name.
    pub name: String,
    /// ISO country code.
    pub country: String,
    /// Province it lies in (cities only), by name.
    pub province: Option<String>,
    /// Its position in the gazetteer.
    id: usize,
}

/// An area a place stands for, as a matching key: a country, a province of a country, or
/// a town of a country (names by transliteration key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Area {
    /// A country, by lower-case ISO code.
    Country(Box<str>),
    /// A first-level division: country code and name key.
    Province(Box<str>, Box<str>),
    /// A city, town or capital: country code and name key.
    Town(Box<str>, Box<str>),
}

impl Area {
    /// Whether it is a whole country (two places that only share one say little).
    pub fn is_country(&self) -> bool {
        matches!(self, Area::Country(_))
    }
}

/// How a text reached a place key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Via {
    /// The text names it.
    #[default]
    Named,
    /// The text names a place that lies in it.
    LiesIn,
    /// The text names its capital, which stands for its government.
    CapitalOf,
}

/// A place with a strength: 1 for the place named, less for what contains it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceKey {
    /// Key for matching.
    pub area: Area,
    /// Readable name of that place.
    pub name: String,
    /// 1.0 for the place itself, lower for its province and country.
    pub strength: f64,
    /// How it was reached, for evidence.
    pub via: Via,
}

/// All places by transliteration key.
#[derive(Debug, Default)]
pub struct Gazetteer {
    by_key: FxMap<String, Vec<usize>>,
    by_spelling: FxMap<String, Vec<usize>>,
    places: Vec<Place>,
    country_names: FxMap<String, String>,
    /// [`Gazetteer::keys`] of each place, worked out on first use.
    keys_of: Vec<OnceLock<Vec<PlaceKey>>>,
}

/// The gazetteer shipped in `data/gazetteer.tsv`.
pub static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_tsv(include_str!("../../data/gazetteer.tsv")));

impl Gazetteer {
    /// Reads rows of `kind<TAB>name<TAB>country<TAB>province<TAB>aliases`.
    pub fn from_tsv(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let kind = match cols[0] {
                "country" => PlaceKind::Country,
                "capital" => PlaceKind::Capital,
                "province" => PlaceKind::Province,
                "city" => PlaceKind::City,
                _ => continue,
            };
            let place = Place {
                kind,
                name: cols[1].to_string(),
                country: cols[2].to_string(),
                province: cols.get(3).filter(|p| !p.is_empty()).map(|p| p.to_string()),
                id: g.places.len(),
            };
            if kind == PlaceKind::Country {
                g.country_names
                    .insert(place.country.clone(), place.name.clone());
            }
            let id = g.places.len();
            let mut names = vec![cols[1]];
            if let Some(aliases) = cols.get(4) {
                names.extend(aliases.split('|').filter(|a| !a.is_empty()));
            }
            for name in names {
                let spelling = name.to_lowercase();
                let ids = g.by_spelling.entry(spelling).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
                let key = name_key(name);
                if key.len() < 3 {
                    continue;
                }
                let ids = g.by_key.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            g.places.push(place);
        }
        g.keys_of = g.places.iter().map(|_| OnceLock::new()).collect();
        g
    }

    /// The best place for a name as written, if any. Countries, capitals and provinces
    /// come before cities of the same key; among cities, the file's order (largest first).
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.best(self.by_key.get(&name_key(name))?)
    }

    /// Like [`Gazetteer::lookup`], but only for a name spelled as the gazetteer spells
    /// one of its names (for single words taken out of a longer name, where a loose
    /// key would find too much).
    pub fn lookup_spelled(&self, name: &str) -> Option<&Place> {
        self.best(self.by_spelling.get(&super::text::fold(name))?)
    }

    /// Every place a name may stand for, loosely (by key) or as spelled, best first.
    pub fn candidates(&self, name: &str, spelled_only: bool) -> Vec<&Place> {
        let ids = if spelled_only {
            self.by_spelling.get(&super::text::fold(name))
        } else {
            self.by_key.get(&name_key(name))
        };
        let mut out: Vec<&Place> = ids
            .map(|ids| ids.iter().map(|&i| &self.places[i]).collect())
            .unwrap_or_default();
        out.sort_by_key(|p| rank(p.kind));
        out
    }

    fn best(&self, ids: &[usize]) -> Option<&Place> {
        ids.iter()
            .map(|&i| &self.places[i])
            .min_by_key(|p| rank(p.kind))
    }

    /// A country's name by ISO code.
    pub fn country_name(&self, iso: &str) -> Option<&str> {
        self.country_names.get(iso).map(String::as_str)
    }

    /// The keys a place stands for: itself, its province, its country (a capital also
    /// stands for its government, so it reaches the country strongly).
    pub fn keys(&self, place: &Place) -> Cow<'_, [PlaceKey]> {
        match self.keys_of.get(place.id) {
            Some(cell) if std::ptr::eq(&self.places[place.id], place) => {
                Cow::Borrowed(cell.get_or_init(|| self.keys_anew(place)))
            }
            _ => Cow::Owned(self.keys_anew(place)),
        }
    }

    fn keys_anew(&self, place: &Place) -> Vec<PlaceKey> {
        let cc = place.country.to_lowercase();
        let country = self
            .country_name(&place.country)
            .unwrap_or(&place.country)
            .to_string();
        let mut out = Vec::new();
        match place.kind {
            PlaceKind::Country => out.push(PlaceKey {
                area: Area::Country(cc.into()),
                name: country,
                strength: 1.0,
                via: Via::Named,
            }),
            PlaceKind::Province => {
                out.push(PlaceKey {
                    area: Area::Province(cc.clone().into(), name_key(&place.name).into()),
                    name: place.name.clone(),
                    strength: 1.0,
                    via: Via::Named,
                });
                out.push(PlaceKey {
                    area: Area::Country(cc.into()),
                    name: country,
                    strength: TUNING.province_in_country,
                    via: Via::LiesIn,
                });
            }
            PlaceKind::Capital | PlaceKind::City => {
                out.push(PlaceKey {
                    area: Area::Town(cc.clone().into(), name_key(&place.name).into()),
                    name: place.name.clone(),
                    strength: 1.0,
                    via: Via::Named,
                });
                // A city named like its province (Erbil, Basra) stands for both.
                if let Some(prov) = &place.province {
                    let same = name_key(prov) == name_key(&place.name);
                    out.push(PlaceKey {
                        area: Area::Province(cc.clone().into(), name_key(prov).into()),
                        name: prov.clone(),
                        strength: if same { 1.0 } else { TUNING.town_in_province },
                        via: if same { Via::Named } else { Via::LiesIn },
                    });
                }
                let capital = place.kind == PlaceKind::Capital;
                out.push(PlaceKey {
                    area: Area::Country(cc.into()),
                    name: country,
                    strength: if capital {
                        TUNING.capital_for_country
                    } else {
                        TUNING.town_in_country
                    },
                    via: if capital { Via::CapitalOf } else { Via::LiesIn },
                });
            }
        }
        out
    }
}

fn rank(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country => 0,
        PlaceKind::Capital => 1,
        PlaceKind::Province => 2,
        PlaceKind::City => 3,
    }
}

/// Transliteration key of a whole place name (each word keyed, joined by spaces).
pub fn name_key(name: &str) -> String {
    name.split([' ', '-'])
        .map(skeleton)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_find_the_same_city() {
        let g = &*GAZETTEER;
        let irbil = g.keys(g.lookup("Irbil").unwrap());
        let erbil = g.keys(g.lookup("Erbil").unwrap());
        assert!(irbil.iter().any(|k| {
            erbil
                .iter()
                .any(|e| e.area == k.area && e.strength == 1.0 && k.strength == 1.0)
        }));
        assert_eq!(
            g.lookup("Falluja").map(|p| p.name.as_str()),
            Some("Al Fallujah")
        );
    }

    #[test]
    fn a_city_reaches_its_province_and_a_capital_its_country() {
        let g = &*GAZETTEER;
        let mosul = g.keys(g.lookup("Mosul").unwrap());
        let ninewa = g.keys(g.lookup("Ninewa").unwrap());
        assert!(mosul.iter().any(|k| k.area == ninewa[0].area));
        let washington = g.keys(g.lookup("Washington").unwrap());
        assert!(
            washington
                .iter()
                .any(|k| k.area == Area::Country("us".into()) && k.strength > 0.8)
        );
    }
}
