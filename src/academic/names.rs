//! People lists of academic styles: `Romero, C., Paunesku, D., & Dweck, C.`,
//! `Pérez-Higueras JJ, de la Macorra JC`, `S. E. Han, G. Chen`, `Lee, L. L., W. E.
//! Howard, and R. E. Marsh`, `In O. Card (Ed.)`. Each person is split into family and
//! given names; particles (`de la`, `van`) stay with the family name. A group author
//! (`World Health Organization.`, `R Core Team.`) is one name, kept whole.

use super::fields::spaced;
use super::tokens::is_initials;
use crate::refs::Person;
use crate::refs::names::is_particle;
use crate::refs::organisation::is_organisation_word;

/// Words that mark a role or a list rather than name anyone.
const MARKERS: &[&str] = &[
    "in",
    "ed",
    "eds",
    "editor",
    "editors",
    "edited",
    "by",
    "hrsg",
    "hg",
    "hgg",
    "trans",
    "translated",
    "transl",
    "tr",
    "übers",
    "éd",
    "éds",
    "dir",
    "dirs",
    "coord",
    "comp",
    "comps",
    "eds.",
    "et",
    "al",
    "others",
    "u",
    "a",
    "ua",
    "a.o",
    "(eds",
    "ed.)",
    "y",
    "col",
    "cols",
    "org",
    "orgs",
    "herausgegeben",
    "von",
    "with",
    "introduction",
    "foreword",
];

/// Whether `word` marks a role or a list ([`MARKERS`]) rather than naming anyone.
pub(super) fn is_marker(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    // A lone capital is an initial (`A.`), not `a.` or `u.`; capitals with full stops
    // between them are initials too (`A.O.`, not `a.o.`, "and others").
    if bare.chars().count() == 1 && bare.chars().next().is_some_and(char::is_uppercase)
        || bare.contains('.') && bare.chars().all(|c| c == '.' || c.is_uppercase())
    {
        return false;
    }
    // `with` joins a contributor (`Young, Brian, with John Dickinson`); capitalised
    // after a person's initials it is a family name (`K. A. With`).
    if bare == "With" {
        return false;
    }
    // `von` is a particle when a name follows; only `hrsg. von` makes it a marker, which
    // the caller handles by dropping `hrsg`. Keep `von` as a particle here.
    let is = |core: &str| core != "von" && MARKERS.contains(&core);
    if bare.is_ascii() {
        // Lower-cased on the stack: no marker is longer than 16 bytes.
        let mut buf = [0u8; 16];
        let Some(dst) = buf.get_mut(..bare.len()) else {
            return false;
        };
        dst.copy_from_slice(bare.as_bytes());
        dst.make_ascii_lowercase();
        return std::str::from_utf8(dst).is_ok_and(is);
    }
    is(&bare.to_lowercase())
}

/// Whether `word` joins two names (`and`, `&`, `und`, `et`).
pub(super) fn is_conjunction(word: &str) -> bool {
    matches!(
        word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'),
        "and" | "&" | "und" | "et" | "y" | "e" | "och" | "og" | "en" | "i" | "AND" | "And"
    )
}

fn tidy(word: &str) -> &str {
    let w = word.trim_matches(|c: char| {
        matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”')
    });
    // `J.` and `J.-P.` keep their full stop; `JJ.` (one stop after more letters) does not.
    let one_stop_ending = || {
        w.ends_with('.')
            && w.bytes().filter(|&b| b == b'.').count() == 1
            && w.chars().filter(|c| c.is_alphabetic()).count() > 1
    };
    if is_initials(w) && !one_stop_ending() {
        w
    } else {
        w.trim_end_matches('.')
    }
}

fn person(family: &[&str], given: &[&str]) -> Person {
    Person::new(tidied(family), tidied(given))
}

