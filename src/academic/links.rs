//! The identifiers of an academic reference read from their labelled segments: the DOI,
//! the URL (joined when broken over lines, ended by a remark such as `(accessed …)` or
//! by the `>` that closes `<http://…>`) and the ISBN, each with whether it has the
//! shape it should.

use super::fields::clean;
use crate::export::fields::isbn_ok;

/// An identifier read from a segment, with the segment's words before and after it
/// (`Retrieved from`, `(accessed 3 May 2016)`, or words the tagger gave the address
/// that are not part of it), so that none is dropped unsaid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The identifier.
    pub text: String,
    /// Whether it has the shape it should.
    pub ok: bool,
    /// The segment's words before it.
    pub before: String,
    /// The segment's words after it.
    pub after: String,
}

/// Where `part` (a slice of `whole`) starts in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Whether the words before an address only say that one follows (`Retrieved from`,
/// `Available at:`, `URL:`, `[Online]. Available:`, `Disponível em: <`, `Recuperado
/// de`, `Repéré à`, `En ligne`, `doi:`, `https://doi.org/`): they end in a colon or an
/// opening angle bracket, or in one of the few words that lead an address, and hold no
/// digit.
pub fn is_lead(before: &str) -> bool {
    let t = before.trim().trim_end_matches(['<', ' ', '(', '[']);
    if t.is_empty() {
        return true;
    }
    if t.contains(|c: char| c.is_ascii_digit()) {
        return t.ends_with("doi.org/") || t.ends_with("doi:");
    }
    let last = t
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // `l’adresse`: the word after an elided article.
    let last = last.rsplit(['’', '\'']).next().unwrap_or("");
    t.ends_with(':')
        || t.ends_with("doi.org/")
        || matches!(
            last,
            "from" | "at" | "on" | "url" | "online" | "internet" | "web" | "doi" | "via"
                | "available" | "in" | "unter" | "auf" | "sur" | "à" | "adresse" | "ligne"
                | "em" | "en" | "de"
        )
}

/// Whether a word after an address starts a remark (`[accessed`, `(viewed`, `Accessed:`)
/// rather than continuing an address broken over lines.
fn is_remark(word: &str) -> bool {
    word.starts_with(['[', '('])
        || word
            .strip_suffix(':')
            .is_some_and(|w| {
                !w.is_empty() && w.chars().all(char::is_alphabetic) && !w.starts_with("http")
            })
}

/// The DOI in `text` (`doi:10.1000/xyz`, `https://doi.org/10.1000/xyz`), and whether it
/// has the shape `10.NNNN/suffix`.
pub fn doi(text: &str) -> Link {
    let t = text.trim();
    let Some(i) = t.find("10.") else {
        return Link {
            text: clean(t),
            ok: false,
            before: String::new(),
            after: String::new(),
        };
    };
    // A DOI broken over lines: its pieces are joined.
    let mut joined = String::new();
    let mut after = "";
    for w in t[i..].split_whitespace() {
        if is_remark(w) {
            after = &t[offset_in(t, w)..];
            break;
        }
        joined.push_str(w);
    }
    let d = joined.trim_end_matches(['.', ',', ';', ')', ']', '>']);
    let valid = d.split_once('/').is_some_and(|(pre, suf)| {
        let reg = &pre[3..];
        (4..=9).contains(&reg.len())
            && reg.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !suf.is_empty()
    });
    Link {
        text: d.to_string(),
        ok: valid,
        before: t[..i].trim().to_string(),
        after: after.trim().to_string(),
    }
}

