//! The roles APA writes in brackets after names (`Docter, P., & Del Carmen, R.
//! (Directors).`, `Moore, M. (Writer/Director)`): which words are roles
//! (`data/academic-roles.txt`) and how a run of names with such marks splits into the
//! people of each role.

use crate::refs::Role;

/// Whom a role mark credits: the work's authors (a podcast's host) or people of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credit {
    /// The work's authors.
    Author,
    /// People of this role.
    As(Role),
}

/// The role words of `data/academic-roles.txt`, lower case, with whom they credit.
static ROLES: std::sync::LazyLock<Vec<(&'static str, Credit)>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/academic-roles.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (word, credit) = l.split_once('\t')?;
            let credit = match credit.trim() {
                "author" => Credit::Author,
                name => Credit::As(Role::from_csl(name)?),
            };
            Some((word.trim(), credit))
        })
        .collect()
});

/// The credits of a role mark's inside (`Writer/Director`, `Executive Producers`), when
/// every part of it is a role word; none otherwise.
fn credits(inside: &str) -> Option<Vec<Credit>> {
    let lower = inside.trim().to_lowercase();
    let mut out = Vec::new();
    for part in lower
        .split(['/', '&', ','])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
    {
        let credit = ROLES.iter().find(|(w, _)| *w == part)?.1;
        if !out.contains(&credit) {
            out.push(credit);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A run of names split at its role marks: each group's names (as written, marks and
/// the punctuation right after them left out) with the credits of the mark that ends
/// it. Names after the last mark are credited as authors. Chicago's and MLA's form, the
/// role after the names' last comma (`Scorsese, Martin, director.`, `Coen, Joel, and
/// Ethan Coen, directors.`), credits all of them. `None` when the text has no role mark.
pub(crate) fn split(text: &str) -> Option<Vec<(Vec<Credit>, &str)>> {
    if !text.contains('(') {
        let (names, last) = text.trim_end_matches(['.', ',', ';', ' ']).rsplit_once(',')?;
        // Most names segments end in a name: told apart without lower-casing it.
        let ends_in_role = |b: &[u8]| {
            ROLES.iter().any(|(w, _)| {
                b.len() >= w.len() && b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            })
        };
        if !ends_in_role(last.as_bytes()) {
            return None;
        }
        return credits(last).map(|c| vec![(c, names.trim())]);
    }
    let mut groups = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find('(').map(|i| at + i) {
        let Some(close) = text[open..].find(')').map(|i| open + i) else {
            break;
        };
        at = close + 1;
        let Some(credits) = credits(&text[open + 1..close]) else {
            continue;
        };
        groups.push((credits, text[from..open].trim()));
        let rest = &text[at..];
        at += rest.len() - rest.trim_start_matches(['.', ',', ';', ':', ' ']).len();
        from = at;
    }
    if groups.is_empty() {
        return None;
    }
    let tail = text[from..].trim();
    if tail.chars().any(char::is_alphabetic) {
        groups.push((vec![Credit::Author], tail));
    }
    Some(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_marks_split_names_by_role() {
        let d = Credit::As(Role::Director);
        let p = Credit::As(Role::Producer);
        assert_eq!(
            split("Chaffin, C., Kennedy, K. (Producers), & Fincher, D. (Director)."),
            Some(vec![
                (vec![p], "Chaffin, C., Kennedy, K."),
                (vec![d], "& Fincher, D.")
            ])
        );
        assert_eq!(
            split("Moore, M. (Writer/Director)."),
            Some(vec![(
                vec![Credit::As(Role::ScriptWriter), d],
                "Moore, M."
            )])
        );
        assert_eq!(
            split("Glass, I. (Host)"),
            Some(vec![(vec![Credit::Author], "Glass, I.")])
        );
        assert_eq!(
            split("(Executive Producers)."),
            Some(vec![(vec![Credit::As(Role::ExecutiveProducer)], "")])
        );
        // Brackets that are not roles leave the names alone.
        assert_eq!(split("Smith, J. (Ed.)"), None);
        assert_eq!(split("Céline, Louis-Ferdinand (Louis-Ferdinand Destouches)."), None);
        assert_eq!(split("Smith, J."), None);
        // The role after the last comma.
        assert_eq!(
            split("Scorsese, Martin, director."),
            Some(vec![(vec![d], "Scorsese, Martin")])
        );
        assert_eq!(
            split("Coen, Joel, and Ethan Coen, directors."),
            Some(vec![(vec![d], "Coen, Joel, and Ethan Coen")])
        );
        assert_eq!(split("Smith, John, and Jane Doe."), None);
    }
}
