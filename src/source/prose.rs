//! Which byte ranges of a document are prose, and a same-length masked copy for the later stages.
//!
//! Markdown is parsed with pulldown-cmark; only its text events outside code, front matter and
//! autolinks count as prose. So markup (heading `#`, emphasis `*`, quote `>`, list bullets, table
//! pipes, link brackets), code spans and blocks, front matter, HTML tags and comments, link
//! destinations and titles, reference definitions, footnote references and task-list boxes are
//! left out; headings, paragraphs, list items, quotes, table cells, link texts, image alt texts
//! and footnote bodies are prose. Plain text is prose except `<!-- … -->` comments and
//! `# factlint:` directive lines. In both formats bare URLs, `www.` hosts and e-mail addresses
//! are cut out of the prose.
//!
//! This module does not parse math, does not decode entities or escapes (ranges point at the
//! source bytes, `&amp;` stays `&amp;`), and does not interpret the comments it returns.

use crate::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// How a source file is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// Markdown for `.md`, `.markdown`, `.mdown` and `.mkd` (any case), plain text otherwise.
    pub fn from_path(path: &Path) -> Format {
        let is_markdown = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                ["md", "markdown", "mdown", "mkd"]
                    .iter()
                    .any(|known| ext.eq_ignore_ascii_case(known))
            });
        if is_markdown {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// Bare web addresses and e-mail addresses. Not a rule pack: this is document structure, like
/// code fences, and no language-specific knowledge lives here. ASCII word boundaries: a
/// Unicode `\b` would keep this regex off the DFA on every non-ASCII document.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:https?|ftp)://|mailto:|www\.)[^\s<>`]+",
        r"|[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?-u:\b)",
    ))
    .expect("ADDRESS is a constant, valid regex")
});

/// `<!-- body -->`, across lines.
static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--(.*?)-->").expect("HTML_COMMENT is a constant, valid regex")
});

/// `# factlint: …` directive lines in plain text.
static HASH_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*#[ \t]*(factlint:[^\r\n]*)")
        .expect("HASH_DIRECTIVE is a constant, valid regex")
});

/// Byte ranges of `text` that are prose to check, sorted, non-overlapping, on char boundaries.
pub fn prose_ranges(text: &str, format: Format) -> Vec<Span> {
    let structural = match format {
        Format::Plain => plain_prose(text),
        Format::Markdown => markdown_prose(text),
    };
    let without_addresses = subtract(&structural, &address_spans(text, &structural));
    without_addresses
        .into_iter()
        .filter_map(|span| on_char_boundaries(text, span))
        .filter(|span| !text[span.range()].trim().is_empty())
        .collect()
}

