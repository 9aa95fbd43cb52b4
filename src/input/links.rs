//! Keeping a link's address on reference lines when markup is turned into text.

use crate::refs::grammar;

/// `line` with `link` appended when the line reads like a reference (it ends with a
/// date) and does not show the address already; other lines are returned as they are,
/// so prose does not fill up with addresses.
pub(super) fn append_link(line: &str, link: Option<&str>) -> String {
    match link {
        Some(url)
            if !url.is_empty()
                && !line.contains(url)
                && !line.trim().is_empty()
                && grammar::ends_with_date(line) =>
        {
            format!("{line} {url}")
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dated_lines_get_the_address() {
        let url = Some("https://e.org/a");
        assert_eq!(
            append_link("Reuters, \"Blast,\" 11/9/23", url),
            "Reuters, \"Blast,\" 11/9/23 https://e.org/a"
        );
        assert_eq!(append_link("Read the report.", url), "Read the report.");
        assert_eq!(
            append_link("X, 11/9/23 https://e.org/a", url),
            "X, 11/9/23 https://e.org/a"
        );
        assert_eq!(append_link("X, 11/9/23", None), "X, 11/9/23");
    }
}
