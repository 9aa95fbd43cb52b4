//! The labels of the academic reference tagger: AnyStyle's segment tags, one enum.

/// What a token of a reference string belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Label {
    /// A citation number such as `[12]` or `3.`.
    CitationNumber,
    /// Authors.
    Author,
    /// Editors, with their marker (`In J. Smith (Ed.)`).
    Editor,
    /// Translators.
    Translator,
    /// The work's title.
    Title,
    /// A journal's name.
    Journal,
    /// The book or proceedings that holds a chapter or paper.
    ContainerTitle,
    /// A series.
    CollectionTitle,
    /// A date.
    Date,
    /// Volume, possibly with issue (`12(7)`).
    Volume,
    /// Pages.
    Pages,
    /// Publisher.
    Publisher,
    /// Place of publication.
    Location,
    /// Edition.
    Edition,
    /// Genre (`PhD thesis`, `Technical report`).
    Genre,
    /// DOI.
    Doi,
    /// URL.
    Url,
    /// ISBN.
    Isbn,
    /// Any other note (`Retrieved from`, `in Japanese`).
    Note,
    /// Text of rarer kinds (medium, director, producer, a loose source): read but not kept
    /// as a field.
    Other,
}

impl Label {
    /// Every label, in index order.
    pub const ALL: [Label; 20] = [
        Label::CitationNumber,
        Label::Author,
        Label::Editor,
        Label::Translator,
        Label::Title,
        Label::Journal,
        Label::ContainerTitle,
        Label::CollectionTitle,
        Label::Date,
        Label::Volume,
        Label::Pages,
        Label::Publisher,
        Label::Location,
        Label::Edition,
        Label::Genre,
        Label::Doi,
        Label::Url,
        Label::Isbn,
        Label::Note,
        Label::Other,
    ];

    /// Number of labels.
    pub const COUNT: usize = Self::ALL.len();

    /// The label's index in [`Label::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The label at `i`, if any.
    pub fn from_index(i: usize) -> Option<Label> {
        Self::ALL.get(i).copied()
    }

    /// AnyStyle's tag for the label.
    pub fn tag(self) -> &'static str {
        match self {
            Label::CitationNumber => "citation-number",
            Label::Author => "author",
            Label::Editor => "editor",
            Label::Translator => "translator",
            Label::Title => "title",
            Label::Journal => "journal",
            Label::ContainerTitle => "container-title",
            Label::CollectionTitle => "collection-title",
            Label::Date => "date",
            Label::Volume => "volume",
            Label::Pages => "pages",
            Label::Publisher => "publisher",
            Label::Location => "location",
            Label::Edition => "edition",
            Label::Genre => "genre",
            Label::Doi => "doi",
            Label::Url => "url",
            Label::Isbn => "isbn",
            Label::Note => "note",
            Label::Other => "other",
        }
    }

    /// The label of an AnyStyle tag; rare tags (`source`, `medium`, `director`, …) are
    /// [`Label::Other`].
    pub fn from_tag(tag: &str) -> Label {
        Self::ALL
            .iter()
            .copied()
            .find(|l| l.tag() == tag)
            .unwrap_or(Label::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_rare_tags_are_other() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Label::from_tag(l.tag()), *l);
            assert_eq!(Label::from_index(i), Some(*l));
        }
        assert_eq!(Label::from_tag("medium"), Label::Other);
        assert_eq!(Label::from_index(Label::COUNT), None);
    }
}
