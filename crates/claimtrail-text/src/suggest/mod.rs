//! Suggested claims: the sentences of an article worth a journalist's look
//! (direct quotes, reported speech, checkable figures), each with what the
//! text says about it — the speaker, the outlet it was relayed through,
//! when and where it was said, and why it was suggested.
//!
//! Pure functions over the text: nothing is stored and nothing is decided
//! for the journalist, who accepts, edits or dismisses each suggestion.
//!
//! How it reads an article, in one pass over its sentences (in order,
//! because "he" and "the Ukrainian president" refer back to the last
//! person named as a speaker):
//! 1. `sentences` splits the body, keeping a quote that spans sentences in
//!    one unit and leaving the dateline out of the first sentence;
//! 2. `speech` finds the speech cues ("Zelenskyy said", "according to X",
//!    "Mark Milley, chairman of ..., told", "a local police source said",
//!    "..., saying") and their subjects, the cue right after a quote first;
//!    `people` resolves a subject to a known person (aliases, case and
//!    diacritics ignored), to the fullest form of the name the article
//!    prints, or back: "he" to a titled person named earlier in the
//!    sentence or the last person, a role ("the governor") to the person
//!    the article names with it, "it", "they" and "the statement" to the
//!    last institution or group that spoke. Groups, offices and documents
//!    are speakers as printed ("the prosecutor's office"), never persons;
//!    a quote that stands alone continues the last speaker;
//! 3. `crate::parse::relays` finds the relaying outlet ("Al Jazeera
//!    reported"); an outlet named in the first paragraph relays the whole
//!    article, one named later only its sentence;
//! 4. `when`, `venue` and `worth` read the statement time, the venue and
//!    the check-worthy signals that make the score.
//!
//! A sentence is suggested when it holds a quote of three words or more,
//! reported speech with a source, or an unattributed figure or
//! superlative. Cues of speaker, time and venue are read with the quotes
//! blanked out, since words inside a quote are the speaker's, not the
//! reporter's. The workspace's names and aliases are folded once per call
//! ([`People`]), so many known persons cost about what one does.
//!
//! Offsets are byte offsets inside the module and code points at the API;
//! a suggestion's `exact` always equals the body's chars in `[start, end)`
//! (a property test holds it).

mod people;
mod sentences;
mod speech;
mod venue;
mod when;
mod worth;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    AppearanceHints, AppearanceKind, AttributionStep, RelayCandidate, StepKind, Suggestion,
};
use crate::parse::relays::{canonical_outlet, find_relays};
pub use people::People;
use people::Speaker;
use speech::Subject;
use when::Stated;
use worth::Signals;

/// The article a suggestion is made for.
pub struct ArticleContext<'a> {
    /// Normalised article text, paragraphs separated by "\n\n".
    pub body: &'a str,
    /// Sentences that restate the headline score higher.
    pub title: &'a str,
    /// RFC 3339 with the source's offset, or a floating local time.
    pub published_at: Option<&'a str>,
    /// The article's own outlet ("ANI"): the last step of every chain.
    pub outlet: Option<&'a str>,
    /// The dateline place ("Kyiv, Ukraine"). Not read yet: the dateline's
    /// date is in the body (and left out of the first sentence), and stated
    /// times count from `published_at`.
    pub dateline: Option<&'a str>,
}

/// A person of the workspace, with the other names they go by.
#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Candidate claims, in text order.
pub fn suggest(ctx: &ArticleContext, persons: &[KnownPerson]) -> Vec<Suggestion> {
    let people = People::new(persons);
    let readings = read(ctx, &people);
    let mut offsets = CharOffsets::new(ctx.body);
    readings
        .iter()
        .filter_map(|r| {
            let kind = r.suggested_kind()?;
            let start = offsets.at(r.range.start);
            let end = offsets.at(r.range.end);
            let hints = r.hints(ctx, kind);
            Some(Suggestion {
                start: to_u32(start),
                end: to_u32(end),
                exact: r.text.to_owned(),
                kind,
                speaker: hints.speaker.clone(),
                relay: hints.relay.clone(),
                score: r.score(kind),
                reasons: r.reasons(kind),
                hints,
            })
        })
        .collect()
}

