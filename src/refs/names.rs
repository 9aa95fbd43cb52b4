//! The head of an entry: people in `Family, Given` form, or an organisation.
//!
//! The decision is made by the shape of the text, never by a list of outlets: a head
//! with commas whose parts are all name-like is a list of people; anything else (no
//! comma, digits, lower-case words that are not name particles) is an organisation.
//!
//! People lists may have lost their separators (`Knights, Michael Al-Kaabi, Amir Malik,
//! Hamdi`). [`split_people`] finds the cheapest reading of the segments as
//! `Family, Given` pairs, where a segment may also hold `Given Family` of two people
//! whose separator is missing; costs favour single-word given names and family names
//! that are single words or start with a particle (`data/name-particles.txt`).

use super::hashing::FxHashSet;
use super::organisation::{is_acronym, is_organisation_word};
use super::record::Person;
use std::sync::OnceLock;

fn particles() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../data/name-particles.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `word` is a name particle such as `van`, `al` or `abu` (any case).
pub fn is_particle(word: &str) -> bool {
    if word.len() > 8 {
        return false;
    }
    if word.is_ascii() {
        let mut buf = [0u8; 8];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|w| particles().contains(w));
    }
    particles().contains(word.to_lowercase().as_str())
}

/// Whether `word` is a particle joined by a hyphen to a name, like `Al-Kaabi`.
pub fn is_hyphenated_particle_name(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(head, rest)| !rest.is_empty() && is_particle(head))
}

/// Whether a word can be part of a personal name: capitalised (or uncased script),
/// an initial like `J.`, or a particle.
pub fn is_name_word(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // The usual name word (capitalised letters) first: the particle tables are looked
    // up only for the others.
    let capitalised = (first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase()))
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    capitalised || is_particle(word) || is_hyphenated_particle_name(word)
}

/// One segment of a head, between commas or `and`.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment<'s> {
    /// The words of the segment.
    pub words: Vec<&'s str>,
    /// Byte offset of the segment inside the head.
    pub offset: usize,
    /// Byte length of the segment.
    pub len: usize,
}

/// Calls `each` with the byte offset and text (trimmed) of every non-blank segment of
/// `head`, split at commas, semicolons, ` and ` and ` & `.
fn for_each_segment<'s>(head: &'s str, mut each: impl FnMut(usize, &'s str)) {
    let mut emit = |from: usize, to: usize| {
        let text = &head[from..to];
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            each(from + text.len() - text.trim_start().len(), trimmed);
        }
    };
    // The separators are ASCII, and no byte of a multi-byte character is: the bytes
    // are searched, and every cut falls between characters.
    let bytes = head.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let sep_len = match bytes[i] {
            b',' | b';' => 1,
            b' ' if bytes[i + 1..].starts_with(b"and ") => 5,
            b' ' if bytes[i + 1..].starts_with(b"& ") => 3,
            _ => 0,
        };
        if sep_len > 0 {
            emit(start, i);
            start = i + sep_len;
            i = start;
        } else {
            i += 1;
        }
    }
    emit(start, head.len());
}

/// Splits a head at commas, semicolons, ` and ` and ` & `, keeping offsets.
pub fn segments<'s>(head: &'s str) -> Vec<Segment<'s>> {
    let mut out = Vec::new();
    for_each_segment(head, |offset, text| {
        out.push(Segment {
            words: text.split_whitespace().collect(),
            offset,
            len: text.len(),
        });
    });
    out
}

/// Most words one segment of a people list may have.
const MAX_NAME_WORDS: usize = 4;

/// Most full words (not initials) a given name has; a `Family, Given` head whose
/// second part is longer names an organisation's part (`FHWA, Federal Highway-User
/// Taxes`), not a person.
const MAX_GIVEN_WORDS: usize = 2;

/// Whether `word` is an initial: one letter, with or without its stop, or several
/// stopped letters (`G.`, `J`, `A.D.`).
fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && (letters == 1 || word.matches('.').count() == letters)
}

/// Whether the head reads as people (`Family, Given` form) rather than an organisation.
///
/// Every part must be name-like (capitalised words, initials, particles); and the head
/// must not have an organisation's shape: a word no name holds (`Bureau`,
/// `Department`), two acronyms (`DOT, OST`), or a second part longer than a given name
/// (`FHWA, Federal Highway-User Taxes`).
pub fn looks_like_people(head: &str) -> bool {
    if !head.contains(',') {
        return false;
    }
    let (mut count, mut all_names) = (0, true);
    let mut parts: [&str; 2] = ["", ""];
    for_each_segment(head, |_, text| {
        if count < 2 {
            parts[count] = text;
        }
        count += 1;
        all_names = all_names
            && text
                .split_whitespace()
                .enumerate()
                .all(|(n, w)| n < MAX_NAME_WORDS && is_name_word(w) && !is_organisation_word(w));
    });
    if count < 2 || !all_names {
        return false;
    }
    if count == 2 {
        let [family, given] = parts;
        let all_caps = |t: &str| t.split_whitespace().all(is_acronym);
        if all_caps(family) && all_caps(given) {
            return false;
        }
        let full_words = given
            .split_whitespace()
            .filter(|w| !is_initial(w) && !is_particle(w))
            .count();
        if full_words > MAX_GIVEN_WORDS {
            return false;
        }
    }
    true
}