/// The words tidied, the empty ones left out, joined by single spaces.
fn tidied(words: &[&str]) -> String {
    let room = words.iter().map(|w| w.len() + 1).sum();
    spaced(words.iter().map(|w| tidy(w)).filter(|w| !w.is_empty()), room)
}

/// Splits `Given Family` (or `Family Initials`) words of one person.
fn one(words: &[&str]) -> Person {
    let n = words.len();
    if n == 1 {
        return person(words, &[]);
    }
    // Family then initials: `Pérez-Higueras JJ`, `de la Macorra JC`, `Heidegger M.`.
    let trailing = words.iter().rev().take_while(|w| is_initials(w)).count();
    if trailing > 0 && trailing < n {
        return person(&words[..n - trailing], &words[n - trailing..]);
    }
    // Given then family: `S. E. Han`, `Wolfgang Jantzen`, `Ludwig van Beethoven`.
    let mut split = n - 1;
    while split > 0 && is_particle(tidy(words[split - 1])) {
        split -= 1;
    }
    person(&words[split..], &words[..split])
}

fn given_like(words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            is_initials(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && !w.chars().any(|c| c.is_ascii_digit())
        })
}

/// A group author's name when `text` is one (`American Psychological Association.`,
/// `U.S. Department of Health and Human Services, National Institutes of Health.`): its
/// first part (up to a comma) is of two words or more, holds a word that names an
/// organisation and no person (`data/organisation-words.txt`) and does not end in a
/// person's initials (`Board JA`), and no later part ends in initials either. Such a
/// name is kept whole as the family name, as CSL keeps an institution's.
fn organisation(text: &str) -> Option<Person> {
    let text = text.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let ends_in_initials = |part: &str| {
        part.split_whitespace()
            .next_back()
            .is_none_or(|w| is_initials(w) && w.chars().count() <= 3)
    };
    // Most lists are ruled out by their first part's length or last word (`Keller`,
    // `Smith J`) before any word is looked up.
    let (first, rest) = text.split_at(text.find([',', ';']).unwrap_or(text.len()));
    let mut words = first.split_whitespace();
    if words.clone().nth(1).is_none() || ends_in_initials(first) {
        return None;
    }
    // `Team` is not among the shared organisation words: a news citation's `Team, ROG
    // Learning` is written (and its gold read) as a person's inverted name. Last in a
    // group's name that is not inverted (`R Core Team`), it names the group.
    let named = words.any(is_organisation_word) || first.trim_end().ends_with(" Team");
    if !named || rest.split([',', ';']).any(|p| !p.trim().is_empty() && ends_in_initials(p)) {
        return None;
    }
    Some(Person::new(spaced(text.split_whitespace(), text.len()), ""))
}

/// The people named in `text`, in order.
pub fn people(text: &str) -> Vec<Person> {
    people_and_marks(text).0
}