/// Field suggestions for any span [start,end) (code point offsets into body)
/// that a journalist selected by hand.
pub fn hints(
    ctx: &ArticleContext,
    persons: &[KnownPerson],
    start: usize,
    end: usize,
) -> AppearanceHints {
    let people = People::new(persons);
    hints_many(ctx, &people, &[(start, end)]).remove(0)
}

/// [`hints`] for several spans of one article, reading it once: "find
/// everywhere" asks for every hit in an article at a time, with the
/// workspace's persons folded once for all articles.
pub fn hints_many(
    ctx: &ArticleContext,
    people: &People,
    spans: &[(usize, usize)],
) -> Vec<AppearanceHints> {
    let readings = read(ctx, people);
    spans
        .iter()
        .map(|&(start, end)| hints_from(ctx, &readings, start, end))
        .collect()
}

fn hints_from(
    ctx: &ArticleContext,
    readings: &[Reading],
    start: usize,
    end: usize,
) -> AppearanceHints {
    let (start, end) = (start.min(end), start.max(end));
    let selection = byte_offset(ctx.body, start)..byte_offset(ctx.body, end);
    let overlapping: Vec<&Reading> = readings
        .iter()
        .filter(|r| overlaps(&r.range, &selection))
        .collect();
    let chosen = if overlapping.is_empty() {
        // A selection between sentences takes the sentence before it.
        readings
            .iter()
            .rev()
            .find(|r| r.range.start <= selection.start)
            .or(readings.first())
            .into_iter()
            .collect()
    } else {
        overlapping
    };
    let Some(primary) = chosen
        .iter()
        .find(|r| r.speaker.is_some())
        .or(chosen.first())
    else {
        return AppearanceHints {
            kind: AppearanceKind::Summary,
            stated_at: ctx.published_at.map(str::to_owned),
            attribution: outlet_step(ctx.outlet, None).into_iter().collect(),
            ..AppearanceHints::default()
        };
    };
    let quoted = chosen
        .iter()
        .flat_map(|r| &r.quotes)
        .any(|q| overlaps(q, &selection));
    let kind = if quoted {
        AppearanceKind::DirectQuote
    } else if primary.speech || primary.own_relay.is_some() {
        AppearanceKind::Paraphrase
    } else {
        AppearanceKind::Summary
    };
    let mut hints = primary.hints(ctx, kind);
    if hints.stated_cue.is_none() {
        if let Some(dated) = chosen.iter().find(|r| r.stated.cue.is_some()) {
            hints.stated_at.clone_from(&dated.stated.at);
            hints.stated_cue.clone_from(&dated.stated.cue);
        }
    }
    if hints.venue.is_none() {
        hints.venue = chosen.iter().find_map(|r| venue::venue(&r.unquoted));
    }
    hints
}

/// What the text says about one sentence (or quote group).
struct Reading<'t> {
    range: Range<usize>,
    text: &'t str,
    /// The text with its quotes blanked out, where the reporter's own
    /// words (cues of speaker, time and venue) are read.
    unquoted: String,
    /// Quotes of three words or more (scare quotes around one word do
    /// not make a direct quote), as byte ranges into the body.
    quotes: Vec<Range<usize>>,
    /// Whether the sentence reports speech at all.
    speech: bool,
    speaker: Option<Speaker>,
    /// The words that name the speaker ("Zelenskyy said").
    speaker_cue: Option<String>,
    /// A relay named in this sentence.
    own_relay: Option<RelayCandidate>,
    /// The relay that applies: this sentence's, else the lead's.
    relay: Option<RelayCandidate>,
    signals: Signals,
    stated: Stated,
}

/// What the sentences read so far tell about who later words refer to.
struct Memory {
    /// The last person named as a speaker or as a sentence's subject:
    /// who "he" and "she" mean.
    person: Option<Speaker>,
    /// The last source that is not one person, and the paragraph (counted
    /// from the article's start) it spoke in: who "it", "they" and "the
    /// statement" mean.
    source: Option<(Speaker, usize)>,
    /// The persons who have spoken so far.
    speakers: Vec<String>,
}