/// A copy of `text` of the same byte length where every char outside `ranges` is replaced by as
/// many ASCII spaces as it has bytes. `\n` and `\r` are kept so line numbers stay right. A char
/// counts as prose when its first byte lies inside a range; `ranges` may be in any order.
pub fn mask_non_prose(text: &str, ranges: &[Span]) -> String {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut masked = String::with_capacity(text.len());
    let mut next = 0;
    for (offset, c) in text.char_indices() {
        while sorted.get(next).is_some_and(|r| r.end <= offset) {
            next += 1;
        }
        let is_prose = sorted.get(next).is_some_and(|r| r.start <= offset);
        if is_prose || c == '\n' || c == '\r' {
            masked.push(c);
        } else {
            masked.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    masked
}

/// Comments in the document, for inline suppressions: (span of the trimmed body, body text),
/// sorted. Both formats: `<!-- … -->` (in Markdown only where the parser sees HTML, not inside
/// code). Plain text also: lines starting with `#` whose body starts with `factlint:`.
pub fn comments(text: &str, format: Format) -> Vec<(Span, String)> {
    let spans = match format {
        Format::Plain => plain_comments(text),
        Format::Markdown => markdown_comments(text),
    };
    spans
        .into_iter()
        .map(|c| (c.body, text[c.body.range()].to_string()))
        .collect()
}

/// One comment: the whole comment including its delimiters, and its trimmed body.
struct Comment {
    whole: Span,
    body: Span,
}

fn plain_prose(text: &str) -> Vec<Span> {
    let holes: Vec<Span> = plain_comments(text).iter().map(|c| c.whole).collect();
    subtract(&[Span::new(0, text.len())], &holes)
}

fn plain_comments(text: &str) -> Vec<Comment> {
    let mut found: Vec<Comment> = html_comments_in(text, Span::new(0, text.len()));
    found.extend(HASH_DIRECTIVE.captures_iter(text).filter_map(|caps| {
        let whole = caps.get(0)?;
        let body = caps.get(1)?;
        Some(Comment {
            whole: Span::new(whole.start(), whole.end()),
            body: trimmed(text, Span::new(body.start(), body.end())),
        })
    }));
    found.sort_by_key(|c| c.whole);
    drop_nested(found)
}

/// Keeps the first of overlapping comments (a `# factlint:` line inside `<!-- -->`, say).
fn drop_nested(sorted: Vec<Comment>) -> Vec<Comment> {
    let mut kept: Vec<Comment> = Vec::with_capacity(sorted.len());
    for comment in sorted {
        if kept
            .last()
            .is_none_or(|last| last.whole.end <= comment.whole.start)
        {
            kept.push(comment);
        }
    }
    kept
}

fn html_comments_in(text: &str, region: Span) -> Vec<Comment> {
    let slice = &text[region.range()];
    HTML_COMMENT
        .captures_iter(slice)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let body = caps.get(1)?;
            Some(Comment {
                whole: Span::new(region.start + whole.start(), region.start + whole.end()),
                body: trimmed(
                    text,
                    Span::new(region.start + body.start(), region.start + body.end()),
                ),
            })
        })
        .collect()
}

/// `span` without leading and trailing whitespace.
fn trimmed(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    Span::new(start, end.max(start))
}

fn markdown_options() -> Options {
    let mut options = Options::empty();
    for option in [
        Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS,
        Options::ENABLE_TABLES,
        Options::ENABLE_FOOTNOTES,
        Options::ENABLE_STRIKETHROUGH,
        Options::ENABLE_TASKLISTS,
        Options::ENABLE_HEADING_ATTRIBUTES,
        Options::ENABLE_DEFINITION_LIST,
        Options::ENABLE_GFM,
    ] {
        options.insert(option);
    }
    // Math stays off: `$5 and $10` in prose must not become a formula.
    options
}

/// Text inside these tags is not prose even though the parser reports it as text.
fn hides_its_text(tag: &Tag) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// The text the Markdown parser reads: a leading byte-order mark becomes three spaces (same
/// bytes, so offsets hold) so that a heading or list on the first line is still one.
fn markdown_input(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => format!("   {rest}").into(),
        None => text.into(),
    }
}

fn markdown_prose(text: &str) -> Vec<Span> {
    let input = markdown_input(text);
    let mut pieces = Vec::new();
    let mut hiding: Vec<bool> = Vec::new();
    let mut hidden_depth = 0usize;
    for (event, range) in Parser::new_ext(&input, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let hides = hides_its_text(&tag);
                hidden_depth += usize::from(hides);
                hiding.push(hides);
            }
            Event::End(_) => hidden_depth -= usize::from(hiding.pop() == Some(true)),
            Event::Text(_) if hidden_depth == 0 => pieces.push(Span::from(range)),
            Event::SoftBreak | Event::HardBreak if hidden_depth == 0 => {
                pieces.push(break_whitespace(text, Span::from(range)));
            }
            _ => {}
        }
    }
    join_pieces(text, pieces)
}

