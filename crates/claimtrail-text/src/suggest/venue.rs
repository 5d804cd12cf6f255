//! Where a statement was made, as the sentence says: "in a WhatsApp chat",
//! "told reporters", "in an interview with X", "at a press conference",
//! "on X", "in a statement", "in a video address".

use std::sync::LazyLock;

use regex::Regex;

static MEDIUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in|during|via|on)\s+(?:a|an|his|her|their|the)\s+(?:\w+\s+)?(?P<m>WhatsApp|Telegram|Signal|Zoom|Skype|online|video|phone|telephone|radio|television|TV)\s+(?P<n>chat|call|conference|briefing|address|message|interview|appearance|statement)\b")
        .expect("medium regex")
});

static INTERVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:in|during)\s+an?\s+(?:\w+\s+)?interview(?:\s+with\s+(?:the\s+)?(?P<with>\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*){0,3}))?")
        .expect("interview regex")
});

static CONFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:at|during)\s+an?\s+(?:joint\s+)?(?P<kind>press|news)\s+(?:conference|briefing)|\bat\s+an?\s+(?:\w+\s+)?briefing\b")
        .expect("press conference regex")
});

static SOCIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:posted|wrote|said|post|message|statement)\b[^.;]{0,40}?\bon\s+(?P<net>X|Twitter|Telegram|Facebook|Instagram|Truth Social|social media|YouTube)\b")
        .expect("social network regex")
});

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bin\s+an?\s+(?:\w+\s+)?statement\b").expect("statement regex")
});

static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in\s+an?\s+(?:\w+\s+)?speech|addressing\s+(?:the\s+)?(?:parliament|lawmakers|congress|the\s+nation|a\s+rally))\b")
        .expect("speech regex")
});

static REPORTERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:told|telling|speaking\s+to|spoke\s+to|questions\s+from|asked\s+by|with)\s+(?:reporters|journalists|the\s+press)\b")
        .expect("reporters regex")
});

/// The venue a sentence names, most specific cue first.
pub(super) fn venue(sentence: &str) -> Option<String> {
    let with_reporters = REPORTERS.is_match(sentence);
    if let Some(caps) = MEDIUM.captures(sentence) {
        let medium = medium_name(&caps["m"]);
        let noun = caps["n"].to_lowercase();
        let base = if medium == "video" && noun == "address" {
            "video address".to_owned()
        } else {
            format!("{medium} {noun}")
        };
        return Some(if with_reporters {
            format!("{base} with reporters")
        } else {
            base
        });
    }
    if let Some(caps) = INTERVIEW.captures(sentence) {
        return Some(match caps.name("with") {
            Some(with) => format!("interview with {}", with.as_str()),
            None => "interview".to_owned(),
        });
    }
    if let Some(caps) = CONFERENCE.captures(sentence) {
        let kind = match caps.name("kind") {
            Some(_) => "press conference",
            None => "briefing",
        };
        return Some(kind.to_owned());
    }
    if let Some(caps) = SOCIAL.captures(sentence) {
        return Some(match &caps["net"] {
            "X" | "Twitter" => "post on X (Twitter)".to_owned(),
            "social media" => "social media post".to_owned(),
            net => format!("post on {net}"),
        });
    }
    if STATEMENT.is_match(sentence) {
        return Some("statement".to_owned());
    }
    if SPEECH.is_match(sentence) {
        return Some("speech".to_owned());
    }
    with_reporters.then(|| "remarks to reporters".to_owned())
}

/// Brand names keep their spelling; generic words are lowercased.
fn medium_name(printed: &str) -> String {
    match printed.to_lowercase().as_str() {
        "whatsapp" => "WhatsApp".to_owned(),
        "telegram" => "Telegram".to_owned(),
        "signal" => "Signal".to_owned(),
        "zoom" => "Zoom".to_owned(),
        "skype" => "Skype".to_owned(),
        "tv" => "TV".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::whatsapp_with_reporters(
        "\"It is fair,\" Zelenskyy said in response to questions from reporters in a WhatsApp chat.",
        Some("WhatsApp chat with reporters")
    )]
    #[case::told_reporters("Zelenskiy told reporters it was fair.", Some("remarks to reporters"))]
    #[case::interview(
        "He said in an interview with the BBC that it was fair.",
        Some("interview with BBC")
    )]
    #[case::interview_alone("He said in a long interview that it was fair.", Some("interview"))]
    #[case::press_conference(
        "He said at a joint press conference in Berlin that it was fair.",
        Some("press conference")
    )]
    #[case::briefing("She said at a daily briefing that talks went on.", Some("briefing"))]
    #[case::x_post("He wrote on X that the talks went well.", Some("post on X (Twitter)"))]
    #[case::telegram(
        "He said on Telegram that the talks went well.",
        Some("post on Telegram")
    )]
    #[case::statement(
        "The ministry said in a statement that it was fair.",
        Some("statement")
    )]
    #[case::video_address(
        "Zelenskyy said in his nightly video address that it was fair.",
        Some("video address")
    )]
    #[case::speech("He said in a speech to troops that it was fair.", Some("speech"))]
    #[case::none("He said it was fair.", None)]
    #[case::place_not_venue("He arrived on Sunday in X-ray clinics.", None)]
    fn finds_the_venue(#[case] sentence: &str, #[case] expected: Option<&str>) {
        assert_eq!(
            venue(sentence).as_deref(),
            expected,
            "the venue is named from the cue a reporter would read"
        );
    }
}