/// The URL in `text` without `Retrieved from`, `Available at`, `URL` or angle brackets,
/// and whether it looks like one (`http(s)://host.tld/…` or `www.host.tld`).
pub fn url(text: &str) -> Link {
    let t = text.trim();
    let start = t
        .find("http")
        .or_else(|| t.find("www."))
        .or_else(|| t.find("ftp"));
    // An address broken over lines: its pieces are joined, up to a remark such as
    // `[accessed 3 May 2016]`, a piece ending in a comma (`….php, accessed 30/04/16`),
    // or the `>` closing an address opened by `<`.
    let mut before = "";
    let mut after = "";
    let u: String = match start {
        Some(i) => {
            before = &t[..i];
            let end = match t[..i].contains('<') {
                true => t[i..].find('>').map_or(t.len(), |e| i + e),
                false => t.len(),
            };
            after = t.get(end + 1..).unwrap_or("");
            let mut u = String::new();
            for w in t[i..end].split_whitespace() {
                if is_remark(w) {
                    after = &t[offset_in(t, w)..];
                    break;
                }
                u.push_str(w);
                if w.ends_with(',') {
                    after = &t[offset_in(t, w) + w.len()..];
                    break;
                }
            }
            u
        }
        None => t.to_string(),
    };
    let u = u
        .trim_end_matches(['.', ',', ';', '>', ')', ']'])
        .to_string();
    let host = u
        .split_once("://")
        .map_or(u.as_str(), |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("");
    let valid = (u.starts_with("http://")
        || u.starts_with("https://")
        || u.starts_with("www.")
        || u.starts_with("ftp://"))
        && host.contains('.')
        && !u.contains(char::is_whitespace);
    Link {
        text: u,
        ok: valid,
        before: before.trim().to_string(),
        after: after.trim().to_string(),
    }
}

/// The ISBN in `text` (digits, `X` and hyphens), and whether its check digit is right
/// ([`isbn_ok`]: an `X` only as an ISBN-10's check digit).
pub fn isbn(text: &str) -> (String, bool) {
    let t = text.trim();
    let after_label = match t.to_ascii_lowercase().find("isbn") {
        Some(i) => {
            let rest = &t[i + 4..];
            rest.strip_prefix("-13")
                .or_else(|| rest.strip_prefix("-10"))
                .unwrap_or(rest)
        }
        None => t,
    };
    // `9783141621761 ISBN`: a label written after its number.
    let after_label = match after_label.contains(|c: char| c.is_ascii_digit()) {
        true => after_label,
        false => t,
    };
    let cleaned: String = after_label
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | 'X' | 'x' | ' '))
        .collect();
    let cleaned = cleaned.trim().trim_end_matches('-').to_string();
    let valid = isbn_ok(&cleaned);
    (cleaned, valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_url_isbn() {
        let d = doi("doi:10.1016/j.cell.2009.01.042.");
        assert_eq!((d.text.as_str(), d.ok), ("10.1016/j.cell.2009.01.042", true));
        let d = doi("https://doi.org/10.1038/nature12373");
        assert_eq!((d.text.as_str(), d.ok), ("10.1038/nature12373", true));
        assert!(is_lead(&d.before) && d.after.is_empty());
        assert!(!doi("10.12/x").ok);
        let u = url("Retrieved from http://example.org/a.");
        assert_eq!((u.text.as_str(), u.ok), ("http://example.org/a", true));
        assert_eq!(u.before, "Retrieved from");
        assert!(!url("see the website").ok);
        assert_eq!(
            url("< http:// www.example.org/ a/b >. (accessed May 2)").text,
            "http://www.example.org/a/b"
        );
        assert_eq!(doi("doi: 10.1000/ab c.").text, "10.1000/abc");
        assert_eq!(
            isbn("ISBN 978-0-306-40615-7."),
            ("978-0-306-40615-7".into(), true)
        );
        assert!(isbn("ISBN 0-306-40615-2").1);
        assert!(!isbn("ISBN 0-306-40615-3").1);
        // An `X` is only an ISBN-10's check digit (it was taken anywhere, even in an
        // ISBN-13): the check is the one the exports make (`export::fields::isbn_ok`).
        assert!(isbn("ISBN 0-8044-2957-X").1);
        assert!(!isbn("ISBN 0-8X44-2957-7").1);
        assert!(!isbn("ISBN 978-0-306-40615-X").1);
        assert_eq!(isbn("ISBN-13: 9780306406157").0, "9780306406157");
    }

    /// `Disponível em: <http://www.ief.com.br/forpreco.htm>. Consulté le 4 août 2014.`,
    /// `www.x.org/blog/c.php, accessed 30/04/16.`: the address ends at its `>` or at a
    /// comma before a remark; `http://dx.doi.org/10.1002/(SICI)1099- 1085(19980630)12:8`
    /// is not cut at a piece ending in a colon.
    #[test]
    fn an_address_ends_where_its_remark_begins() {
        assert_eq!(
            url("Document téléaccessible à l’adresse : <http://id.erudit.org/iderudit/039985ar >. Consulté le 20 juillet 2012.").text,
            "http://id.erudit.org/iderudit/039985ar"
        );
        assert_eq!(
            url("www.reformation21.org/blog/2009/10/tim-kellers-review.php, accessed 30/04/16.").text,
            "www.reformation21.org/blog/2009/10/tim-kellers-review.php"
        );
        assert_eq!(
            url("(http://www.un.org/esa/wallchart_front.pdf, consulté le 2 novembre 2013).").text,
            "http://www.un.org/esa/wallchart_front.pdf"
        );
        assert_eq!(
            url("http://dx.doi.org/10.1002/(SICI)1099- 1085(19980630)12:8<1371:: AID-HYP620>3.0.CO;2-C.").text,
            "http://dx.doi.org/10.1002/(SICI)1099-1085(19980630)12:8<1371::AID-HYP620>3.0.CO;2-C"
        );
        assert_eq!(
            url("http://www.x.org/a (Accessed: 3 May 2016)").text,
            "http://www.x.org/a"
        );
        assert_eq!(url("http://www.x.org/a Accessed: 3 May").text, "http://www.x.org/a");
        assert_eq!(
            url("URL: http: www.bishopmuseum.org/geochem.html.").text,
            "http:www.bishopmuseum.org/geochem.html"
        );
    }

    /// `Kartographie. Braunschweig: Westermann, 9783141621761 ISBN`: the number before
    /// a trailing label is the ISBN.
    #[test]
    fn an_isbn_before_its_label() {
        assert_eq!(
            isbn("9783141621761 ISBN"),
            ("9783141621761".into(), true)
        );
    }
}