/// A line break's range without the backslash of a `\`-hard break.
fn break_whitespace(text: &str, span: Span) -> Span {
    let skip = usize::from(text.as_bytes().get(span.start) == Some(&b'\\'));
    Span::new((span.start + skip).min(span.end), span.end)
}

/// Sorts text pieces and joins those that overlap or are separated only by spaces and tabs, so a
/// paragraph without inline markup comes out as one range.
fn join_pieces(text: &str, pieces: Vec<Span>) -> Vec<Span> {
    let mut pieces: Vec<Span> = pieces
        .into_iter()
        .filter_map(|span| on_char_boundaries(text, span))
        .collect();
    pieces.sort_unstable();
    let mut joined: Vec<Span> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match joined.last_mut() {
            Some(last) if last.end >= piece.start || is_blank_gap(text, last.end, piece.start) => {
                last.end = last.end.max(piece.end);
            }
            _ => joined.push(piece),
        }
    }
    joined
}

fn is_blank_gap(text: &str, start: usize, end: usize) -> bool {
    text.as_bytes()[start..end]
        .iter()
        .all(|&b| b == b' ' || b == b'\t')
}

fn markdown_comments(text: &str) -> Vec<Comment> {
    html_regions(text)
        .into_iter()
        .flat_map(|region| html_comments_in(text, region))
        .collect()
}

/// Byte ranges the parser reads as HTML (blocks and inline tags), joined where they touch.
fn html_regions(text: &str) -> Vec<Span> {
    let regions = Parser::new_ext(&markdown_input(text), markdown_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => Some(Span::from(range)),
            _ => None,
        })
        .collect();
    join_touching(regions)
}

fn join_touching(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut joined: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match joined.last_mut() {
            Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
            _ => joined.push(span),
        }
    }
    joined
}

/// URLs and e-mail addresses that start inside `prose`. Searched in the masked text so that
/// markup around an address (`**`, `<b>`, a link's `(`) cannot become part of it.
fn address_spans(text: &str, prose: &[Span]) -> Vec<Span> {
    let masked = mask_non_prose(text, prose);
    ADDRESS
        .find_iter(&masked)
        .map(|m| Span::new(m.start(), m.start() + address_len(m.as_str())))
        .collect()
}