/// How many paragraphs back "it", "they" or a quote standing alone may
/// look for their source.
const REACH: usize = 3;

/// Reads every sentence of the article, in order.
fn read<'t>(ctx: &ArticleContext<'t>, people: &People) -> Vec<Reading<'t>> {
    let body = ctx.body;
    let full_names = people::full_names(body);
    let roles = people::Roles::new(body);
    let title_words = worth::title_words(ctx.title);
    let lead_relay = body
        .split('\n')
        .find(|p| !p.trim().is_empty())
        .and_then(|p| relay_in(p, ctx.outlet));
    let mut memory = Memory {
        person: None,
        source: None,
        speakers: Vec::new(),
    };
    let mut readings: Vec<Reading> = Vec::new();
    // Paragraph indices of the readings, counted in paragraphs that hold
    // a sentence (blank lines do not count).
    let mut paragraph_of: Vec<usize> = Vec::new();
    let mut previous_paragraph = None;
    let mut paragraph = 0;
    let clauses = sentences::sentences(body)
        .into_iter()
        .flat_map(|s| two_speakers(body, s));
    for sentence in clauses {
        if previous_paragraph.is_some_and(|p| p != sentence.paragraph) {
            paragraph += 1;
        }
        let text = &body[sentence.range.clone()];
        // Cues inside a quote are the speaker's words ("today", "he
        // said"), not the reporter's account of who spoke when and where.
        let unquoted = mask_quotes(text, sentence.range.start, &sentence.quotes);
        let (cues, speech) = speech::cues(&unquoted);
        let mut speaker = None;
        let mut speaker_cue = None;
        for cue in &cues {
            let Some(subject) = &cue.subject else {
                continue;
            };
            let context = Context {
                people,
                full_names: &full_names,
                roles: &roles,
                body,
                before: &unquoted[..cue.span.start],
                at: sentence.range.start + cue.span.start,
                memory: &memory,
                paragraph,
            };
            if let Some(found) = resolve(subject, &context) {
                speaker = Some(found);
                speaker_cue = Some(unquoted[cue.span.clone()].to_owned());
                break;
            }
        }
        let quotes: Vec<Range<usize>> = sentence
            .quotes
            .iter()
            .filter(|q| body[(*q).clone()].split_whitespace().count() >= 3)
            .cloned()
            .collect();
        // Only "he said" or "they said" that named nobody leaves the
        // quote to the speaker before it; a named source does not.
        let unnamed = cues
            .iter()
            .all(|c| matches!(c.subject, Some(Subject::Pronoun | Subject::NotPerson)));
        if speaker.is_none() && !quotes.is_empty() && unnamed && (!cues.is_empty() || !speech) {
            speaker = continued_speaker(
                &readings,
                &paragraph_of,
                paragraph,
                previous_paragraph == Some(sentence.paragraph),
                &unquoted,
                !cues.is_empty(),
            );
        }
        if let Some(s) = speaker.as_ref() {
            if s.person {
                memory.person = Some(s.clone());
                if !memory.speakers.contains(&s.name) {
                    memory.speakers.push(s.name.clone());
                }
            } else {
                memory.source = Some((s.clone(), paragraph));
            }
        }
        if !speaker.as_ref().is_some_and(|s| s.person) {
            if let Some(name) = people::subject_person(&unquoted, &full_names) {
                // A person who opens a sentence without speaking ("Viktor
                // Orban has opposed ...") is who the next "he" means.
                memory.person = Some(person_speaker(people, name));
            }
        }
        let own_relay = relay_in(text, ctx.outlet);
        let stated = when::stated(&unquoted, ctx.published_at);
        readings.push(Reading {
            range: sentence.range.clone(),
            text,
            signals: Signals {
                headline: worth::echoes_title(text, &title_words),
                ..worth::signals(text, stated.cue.is_some())
            },
            quotes,
            speech,
            speaker,
            speaker_cue,
            relay: own_relay.clone().or_else(|| lead_relay.clone()),
            own_relay,
            stated,
            unquoted,
        });
        paragraph_of.push(paragraph);
        previous_paragraph = Some(sentence.paragraph);
    }
    readings
}

