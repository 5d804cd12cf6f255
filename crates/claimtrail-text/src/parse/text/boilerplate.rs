//! Lines that are not article text: disclaimers, app prompts, sharing
//! widgets, credits and copyright notices.

use super::*;

static STARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:disclaimer\s*:|open in (?:the )?app\b|\(this (?:story|article|report) has not been edited\b|also read\b|read more\b|read also\b|follow us on\b|subscribe\b|sign up for\b|share this (?:article|story|post)\b|advertisement\W*$|click here\b|download (?:the|our)\b.{0,40}\bapp\b|©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|(?:additional\s+)?reporting by\b|\(reporting by\b|editing by\b|writing by\b|compiled by\b|our standards\s*:|\(?updates?\s+(?:with|to|throughout)\b|update\s*\d*\s*:\s*(?:this\s+(?:story|article|report|post)\b|adds\b|corrects\b|recasts\b|updates\b|changes\b|rewrites\b|with\b|(?:an?\s+)?earlier\s+version\b))",
    )
    .expect("boilerplate regex")
});
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)all rights reserved|contributed to this report\.?$")
        .expect("boilerplate regex")
});
/// Consent banners, newsletter prompts, related-story and share blocks,
/// and captions or credits, as saved pages and pasted copy print them.
static CLUTTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            we\s+(?:and\s+our\s+partners\s+)?use\s+cookies\b
          | (?:this|our)\s+(?:web)?site\s+uses\s+cookies\b
          | by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site\b
          | (?:accept|reject|manage)\s+(?:all\s+)?cookies\b
          | cookie\s+(?:settings|policy|preferences)\b
          | (?:get|receive)\s+(?:the|our)\b.{0,60}\bnewsletter
          | (?:enter|your)\s+(?:your\s+)?e-?mail\s+address\b
          | newsletter\b
          | (?:related|more\s+on\s+this\s+story|more\s+from|recommended|most\s+read|most\s+popular|you\s+may\s+also\s+like|see\s+also)\b\s*(?::|$|\S*\s*$)
          | share\s+(?:on|via|this)\b
          | (?:photo(?:graph)?|image|picture|video|caption|credit|source)\s*(?:credit)?\s*:
          | image\s+(?:caption|source)\b
          | \((?:photo|image|picture)\s+(?:by|credit|:)
        )",
    )
    .expect("clutter regex")
});
/// A short line ending in a photo agency's credit ("Jane Doe/Reuters",
/// "AFP via Getty Images").
static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:/\s*(?:reuters|ap|afp|epa|getty images|shutterstock|alamy)|via getty images|getty images|\(photo:[^)]*\))\s*\)?\.?$")
        .expect("credit regex")
});

pub(super) fn is_boilerplate(paragraph: &str) -> bool {
    let short = paragraph.chars().count() <= 300;
    STARTS.is_match(paragraph)
        || short && (ANYWHERE.is_match(paragraph) || CLUTTER.is_match(paragraph))
        || paragraph.split_whitespace().count() <= 30 && CREDIT_END.is_match(paragraph)
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