/// Length of an address match without trailing sentence punctuation or an unbalanced closing
/// bracket (`(see https://x.org/a).` ends at `a`; `…/Foo_(bar)` keeps its bracket).
fn address_len(found: &str) -> usize {
    let mut end = found.len();
    while let Some(last) = found[..end].chars().next_back() {
        let head = &found[..end];
        let unbalanced = match last {
            ')' => head.matches(')').count() > head.matches('(').count(),
            ']' => head.matches(']').count() > head.matches('[').count(),
            _ => false,
        };
        if unbalanced || ".,;:!?'\"*_،؛؟".contains(last) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// `ranges` with every byte in `holes` removed. Both sorted and non-overlapping.
fn subtract(ranges: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut kept = Vec::with_capacity(ranges.len());
    for range in ranges {
        let mut start = range.start;
        let first = holes.partition_point(|h| h.end <= range.start);
        for hole in holes[first..].iter().take_while(|h| h.start < range.end) {
            if hole.start > start {
                kept.push(Span::new(start, hole.start));
            }
            start = start.max(hole.end);
        }
        if start < range.end {
            kept.push(Span::new(start, range.end));
        }
    }
    kept
}

/// `span` clipped to `text` and shrunk onto char boundaries; `None` if nothing is left.
fn on_char_boundaries(text: &str, span: Span) -> Option<Span> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start < end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prose_texts(text: &str, format: Format) -> Vec<&str> {
        prose_ranges(text, format)
            .iter()
            .map(|r| &text[r.range()])
            .collect()
    }

    const REPORT: &str = "---
title: تقرير المدينة
date: 1801-01-01
---
# تاريخ المدينة

تأسست المدينة عام 1949 وفق `year = 1950` كما في [المصدر](https://example.org/a \"عنوان 1960\").

```text
founded: 1837
```

- البند الأول
- second *item*

| السنة | الحدث |
|---|---|
| 1952 | افتتاح |

<!-- factlint: ignore[date-conflict] -->
";

    #[test]
    fn markdown_report_keeps_only_prose() {
        assert_eq!(
            prose_texts(REPORT, Format::Markdown),
            [
                "تاريخ المدينة",
                "تأسست المدينة عام 1949 وفق ",
                " كما في ",
                "المصدر",
                ".",
                "البند الأول",
                "second ",
                "item",
                "السنة",
                "الحدث",
                "1952",
                "افتتاح",
            ]
        );
    }

    #[test]
    fn markdown_report_hides_code_front_matter_and_link_targets() {
        let ranges = prose_ranges(REPORT, Format::Markdown);
        for hidden in ["1837", "1801", "1950", "1960", "example.org", "factlint"] {
            let at = REPORT.find(hidden).unwrap();
            assert!(
                !ranges.iter().any(|r| r.start <= at && at < r.end),
                "{hidden} is inside a prose range"
            );
        }
    }

    #[test]
    fn markdown_html_comment_is_returned_trimmed() {
        let found = comments(REPORT, Format::Markdown);
        assert_eq!(found.len(), 1);
        let (span, body) = &found[0];
        assert_eq!(body, "factlint: ignore[date-conflict]");
        assert_eq!(&REPORT[span.range()], body);
    }

    #[test]
    fn comment_inside_code_is_not_a_comment() {
        let text = "`<!-- a -->`\n\n```\n<!-- b -->\n```\n\ntext <!-- c\nd --> more\n";
        let bodies: Vec<String> = comments(text, Format::Markdown)
            .into_iter()
            .map(|(_, body)| body)
            .collect();
        assert_eq!(bodies, ["c\nd"]);
        assert_eq!(prose_texts(text, Format::Markdown), ["text ", " more"]);
    }

    #[test]
    fn inline_html_text_is_prose_but_tags_are_not() {
        let text = "قبل <span class=\"x\">عام 1950</span> بعد\n\n<div>\nblock 1960\n</div>\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["قبل ", "عام 1950", " بعد"]
        );
    }

    #[test]
    fn toml_front_matter_reference_definitions_and_autolinks_are_not_prose() {
        let text = "+++\nyear = 1900\n+++\nSee [the list][id] or <https://a.org> or <me@a.org>.\n\n[id]: https://b.org \"1910\"\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["See ", "the list", " or ", " or ", "."]
        );
    }

    #[test]
    fn quotes_tasks_and_footnotes_keep_their_text() {
        let text = "> اقتباس من 1950\n\n- [x] done[^n]\n\n[^n]: footnote body\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["اقتباس من 1950", "done", "footnote body"]
        );
    }

    #[test]
    fn indented_code_is_not_prose() {
        let text = "Intro line.\n\n    let year = 1949;\n\nOutro.\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["Intro line.", "Outro."]
        );
    }

    #[test]
    fn paragraph_lines_join_into_one_range() {
        let text = "first line\nsecond line  \nthird\\\nfourth\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["first line\nsecond line  \nthird", "\nfourth"]
        );
    }

    #[test]
    fn escapes_and_entities_stay_on_source_bytes() {
        let text = "سنة \\*1949\\* &amp; &#1633;٩ end";
        let ranges = prose_ranges(text, Format::Markdown);
        assert!(ranges.iter().all(|r| text.is_char_boundary(r.start)));
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["سنة ", "*1949", "* &amp; &#1633;٩ end"]
        );
    }

    #[test]
    fn plain_text_drops_urls_emails_and_directives() {
        let text = "Founded in 1949 (see https://example.org/wiki/Foo_(bar)).\nمراسلة info@example.org، أو www.example.org.\n# factlint: ignore[date-conflict]\nend";
        assert_eq!(
            prose_texts(text, Format::Plain),
            [
                "Founded in 1949 (see ",
                ").\nمراسلة ",
                "، أو ",
                ".\n",
                "\nend"
            ]
        );
        let bodies: Vec<String> = comments(text, Format::Plain)
            .into_iter()
            .map(|(_, body)| body)
            .collect();
        assert_eq!(bodies, ["factlint: ignore[date-conflict]"]);
    }

    #[test]
    fn markdown_drops_bare_urls_in_prose() {
        let text = "Visit **https://example.org/x**, or mail a.b@example.co.uk.\n";
        assert_eq!(
            prose_texts(text, Format::Markdown),
            ["Visit ", ", or mail ", "."]
        );
    }

    #[test]
    fn mask_keeps_length_newlines_and_prose() {
        let text = "# عنوان\n\n`x` نص\r\n";
        let ranges = prose_ranges(text, Format::Markdown);
        let masked = mask_non_prose(text, &ranges);
        assert_eq!(masked, "  عنوان\n\n    نص\r\n");
        assert_eq!(masked.len(), text.len());
    }

    #[test]
    fn mask_replaces_multibyte_chars_byte_for_byte() {
        let text = "أب\nج";
        assert_eq!(mask_non_prose(text, &[Span::new(5, 7)]), "    \nج");
    }

    #[test]
    fn format_from_extension() {
        for (path, format) in [
            ("a.md", Format::Markdown),
            ("docs/A.MARKDOWN", Format::Markdown),
            ("x.Mdown", Format::Markdown),
            ("x.mkd", Format::Markdown),
            ("x.txt", Format::Plain),
            ("README", Format::Plain),
            ("md", Format::Plain),
        ] {
            assert_eq!(Format::from_path(Path::new(path)), format, "{path}");
        }
    }

    fn markdownish() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            Just("```"),
            Just("~~~"),
            Just("`"),
            Just("[a](b)"),
            Just("[a]: <b> \"t\""),
            Just("---\n"),
            Just("+++\n"),
            Just("<!--"),
            Just("-->"),
            Just("<b>"),
            Just("</b>"),
            Just("\\"),
            Just("&amp;"),
            Just("&#1633;"),
            Just("\n"),
            Just("\r\n"),
            Just("    "),
            Just("| a | b |\n|---|---|\n"),
            Just("- "),
            Just("> "),
            Just("# "),
            Just("*"),
            Just("_"),
            Just("[^1]"),
            Just("https://x.org/"),
            Just("a@b.org"),
            Just("<http://x>"),
            Just("عام 1949"),
            Just("ـًّ"),
            Just("é"),
            Just(" "),
        ];
        prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
    }

    fn assert_well_formed(text: &str, format: Format) -> Result<(), TestCaseError> {
        let ranges = prose_ranges(text, format);
        for r in &ranges {
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        for pair in ranges.windows(2) {
            prop_assert!(pair[0].end < pair[1].start, "{:?}", pair);
        }
        let masked = mask_non_prose(text, &ranges);
        prop_assert_eq!(masked.len(), text.len());
        let newlines = |s: &str| s.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
        prop_assert_eq!(newlines(&masked), newlines(text));
        for r in &ranges {
            prop_assert_eq!(&masked[r.range()], &text[r.range()]);
        }
        for (span, body) in comments(text, format) {
            prop_assert_eq!(&text[span.range()], body.as_str());
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn markdownish_strings_give_well_formed_ranges(text in markdownish()) {
            assert_well_formed(&text, Format::Markdown)?;
            assert_well_formed(&text, Format::Plain)?;
        }

        #[test]
        fn arbitrary_strings_give_well_formed_ranges(text in any::<String>()) {
            assert_well_formed(&text, Format::Markdown)?;
            assert_well_formed(&text, Format::Plain)?;
        }
    }
}
