//! Rules over the tagger's labels of one string, run before its segments are joined.
//!
//! The tagger reads a word and its neighbours, not which fields came before it in the
//! string, so it can give two titles one label, or take a string's first names for
//! authors when an editor's mark follows them. Each rule mends one such pattern; each was
//! kept only when 5-fold cross-validation over the tagged files said so
//! (`docs/academic-history.md`).

use super::label::Label;
use super::tokens::Token;

/// Every rule, in order.
pub(super) fn apply(toks: &[Token<'_>], labels: &mut [Label]) {
    container_after_editors(labels);
    editors_first(toks, labels);
    container_after_quoted_title(toks, labels);
    lone_container_is_title(labels);
}

/// A container with no title beside it, in a string with an edition or an ISBN and no
/// volume, pages or editors (`American Psychological Association. (2020). Publication
/// manual of the American Psychological Association (7th ed.).`), names the book
/// itself: its words become the title's (that string was an `article-journal` with no
/// title). In 5-fold CV, F1 and exact records stay 0.9122 / 0.587: two records of
/// `ugly.xml` change, both books whose gold tags their title `container-title`.
fn lone_container_is_title(labels: &mut [Label]) {
    let has = |l: Label| labels.contains(&l);
    let container = has(Label::ContainerTitle) || has(Label::Journal);
    let book = has(Label::Edition) || has(Label::Isbn);
    let held = has(Label::Volume) || has(Label::Pages) || has(Label::Editor);
    if !container || !book || has(Label::Title) || held {
        return;
    }
    for l in labels.iter_mut() {
        if matches!(l, Label::ContainerTitle | Label::Journal) {
            *l = Label::Title;
        }
    }
}

/// Where the run of labels like `labels[a]` that starts at `a` ends.
fn run_end(labels: &[Label], a: usize) -> usize {
    labels[a..]
        .iter()
        .position(|l| *l != labels[a])
        .map_or(labels.len(), |k| a + k)
}

/// Whether `word` says that the names before it are editors (`(Eds.)`, `editors`,
/// `Hrsg.`, `(dir.)`, `éds.`). A bare `Ed` is a given name (`Smith, Ed`): the short
/// marks count with a full stop or in brackets.
fn editor_marker(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let any = |marks: &[&str]| marks.iter().any(|m| w.eq_ignore_ascii_case(m));
    any(&["editor", "editors", "hrsg"])
        || (word.contains(['.', '(', ')'])
            && any(&["ed", "eds", "hg", "hgg", "dir", "dirs", "éd", "éds", "Éd", "Éds"]))
}

/// The names a string starts with are editors when an editor's mark ends them or comes
/// right after them (`Snyder, C. R. (Ed.). (1999).`, `Demarais, S., and P. R. Krausman,
/// editors. 2000.`): the tagger, reading a word's neighbours, often took them for
/// authors, as names at the start most often are. In 5-fold CV this took F1 from 0.9112
/// to 0.9114 and exact records from 0.592 to 0.594; editor F1 0.808 to 0.816. Of the
/// held-out records it changed, 29 had their authors and editors made right and 8 wrong,
/// all 8 in `ugly.xml`, whose gold (like `bad.xml`'s) tags such names (`(dir.)`, `eds.`)
/// `author` where `core.xml` tags them `editor`.
fn editors_first(toks: &[Token<'_>], labels: &mut [Label]) {
    let Some(a) = labels.iter().position(|l| *l != Label::CitationNumber) else {
        return;
    };
    if labels[a] != Label::Author {
        return;
    }
    let end = run_end(labels, a);
    // The run's last two words, or the word after it.
    let near = end.saturating_sub(2).max(a)..(end + 1).min(labels.len());
    if let Some(m) = near.into_iter().find(|&k| toks.get(k).is_some_and(|t| editor_marker(t.text))) {
        for l in &mut labels[a..=m.max(end - 1)] {
            *l = Label::Editor;
        }
    }
}

/// A title that goes on after the editors that follow it (`Title. In J. Smith (Ed.),
/// Book`, `“Title.” M. Smith and R. Duncan (eds.). Book`) is the title of the work that
/// holds it: those words become the container's. The tagger reads a word's neighbours,
/// not which fields came before, so it can label both titles alike (a title of one word
/// before the editors is taken for a stray label, and left). In 5-fold CV this took F1
/// from 0.9102 to 0.9112 and exact records from 0.591 to 0.592, no file losing
/// (`docs/academic-history.md`).
fn container_after_editors(labels: &mut [Label]) {
    let Some(a) = labels.iter().position(|l| *l == Label::Title) else {
        return;
    };
    let end = run_end(labels, a);
    let Some(b) = labels[end..]
        .iter()
        .position(|l| *l == Label::Title)
        .map(|k| end + k)
    else {
        return;
    };
    if end - a < 2 || !labels[end..b].contains(&Label::Editor) {
        return;
    }
    for l in labels[b..].iter_mut().take_while(|l| **l == Label::Title) {
        *l = Label::ContainerTitle;
    }
}

/// The closing quote of the quotation `word` opens, if it opens one.
fn closing_quote(word: &str) -> Option<&'static str> {
    const PAIRS: [(&str, &str); 6] = [
        ("``", "''"),
        ("“", "”"),
        ("\"", "\""),
        ("‘", "’"),
        ("'", "'"),
        ("«", "»"),
    ];
    PAIRS.iter().find(|(o, _)| word.starts_with(o)).map(|(_, c)| *c)
}

/// The index of the word that closes the quotation `toks[a]` opens, quotations of the
/// same kind inside it counted, if one of `toks[a..end]` does.
fn quotation_end(toks: &[Token<'_>], a: usize, end: usize) -> Option<usize> {
    let close = closing_quote(toks.get(a)?.text)?;
    let open = toks[a].text.get(..close.len())?;
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().take(end).skip(a) {
        let w = t.text.trim_end_matches([',', '.', ';']);
        let body = if i == a { w.get(open.len()..)? } else { w };
        if i > a && open != close && body.starts_with(open) {
            depth += 1;
        }
        if !body.is_empty() && body.ends_with(close) {
            match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(i),
            }
        }
    }
    None
}

/// A title that opens with a quotation and goes on after it closes (`“Title,” in Book`,
/// `"Title." Journal 12`), in a string with no container, is two titles: the words after
/// the closing quote are the container's (a journal's when a volume follows and no
/// publisher or editor does). A subtitle after the quotation (`“Title”: more`, `"Title"
/// - more`) or a translation in brackets stays on the title. The tagger reads a word's
/// neighbours, not which fields came before, and so labels both titles alike. In 5-fold
/// CV this took F1 from 0.9114 to 0.9126 and exact records from 0.594 to 0.597
/// (`docs/academic-history.md`).
fn container_after_quoted_title(toks: &[Token<'_>], labels: &mut [Label]) {
    if labels.iter().any(|l| matches!(l, Label::ContainerTitle | Label::Journal)) {
        return;
    }
    let Some(a) = labels.iter().position(|l| *l == Label::Title) else {
        return;
    };
    let end = run_end(labels, a);
    let Some(k) = quotation_end(toks, a, end).filter(|&k| k + 1 < end) else {
        return;
    };
    if toks[k].text.ends_with(':') || toks[k + 1].text.starts_with(['-', '–', '—', '[', '(', ':']) {
        return;
    }
    let after = &labels[end..];
    let journal = after.contains(&Label::Volume)
        && !after.iter().any(|l| matches!(l, Label::Publisher | Label::Editor));
    let to = if journal { Label::Journal } else { Label::ContainerTitle };
    labels[k + 1..end].fill(to);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::academic::tokens;

    #[test]
    fn names_an_editor_s_mark_ends_are_editors() {
        use Label::{Author as A, Date as D, Editor as E, Title as T};
        let text = "Snyder, C. R. (Ed.). (1999). Coping.";
        let toks = tokens::tokenize(text);
        assert_eq!(toks.len(), 6);
        let mut labels = [A, A, A, A, D, T];
        editors_first(&toks, &mut labels);
        assert_eq!(labels, [E, E, E, E, D, T]);
        // The mark right after the names, labelled otherwise, goes with them.
        let toks = tokens::tokenize("Krausman, P. R., editors. 2000. Ecology.");
        let mut labels = [A, A, A, T, D, T];
        editors_first(&toks, &mut labels);
        assert_eq!(labels, [E, E, E, E, D, T]);
        // A given name `Ed` is no mark.
        let toks = tokens::tokenize("Jones, K., & Smith, Ed (1999). Title.");
        let mut labels = [A, A, A, A, A, D, T];
        let before = labels;
        editors_first(&toks, &mut labels);
        assert_eq!(labels, before);
        // Authors with no mark, or a mark further on (a chapter's editors): as labelled.
        let toks = tokens::tokenize("Smith, J. (1999). Title. In A. Ed (Ed.), Book.");
        let mut labels = [A, A, D, T, E, E, E, E, T];
        let before = labels;
        editors_first(&toks, &mut labels);
        assert_eq!(labels, before);
    }

    #[test]
    fn a_title_going_on_after_editors_is_the_container_s() {
        use Label::{Author as A, ContainerTitle as C, Date as D, Editor as E, Title as T};
        let mut labels = [A, D, T, T, T, E, E, T, T, D, T];
        container_after_editors(&mut labels);
        assert_eq!(labels, [A, D, T, T, T, E, E, C, C, D, T]);
        // No editors between the two, or a title of one word before them: as labelled.
        for mut labels in [[A, T, T, D, T, T], [E, T, E, E, T, T]] {
            let before = labels;
            container_after_editors(&mut labels);
            assert_eq!(labels, before);
        }
    }

    #[test]
    fn a_title_going_on_after_its_quotation_is_the_container_s() {
        use Label::{Author as A, ContainerTitle as C, Date as D, Journal as J};
        use Label::{Pages as P, Publisher as U, Title as T, Volume as V};
        let run = |text: &str, labels: &mut [Label]| {
            let toks = tokens::tokenize(text);
            assert_eq!(toks.len(), labels.len(), "{text}");
            container_after_quoted_title(&toks, labels);
        };
        // A journal when a volume follows, a book's title when a publisher does.
        let mut labels = [A, A, T, T, T, T, V, P];
        run("Smith, J. “On Things.” Journal Name 12, 3-4.", &mut labels);
        assert_eq!(labels, [A, A, T, T, J, J, V, P]);
        let mut labels = [A, A, T, T, T, T, T, T, U, U, D];
        run("Smith, J. “On Things,” in A Big Book. Oxford: OUP, 2001.", &mut labels);
        assert_eq!(labels, [A, A, T, T, C, C, C, C, U, U, D]);
        // Quotations inside the title are counted: the outer one closes it.
        let mut labels = [T, T, T, T, T, V];
        run("“A “quoted” word” Journal Name 12", &mut labels);
        assert_eq!(labels, [T, T, T, J, J, V]);
        // Left as labelled: a subtitle after the quotation, a translation in brackets, a
        // container already found, a title that is the quotation alone, no quotation.
        for (text, mut labels) in [
            ("“Such stuff”: how it works. 2005", [T, T, T, T, T, D]),
            ("“Novyi etap” [A new stage] 2005", [T, T, T, T, T, D]),
            ("“On Things.” Journal Name 12 4", [T, T, J, J, V, V]),
            ("Smith. “On Things.” 2005 Journal 12", [A, T, T, D, T, V]),
            ("On Things. Journal Name 12 2005", [T, T, T, T, V, D]),
        ] {
            let before = labels;
            run(text, &mut labels);
            assert_eq!(labels, before, "{text}");
        }
    }
}
