//! Lines that are not article text: disclaimers, app prompts, sharing
//! widgets, credits and copyright notices.

use super::*;

static STARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:disclaimer\s*:|open in (?:the )?app\b|\(this (?:story|article|report) has not been edited\b|also read\b|read more\b|read also\b|follow us on\b|subscribe\b|sign up for\b|share this (?:article|story|post)\b|advertisement\W*$|click here\b|download (?:the|our)\b.{0,40}\bapp\b|©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|(?:additional\s+)?reporting by\b|\(reporting by\b|editing by\b|writing by\b|compiled by\b|our standards\s*:)",
    )
    .expect("boilerplate regex")
});
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)all rights reserved|contributed to this report\.?$")
        .expect("boilerplate regex")
});

pub(super) fn is_boilerplate(paragraph: &str) -> bool {
    STARTS.is_match(paragraph) || paragraph.chars().count() <= 300 && ANYWHERE.is_match(paragraph)
}

/// Where the trailing boilerplate begins: the earliest boilerplate line
/// of the final run of boilerplate and short headline-like lines (the
/// links under "Also Read"). Returns the length when there is none.
pub(super) fn tail_start(paragraphs: &[String]) -> usize {
    let mut start = paragraphs.len();
    for (i, paragraph) in paragraphs.iter().enumerate().rev() {
        if is_boilerplate(paragraph) {
            start = i;
        } else if paragraph.chars().count() > 120 || ends_sentence(paragraph) {
            break;
        }
    }
    start
}