const SPLIT_COST: u32 = 3; // in half-points: 1.5
const FAMILY_ONLY_COST: u32 = 6;

fn family_cost(words: &[&str]) -> u32 {
    match words {
        [_] => 0,
        [first, ..] if is_particle(first) || is_hyphenated_particle_name(first) => 0,
        _ => 4,
    }
}

fn given_cost(words: &[&str]) -> u32 {
    let base = match words.len() {
        0 | 1 => 0,
        2 => 2,
        _ => 6,
    };
    let markers = words
        .iter()
        .filter(|w| {
            is_hyphenated_particle_name(w)
                || (is_particle(w) && w.chars().next().is_some_and(char::is_lowercase))
        })
        .count() as u32;
    base + 4 * markers
}

/// A reading of a people list: who, and where separators had to be restored.
#[derive(Debug, Clone, PartialEq)]
pub struct PeopleReading {
    /// The people in order.
    pub people: Vec<Person>,
    /// (segment index, word index) where a missing separator was restored: the
    /// segment's words before it end one person, the words from it start the next.
    pub restored: Vec<(usize, usize)>,
    /// Whether the last person has a family name only.
    pub last_without_given: bool,
}

/// One decision of a reading, for one segment.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The segment is a family name; its given name follows.
    Family,
    /// The segment is the given name of the pending family name.
    Given,
    /// The segment's first `k` words are a given name, the rest the next family name
    /// (a separator was lost).
    GivenThenFamily(usize),
}

/// A reading so far: its cost and its last step (an index into the step arena).
#[derive(Debug, Clone, Copy)]
struct Head {
    cost: u32,
    step: Option<usize>,
}