/// A sentence that joins two statements by two speakers (", but", ",
/// while", ", whereas", "; "), each clause with a speaker of its own
/// ("Trump has tried to suggest that he barely knows him, but Sondland
/// has said he has spoken with the president several times"), is two
/// statements: a journalist marks each with its own speaker. Otherwise
/// the sentence as it is.
fn two_speakers(body: &str, sentence: sentences::Sentence) -> Vec<sentences::Sentence> {
    static JOIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",\s+(?:but|while|whereas)\s+|;\s+").expect("clause joiner regex")
    });
    let text = &body[sentence.range.clone()];
    if !JOIN.is_match(text) {
        return vec![sentence];
    }
    let unquoted = mask_quotes(text, sentence.range.start, &sentence.quotes);
    let named = |clause: &str| {
        speech::cues(clause).0.iter().any(|c| {
            matches!(
                c.subject,
                Some(
                    speech::Subject::Name(_) | speech::Subject::Role(_) | speech::Subject::Group(_)
                )
            )
        })
    };
    for join in JOIN.find_iter(&unquoted) {
        let (left, right) = (&unquoted[..join.start()], &unquoted[join.end()..]);
        if left.split_whitespace().count() < 4 || right.split_whitespace().count() < 4 {
            continue;
        }
        if !(named(left) && named(right)) {
            continue;
        }
        let split = sentence.range.start + join.start() + 1;
        let second = sentence.range.start + join.end();
        let part = |range: std::ops::Range<usize>| sentences::Sentence {
            quotes: sentence
                .quotes
                .iter()
                .filter(|q| q.start < range.end && range.start < q.end)
                .map(|q| q.start.max(range.start)..q.end.min(range.end))
                .collect(),
            range,
            paragraph: sentence.paragraph,
        };
        return vec![
            part(sentence.range.start..split),
            part(second..sentence.range.end),
        ];
    }
    vec![sentence]
}

/// The speaker of a quote with no cue of its own: the sentence before it
/// in the same paragraph ("“We are ready,” he said. “We want peace.”"), or,
/// for a sentence that is nothing but its quote (a paragraph that is the
/// whole quote) or its quote and a "they said" that found nobody, the
/// last speaker of the few paragraphs before.
fn continued_speaker(
    readings: &[Reading],
    paragraph_of: &[usize],
    paragraph: usize,
    same_paragraph: bool,
    unquoted: &str,
    pronoun_cue: bool,
) -> Option<Speaker> {
    if same_paragraph {
        return readings.last().and_then(|r| r.speaker.clone());
    }
    if !pronoun_cue && unquoted.chars().any(char::is_alphanumeric) {
        // Words outside the quote ("one user quipped") attribute it to
        // someone else, even when they are not read as a cue.
        return None;
    }
    readings
        .iter()
        .zip(paragraph_of)
        .rev()
        .take_while(|(_, p)| paragraph - **p <= REACH)
        .find_map(|(r, _)| r.speaker.clone())
}

/// A role specific enough to stand for its holder when the article names
/// nobody with it ("Austria's interior minister", "the chairman of the
/// Conservative Party"): shown as printed. A bare "the president" is
/// left to the last person named.
fn described(role: &str) -> Option<Speaker> {
    let possessive = !role.starts_with(['T', 't']) || role.contains("'s ") || role.contains("’s ");
    let of = role.contains(" of ") || role.contains(" for ");
    (possessive || of).then(|| Speaker {
        name: role
            .strip_prefix("The ")
            .map_or_else(|| role.to_owned(), |r| format!("the {r}")),
        id: None,
        person: false,
    })
}

fn person_speaker(people: &People, name: String) -> Speaker {
    match people.resolve(&name) {
        Some(p) => known(p),
        None => Speaker {
            name,
            id: None,
            person: true,
        },
    }
}