/// [`people`], and how many letters and digits the markers and conjunctions it left
/// out hold (`and`, `eds.`): the rest of the text's are the names', unless a word was
/// dropped.
pub fn people_and_marks(text: &str) -> (Vec<Person>, usize) {
    if let Some(body) = organisation(text) {
        return (vec![body], 0);
    }
    let mut marks = 0;
    let alnum = |w: &str| w.chars().filter(|c| c.is_alphanumeric()).count();
    // Split into parts at commas, semicolons and conjunctions; drop markers. The words
    // are kept in one list, each part a range of it (`starts`), with whether a hard
    // break opened it.
    let semicolons = text.contains(';');
    let mut words: Vec<&str> = Vec::with_capacity(16);
    let mut starts: Vec<(usize, bool)> = Vec::with_capacity(8);
    starts.push((0, false));
    for raw in text.split_whitespace() {
        if is_conjunction(raw) {
            marks += alnum(raw);
            starts.push((words.len(), true));
            continue;
        }
        if is_marker(raw) {
            marks += alnum(raw);
            if raw.ends_with([',', ';']) {
                starts.push((words.len(), raw.ends_with(';')));
            }
            continue;
        }
        let word = raw.trim_start_matches(['(', '[']);
        let ends_part = word.ends_with(',') || word.ends_with(';');
        let w = word.trim_end_matches([',', ';', ':', ')', ']']);
        if !w.is_empty() && w.chars().any(char::is_alphabetic) {
            words.push(w);
        }
        if ends_part {
            starts.push((words.len(), word.ends_with(';') || !semicolons));
        }
    }
    // The empty parts dropped, the break that opened one kept on the part before.
    let mut parts: Vec<&[&str]> = Vec::with_capacity(starts.len());
    let mut breaks: Vec<bool> = Vec::with_capacity(starts.len());
    for (k, &(start, b)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(words.len(), |n| n.0);
        if start == end {
            if let Some(last) = breaks.last_mut() {
                *last |= b;
            }
            continue;
        }
        parts.push(&words[start..end]);
        breaks.push(b);
    }
    if semicolons {
        // `Family, Given; Family, Given`: commas inside a person.
        let mut out = Vec::new();
        let mut cur: Vec<&[&str]> = Vec::new();
        let flush = |cur: &mut Vec<&[&str]>, out: &mut Vec<Person>| {
            match cur.len() {
                0 => {}
                1 => out.push(one(cur[0])),
                _ => out.push(person(cur[0], &cur[1..].concat())),
            }
            cur.clear();
        };
        for (i, p) in parts.iter().enumerate() {
            if i > 0 && breaks[i] {
                flush(&mut cur, &mut out);
            }
            cur.push(p);
        }
        flush(&mut cur, &mut out);
        return (out, marks);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = &parts[i];
        let next = parts.get(i + 1);
        let all_initials = p.iter().all(|w| is_initials(w));
        let particle_led = p.len() > 1
            && p[0].chars().next().is_some_and(char::is_lowercase)
            && is_particle(p[0])
            && !p.iter().any(|w| is_initials(w));
        let may_pair = p.len() == 1
            || particle_led
            || (!all_initials
                && p.iter().any(|w| is_particle(w))
                && next.is_some_and(|n| n.iter().all(|w| is_initials(w))));
        // `Beauvoir, Simone de`, `Tocqueville, A. de`: the particle written after the
        // given names belongs to the family name (`de Beauvoir`).
        let (given, particles) = match next {
            Some(n) if may_pair => {
                let k = n
                    .iter()
                    .rev()
                    .take_while(|w| {
                        w.chars().next().is_some_and(char::is_lowercase) && is_particle(tidy(w))
                    })
                    .count();
                n.split_at(n.len() - k)
            }
            _ => (&[][..], &[][..]),
        };
        if !given.is_empty()
            && (given.iter().all(|w| is_initials(w))
                || (given_like(given)
                    && given.len() <= 2
                    && (!is_initials(given[0]) || is_initials(given[given.len() - 1]))
                    && !is_initials(p[0])))
        {
            if particles.is_empty() {
                out.push(person(p, given));
            } else {
                out.push(person(&[particles, p].concat(), given));
            }
            i += 2;
            continue;
        }
        out.push(one(p));
        i += 1;
    }
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        people(text)
            .into_iter()
            .map(|p| (p.family, p.given))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn apa_family_comma_initials() {
        assert_eq!(
            names("Romero, C., Paunesku, D., & Dweck, C."),
            pairs(&[("Romero", "C."), ("Paunesku", "D."), ("Dweck", "C.")])
        );
    }

    /// `A.O.` is a person's initials; `a.o.` ("and others") marks a list.
    #[test]
    fn capital_initials_are_no_marker() {
        assert_eq!(
            names("Akan, A.O., & Smith, J."),
            pairs(&[("Akan", "A.O."), ("Smith", "J.")])
        );
        assert_eq!(names("Müller, K. a.o."), pairs(&[("Müller", "K.")]));
    }

    #[test]
    fn vancouver_with_particles() {
        assert_eq!(
            names("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA."),
            pairs(&[
                ("Pérez-Higueras", "JJ"),
                ("Arias", "A"),
                ("de la Macorra", "JC"),
                ("Peters", "OA")
            ])
        );
    }

    #[test]
    fn initials_first_and_mixed() {
        assert_eq!(
            names("S. E. Han, G. Chen,"),
            pairs(&[("Han", "S. E."), ("Chen", "G.")])
        );
        assert_eq!(
            names("Lee, L. L., W. E. Howard, and R. E. Marsh."),
            pairs(&[("Lee", "L. L."), ("Howard", "W. E."), ("Marsh", "R. E.")])
        );
        assert_eq!(
            names("Ludwig van Beethoven"),
            pairs(&[("van Beethoven", "Ludwig")])
        );
        assert_eq!(
            names("Adams, Nicholson B.,"),
            pairs(&[("Adams", "Nicholson B.")])
        );
    }

    /// `Wiens, J. A., T. O. Crist, K. A. With, and B. T. Milne.` (Ecology, 1993): the
    /// ecologist With is a person, not the word `with`.
    #[test]
    fn with_is_a_name_when_capitalised() {
        assert_eq!(
            names("Wiens, J. A., T. O. Crist, K. A. With, and B. T. Milne."),
            pairs(&[
                ("Wiens", "J. A."),
                ("Crist", "T. O."),
                ("With", "K. A."),
                ("Milne", "B. T.")
            ])
        );
        assert_eq!(
            names("Young, Brian, with John Dickinson."),
            pairs(&[("Young", "Brian"), ("Dickinson", "John")])
        );
    }

    #[test]
    fn markers_are_dropped() {
        assert_eq!(names("In O. Card (Ed.),"), pairs(&[("Card", "O.")]));
        assert_eq!(
            names("Smith J, Doe A, et al."),
            pairs(&[("Smith", "J"), ("Doe", "A")])
        );
        assert_eq!(
            names("Keil, Sylvester; Doe, Jane Ann"),
            pairs(&[("Keil", "Sylvester"), ("Doe", "Jane Ann")])
        );
    }

    /// Group authors are one name, kept whole; a person whose family name is also an
    /// organisation word (`Service, R. W.`) is still a person.
    #[test]
    fn group_authors_are_kept_whole() {
        for body in [
            "American Psychological Association",
            "R Core Team",
            "Centers for Disease Control and Prevention",
            "U.S. Department of Health and Human Services, National Institutes of Health",
        ] {
            assert_eq!(names(&format!("{body}.")), pairs(&[(body, "")]), "{body}");
        }
        assert_eq!(
            names("Service, R. W., & Board, J."),
            pairs(&[("Service", "R. W."), ("Board", "J.")])
        );
        assert_eq!(names("Board JA, Smith B"), pairs(&[("Board", "JA"), ("Smith", "B")]));
        assert_eq!(names("Service, Robert."), pairs(&[("Service", "Robert")]));
    }

    /// `Montaigne, Michel de.`, `Tocqueville, A. de, & Mill, J. S.`: a particle written
    /// after the given names is the family name's (it was read as a person of its own,
    /// `de, Michel`).
    #[test]
    fn a_particle_after_the_given_names_joins_the_family_name() {
        assert_eq!(
            names("Montaigne, Michel de."),
            pairs(&[("de Montaigne", "Michel")])
        );
        assert_eq!(
            names("Tocqueville, A. de, & Mill, J. S."),
            pairs(&[("de Tocqueville", "A."), ("Mill", "J. S.")])
        );
        assert_eq!(
            names("RUPELLE, Géraldine de la, et al."),
            pairs(&[("de la RUPELLE", "Géraldine")])
        );
        assert_eq!(
            names("Catroga, Fernando, Carvalho, Paulo Archer de,"),
            pairs(&[("Catroga", "Fernando"), ("de Carvalho", "Paulo Archer")])
        );
    }
}
