//! The values of academic fields that export needs to read: an edition written as an
//! ordinal (`2nd ed`), an ISBN's check digit, the DOI of a `https://doi.org/…` link, and
//! whether two records name the same person (`Okafor, C. N.` and `Okafor, Chidi N.`);
//! and how the parts of a note are joined into sentences.

use crate::refs::{Contributor, Person};

/// Adds the people of `more` that `list` does not name yet; `Okafor, C. N.` names the
/// same person as `Okafor, Chidi N.`.
pub(crate) fn join_people(list: &mut Vec<Person>, more: Vec<Person>) {
    for p in more {
        if !list.iter().any(|q| same_person(q, &p)) {
            list.push(p);
        }
    }
}

/// The non-empty `parts` joined as sentences: `. ` between two parts, or a space alone
/// after a part that already ends a sentence (`Edited by M. Moore.`, `Why?`), so that
/// no full stop is doubled.
pub(crate) fn sentences<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.as_ref().trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if out.ends_with(['.', '?', '!']) { " " } else { ". " });
        }
        out.push_str(part);
    }
    out
}

/// `more` added to `list`, but for those already in it with the same role.
pub(crate) fn join_contributors(list: &mut Vec<Contributor>, more: Vec<Contributor>) {
    for c in more {
        if !list
            .iter()
            .any(|d| d.role == c.role && same_person(&d.person, &c.person))
        {
            list.push(c);
        }
    }
}

/// Same family name (case ignored) and given names whose initials agree as far as both
/// go: `Chidi N.` and `C. N.` and `C.` are one person, `Chidi` and `Chinwe` are not.
pub fn same_person(a: &Person, b: &Person) -> bool {
    if a == b {
        return true;
    }
    if a.family.trim().to_lowercase() != b.family.trim().to_lowercase() {
        return false;
    }
    let parts = |g: &str| -> Vec<String> {
        g.split(|c: char| c.is_whitespace() || c == '.' || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (ga, gb) = (parts(&a.given), parts(&b.given));
    if ga.is_empty() || gb.is_empty() {
        return ga.is_empty() && gb.is_empty();
    }
    ga.iter().zip(&gb).all(|(x, y)| {
        let initial = x.chars().count() == 1 || y.chars().count() == 1;
        if initial {
            x.chars().next() == y.chars().next()
        } else {
            x == y
        }
    })
}

/// The DOI of a resolver link: `https://doi.org/10.5555/x` → `10.5555/x`.
pub fn doi_of_url(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))?;
    let path = ["doi.org/", "dx.doi.org/", "www.doi.org/"]
        .iter()
        .find_map(|host| rest.strip_prefix(host))?;
    let doi = percent_decode(path);
    (doi.starts_with("10.") && doi.contains('/') && !doi.contains(char::is_whitespace))
        .then_some(doi)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `2nd ed` → 2, `Second edition` → 2, `3` → 3; `Rev. ed.` → `None`.
pub fn edition_number(text: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let lower = text.trim().to_lowercase();
    let mut words = lower.split(|c: char| c.is_whitespace() || c == '.');
    let first = words.next()?;
    let rest: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    if !rest
        .iter()
        .all(|w| matches!(*w, "ed" | "edn" | "edition" | "éd" | "aufl"))
    {
        return None;
    }
    let digits: String = first.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &first[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return digits.parse().ok().filter(|&n| n > 0);
    }
    WORDS
        .iter()
        .position(|w| *w == first)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether an ISBN-10 or ISBN-13 (hyphens and spaces allowed) has a valid check digit.
pub fn isbn_ok(isbn: &str) -> bool {
    let chars: Vec<char> = isbn.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let digit = |c: char| c.to_digit(10);
    match chars.len() {
        10 => {
            let mut sum = 0;
            for (i, &c) in chars.iter().enumerate() {
                let v = match (i, c) {
                    (9, 'X' | 'x') => 10,
                    _ => match digit(c) {
                        Some(v) => v,
                        None => return false,
                    },
                };
                sum += v * (10 - i as u32);
            }
            sum % 11 == 0
        }
        13 => {
            let mut sum = 0;
            for (i, &c) in chars.iter().enumerate() {
                let Some(v) = digit(c) else { return false };
                sum += if i % 2 == 0 { v } else { 3 * v };
            }
            sum % 10 == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_never_double_a_full_stop() {
        assert_eq!(sentences(["In Dutch", "Producer: Moore, M."]), "In Dutch. Producer: Moore, M.");
        assert_eq!(sentences(["Edited by A. B.", "Director: Lee, C."]), "Edited by A. B. Director: Lee, C.");
        assert_eq!(sentences(["Why?", "", " Reprint "]), "Why? Reprint");
        assert_eq!(sentences(Vec::<String>::new()), "");
    }

    #[test]
    fn editions_written_as_ordinals_become_numbers() {
        assert_eq!(edition_number("2nd ed"), Some(2));
        assert_eq!(edition_number("Second edition"), Some(2));
        assert_eq!(edition_number("3"), Some(3));
        assert_eq!(edition_number("11th ed."), Some(11));
        assert_eq!(edition_number("Rev. ed"), None);
        assert_eq!(edition_number("2nd rev. ed"), None);
    }

    #[test]
    fn initials_name_the_same_person_as_full_given_names() {
        let p = |f: &str, g: &str| Person::new(f, g);
        assert!(same_person(&p("Okafor", "Chidi N."), &p("Okafor", "C. N.")));
        assert!(same_person(&p("Okafor", "Chidi N."), &p("okafor", "C.")));
        assert!(!same_person(&p("Okafor", "Chidi"), &p("Okafor", "Chinwe")));
        assert!(!same_person(&p("Okafor", "C."), &p("Okafor", "D.")));
        assert!(!same_person(&p("Okafor", "C."), &p("Okoro", "C.")));
        assert!(same_person(&p("Reuters", ""), &p("Reuters", "")));
    }

    #[test]
    fn resolver_links_give_the_doi() {
        assert_eq!(
            doi_of_url("https://doi.org/10.5555/wp.2019.021").as_deref(),
            Some("10.5555/wp.2019.021")
        );
        assert_eq!(
            doi_of_url("http://dx.doi.org/10.1000/a%3Cb%3E").as_deref(),
            Some("10.1000/a<b>")
        );
        assert_eq!(doi_of_url("https://example.org/10.1/x"), None);
        assert_eq!(doi_of_url("https://doi.org/about"), None);
    }

    #[test]
    fn isbn_check_digits() {
        assert!(isbn_ok("978-0-306-40615-7"));
        assert!(isbn_ok("0-306-40615-2"));
        assert!(isbn_ok("0-8044-2957-X"));
        assert!(!isbn_ok("978-0-306-40615-8"));
        assert!(!isbn_ok("12345"));
    }
}