/// What a cue's subject is resolved against.
struct Context<'a> {
    people: &'a People<'a>,
    full_names: &'a [String],
    roles: &'a people::Roles,
    body: &'a str,
    /// The sentence before the cue, quotes blanked out.
    before: &'a str,
    /// The cue's byte offset in the body.
    at: usize,
    memory: &'a Memory,
    paragraph: usize,
}

/// `text` with the words of every quoted passage blanked out, byte for
/// byte, so offsets found in it are offsets in `text`. The quote marks
/// stay: "\"...,\" said Zelenskyy" needs its closing mark to be read.
fn mask_quotes(text: &str, offset: usize, quotes: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for q in quotes {
        let (Some(start), Some(end)) = (q.start.checked_sub(offset), q.end.checked_sub(offset))
        else {
            continue;
        };
        let Some(quoted) = text.get(start..end.min(text.len())) else {
            continue;
        };
        let open = quoted.chars().next().map_or(0, char::len_utf8);
        let close = quoted.chars().next_back().map_or(0, char::len_utf8);
        if open + close <= quoted.len() {
            // Whole characters between the marks become spaces, so the
            // bytes stay valid UTF-8 and keep their offsets.
            bytes[start + open..start + quoted.len() - close].fill(b' ');
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// The speaker a cue's subject stands for, if it names one.
fn resolve(subject: &Subject, cx: &Context) -> Option<Speaker> {
    match subject {
        Subject::Name(name) => Some(match cx.people.resolve(name) {
            Some(p) => known(p),
            None => {
                let name = people::fullest_form(name, cx.full_names);
                Speaker {
                    // Only a full name ("Volodymyr Zelenskyy") is surely a
                    // person; "Ukraine said" or "Moscow said" is not one
                    // that "he" can refer back to.
                    person: people::looks_like_person(&name),
                    name,
                    id: None,
                }
            }
        }),
        // A person named earlier in the same sentence comes first ("When
        // President Ashraf Ghani announced it, he said ...").
        Subject::Pronoun => {
            people::last_person_in(cx.before, cx.full_names, cx.people, &cx.memory.speakers)
                .map(|name| person_speaker(cx.people, name))
                .or_else(|| cx.memory.person.clone())
        }
        Subject::Role(role) => cx
            .people
            .resolve(role)
            .map(known)
            .or_else(|| {
                cx.roles
                    .resolve(role, cx.body, cx.at)
                    .map(|name| person_speaker(cx.people, name))
            })
            .or_else(|| described(role))
            .or_else(|| cx.memory.person.clone()),
        Subject::Group(group) => Some(Speaker {
            name: group.clone(),
            id: None,
            person: false,
        }),
        Subject::NotPerson => cx
            .memory
            .source
            .as_ref()
            .filter(|(_, p)| cx.paragraph - p <= REACH)
            .map(|(s, _)| s.clone()),
        Subject::Outlet => None,
    }
}

fn known(p: &KnownPerson) -> Speaker {
    Speaker {
        name: p.name.clone(),
        id: Some(p.id.clone()),
        person: true,
    }
}

/// The first outlet `text` relays from, other than the article's own.
/// A dateline credit "(Reuters)" is the article's source, not a relay.
fn relay_in(text: &str, outlet: Option<&str>) -> Option<RelayCandidate> {
    find_relays(&[text.to_owned()], outlet)
        .into_iter()
        .find(|r| !r.cue.starts_with('('))
}

impl Reading<'_> {
    /// The kind of appearance this sentence would be, if it is worth
    /// suggesting: a direct quote, reported speech with a source, or an
    /// unattributed figure or superlative.
    fn suggested_kind(&self) -> Option<AppearanceKind> {
        if is_embed_credit(self.text) || self.quotes.is_empty() && self.text.ends_with('?') {
            // A question in the reporter's words (a subheading like "What
            // did the prosecutors say?") asserts nothing.
            None
        } else if !self.quotes.is_empty() {
            Some(AppearanceKind::DirectQuote)
        } else if self.own_relay.is_some() || self.speech && self.speaker.is_some() {
            // "..., the Interfax news agency reported": an outlet named as
            // the source is reported speech even without a speaker.
            Some(AppearanceKind::Paraphrase)
        } else if self.signals.checkable_alone() && is_full_sentence(self.text) {
            Some(AppearanceKind::Summary)
        } else {
            None
        }
    }

    fn score(&self, kind: AppearanceKind) -> f64 {
        let base = match kind {
            AppearanceKind::DirectQuote => 0.5,
            AppearanceKind::Paraphrase => 0.4,
            AppearanceKind::Headline | AppearanceKind::Summary => 0.15,
        };
        let sourced = if self.speaker.is_some() { 0.1 } else { 0.0 };
        let relayed = if self.relay.is_some() { 0.05 } else { 0.0 };
        let score = (base + sourced + relayed + self.signals.weight()).min(1.0);
        (score * 100.0).round() / 100.0
    }

    fn reasons(&self, kind: AppearanceKind) -> Vec<String> {
        let how = match kind {
            AppearanceKind::DirectQuote => Some("direct quote"),
            AppearanceKind::Paraphrase => Some("reported speech"),
            AppearanceKind::Headline | AppearanceKind::Summary => None,
        };
        how.into_iter()
            .chain(self.signals.reasons())
            .map(str::to_owned)
            .collect()
    }

    fn hints(&self, ctx: &ArticleContext, kind: AppearanceKind) -> AppearanceHints {
        AppearanceHints {
            kind,
            speaker: self.speaker.as_ref().map(|s| s.name.clone()),
            speaker_id: self.speaker.as_ref().and_then(|s| s.id.clone()),
            stated_at: self.stated.at.clone(),
            stated_cue: self.stated.cue.clone(),
            venue: venue::venue(&self.unquoted),
            relay: self.relay.as_ref().map(|r| r.outlet.clone()),
            attribution: self.attribution(ctx.outlet),
        }
    }

    /// Speaker first, then the relaying outlet, then the article's own
    /// outlet: Zelenskyy → Al Jazeera → ANI.
    fn attribution(&self, outlet: Option<&str>) -> Vec<AttributionStep> {
        let speaker = self.speaker.as_ref().map(|s| AttributionStep {
            name: s.name.clone(),
            kind: StepKind::Person,
            cue: self.speaker_cue.clone(),
        });
        let relay = self.relay.as_ref().map(|r| AttributionStep {
            name: r.outlet.clone(),
            kind: StepKind::Outlet,
            cue: Some(r.cue.clone()),
        });
        let own = outlet_step(outlet, self.relay.as_ref().map(|r| r.outlet.as_str()));
        speaker.into_iter().chain(relay).chain(own).collect()
    }
}

/// Whether a sentence ends as one does; a heading or a link line ("Meth:
/// state spends $449K on ads") is no claim of the article's own.
fn is_full_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '»'])
        .ends_with(['.', '!', '?', '…'])
}

/// The credit line under an embedded post ("— Dele (@dele_official)
/// November 19, 2019"): page furniture, not a statement.
fn is_embed_credit(text: &str) -> bool {
    text.starts_with(['—', '–', '-']) && text.contains("(@")
}

/// The article's own outlet as the chain's last step, unless it is the
/// relay already listed.
fn outlet_step(outlet: Option<&str>, relay: Option<&str>) -> Option<AttributionStep> {
    let outlet = outlet.map(str::trim).filter(|o| !o.is_empty())?;
    let key = |name: &str| canonical_outlet(name).unwrap_or(name).to_lowercase();
    if relay.is_some_and(|r| key(r) == key(outlet)) {
        return None;
    }
    Some(AttributionStep {
        name: outlet.to_owned(),
        kind: StepKind::Outlet,
        cue: None,
    })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (b.is_empty() && a.start <= b.start && b.start < a.end)
}

/// The byte offset of code point `index` (the end of `text` past its last).
fn byte_offset(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Byte to code point offsets, for increasing byte offsets without
/// counting from the start each time.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests;