/// Reads segments as `Family, Given` pairs, restoring lost separators where that is the
/// cheaper reading. Needs at least one segment.
pub fn split_people(segs: &[Segment<'_>]) -> PeopleReading {
    // After each segment there are two states: a complete list, or a family name
    // waiting for its given name. Each keeps only its cheapest reading (ties to the
    // earliest option); readings share their steps through back-pointers.
    let mut steps: Vec<(Option<usize>, usize, Step)> = Vec::new();
    let mut complete = Some(Head {
        cost: 0,
        step: None,
    });
    let mut pending: Option<Head> = None;
    for (si, seg) in segs.iter().enumerate() {
        let mut push = |from: Head, cost: u32, step: Step| {
            steps.push((from.step, si, step));
            Head {
                cost: from.cost + cost,
                step: Some(steps.len() - 1),
            }
        };
        let mut next_pending: Option<Head> = None;
        let mut offer_pending = |h: Head| {
            if next_pending.is_none_or(|best| h.cost < best.cost) {
                next_pending = Some(h);
            }
        };
        if let Some(c) = complete {
            offer_pending(push(c, family_cost(&seg.words), Step::Family));
        }
        let next_complete = pending.map(|p| push(p, given_cost(&seg.words), Step::Given));
        if let Some(p) = pending {
            for k in 1..seg.words.len() {
                let (given, fam) = seg.words.split_at(k);
                let cost = given_cost(given) + family_cost(fam) + SPLIT_COST;
                offer_pending(push(p, cost, Step::GivenThenFamily(k)));
            }
        }
        complete = next_complete;
        pending = next_pending;
    }
    let finished = [
        complete.map(|h| (h.cost, h, false)),
        pending.map(|h| (h.cost + FAMILY_ONLY_COST, h, true)),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|(cost, _, _)| *cost);
    let Some((_, head, last_without_given)) = finished else {
        return PeopleReading {
            people: Vec::new(),
            restored: Vec::new(),
            last_without_given: false,
        };
    };
    let mut chain = Vec::with_capacity(segs.len());
    let mut at = head.step;
    while let Some(i) = at {
        chain.push(i);
        at = steps[i].0;
    }
    let mut reading = PeopleReading {
        people: Vec::new(),
        restored: Vec::new(),
        last_without_given,
    };
    let mut family = String::new();
    for &i in chain.iter().rev() {
        let (_, si, step) = steps[i];
        let words = &segs[si].words;
        match step {
            Step::Family => family = words.join(" "),
            Step::Given => {
                let given = words.join(" ");
                reading
                    .people
                    .push(Person::new(std::mem::take(&mut family), given));
            }
            Step::GivenThenFamily(k) => {
                let given = words[..k].join(" ");
                reading
                    .people
                    .push(Person::new(std::mem::take(&mut family), given));
                reading.restored.push((si, k));
                family = words[k..].join(" ");
            }
        }
    }
    if last_without_given {
        reading.people.push(Person::new(family, ""));
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segments as the first version cut them, char by char.
    fn segments_char_by_char(head: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut emit = |from: usize, to: usize| {
            let text = &head[from..to];
            let trimmed = text.trim();
            if !trimmed.is_empty() {
                out.push((from + text.len() - text.trim_start().len(), trimmed));
            }
        };
        let mut start = 0;
        let mut chars = head.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let rest = &head[i..];
            let sep_len = if c == ',' || c == ';' {
                1
            } else if rest.starts_with(" and ") {
                5
            } else if rest.starts_with(" & ") {
                3
            } else {
                0
            };
            if sep_len > 0 {
                emit(start, i);
                start = i + sep_len;
                while chars.peek().is_some_and(|&(j, _)| j < start) {
                    chars.next();
                }
            }
        }
        emit(start, head.len());
        out
    }

    #[test]
    fn name_words_as_first_checked() {
        let first_version = |word: &str| {
            let Some(first) = word.chars().next() else {
                return false;
            };
            if word.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            if is_particle(word) || is_hyphenated_particle_name(word) {
                return true;
            }
            let letters_ok = word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
            letters_ok && (first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase()))
        };
        let words = [
            "", "Carla", "carla", "al", "Al-Kaabi", "al-Kaabi", "van", "J.", "O'Neil", "D’Arcy",
            "ÉLODIE", "élodie", "Élodie", "محمد", "X1", "1X", "A-", "-A", "Ⓐbc", "ǅemal", "Mc.",
            "abu-", "de", "De", "DE", "Ünïcödé", "straße", "Z’", "A B",
        ];
        for w in words {
            assert_eq!(is_name_word(w), first_version(w), "{w:?}");
        }
    }

    #[test]
    fn segments_are_cut_as_char_by_char() {
        let pieces = ["Ali", ",", ";", " and ", " & ", " ", "é", "and", "&", "Ünï", "  "];
        let mut state = 11_u64;
        for _ in 0..5000 {
            let mut head = String::new();
            for _ in 0..(state >> 60) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                head.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let mut found = Vec::new();
            for_each_segment(&head, |at, text| found.push((at, text)));
            assert_eq!(found, segments_char_by_char(&head), "{head:?}");
        }
    }

    fn read(head: &str) -> Vec<String> {
        split_people(&segments(head))
            .people
            .iter()
            .map(|p| format!("{} / {}", p.family, p.given))
            .collect()
    }

    #[test]
    fn plain_pairs_with_and() {
        assert_eq!(
            read("Ali, Idrees, Stewart, Phil and Azhari, Timour"),
            ["Ali / Idrees", "Stewart / Phil", "Azhari / Timour"]
        );
    }

    #[test]
    fn lost_separators_are_restored() {
        let r = split_people(&segments("Knights, Michael Al-Kaabi, Amir Malik, Hamdi"));
        let names: Vec<String> = r.people.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            ["Knights, Michael", "Al-Kaabi, Amir", "Malik, Hamdi"]
        );
        assert_eq!(r.restored, [(1, 1), (2, 1)]);
    }

    #[test]
    fn two_given_names_stay_together() {
        assert_eq!(read("Dri, Karwan Faidhi"), ["Dri / Karwan Faidhi"]);
        assert_eq!(
            read("Dri, Karwan Faidhi, Smith, John"),
            ["Dri / Karwan Faidhi", "Smith / John"]
        );
    }

    #[test]
    fn particle_family_names_stay_whole() {
        assert_eq!(
            read("Van Wilgenburg, Wladimir"),
            ["Van Wilgenburg / Wladimir"]
        );
        assert_eq!(read("Abu Hanieh, Hassan"), ["Abu Hanieh / Hassan"]);
        assert_eq!(read("Abdul-Rahman, Omar"), ["Abdul-Rahman / Omar"]);
        assert_eq!(
            read("Knights, Michael Abu Hanieh, Hassan"),
            ["Knights / Michael", "Abu Hanieh / Hassan"]
        );
    }

    #[test]
    fn people_or_organisation_by_shape() {
        assert!(looks_like_people("Babb, Carla"));
        assert!(looks_like_people(
            "Knights, Michael Al-Kaabi, Amir Malik, Hamdi"
        ));
        assert!(!looks_like_people("Kurdistan 24"));
        assert!(!looks_like_people("Van Wilgenburg"));
        assert!(!looks_like_people(
            "Institute for the Study of War, ISW Staff"
        ));
        assert!(!looks_like_people("Al Mada"));
    }

    #[test]
    fn organisations_with_a_comma() {
        // A second part longer than a given name, with an acronym before it.
        assert!(!looks_like_people("FHWA, Federal Highway-User Taxes"));
        // A word no name holds.
        assert!(!looks_like_people("DOT, Build America Bureau"));
        assert!(!looks_like_people("Health Ministry, Planning Division"));
        // Two acronyms.
        assert!(!looks_like_people("DOT, OST"));
        // Lower-case words that are not particles.
        assert!(!looks_like_people(
            "Government of Canada, Department of Finance"
        ));
        // People keep their reading: initials, capitalised family names, particles.
        assert!(looks_like_people("Jones, Daniel O. B."));
        assert!(looks_like_people("SMITH, John"));
        assert!(looks_like_people("Quig, A. D."));
        assert!(looks_like_people("de la Cruz, Maria"));
        assert!(looks_like_people("Bradley, Anthony Wilfred"));
    }
}
