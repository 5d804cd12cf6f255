//! Team review in a real workspace: the whole review state machine (every
//! allowed and every forbidden move), verdicts, evidence, automatic
//! reopening, comments, queues, the claim History and activity feed, Undo
//! by inverse events, and the audit log's hash chain against tampering.

use crate::common;

use claimtrail::model::{
    ActivityQuery, ClaimFields, ClaimInfo, ClaimQuery, EvidenceFields, EvidenceKind, LinkFields,
    LinkRelation, Queue, Rating, ReviewAction, ReviewState,
};
use claimtrail::store::{users, verify, Store, StoreError};
use claimtrail::{claims, comments, history, links, review, storylines, undo};

const P1: &str = "US envoys met President Volodymyr Zelenskyy in Berlin on Sunday.";
const P2: &str = "Zelenskyy said Ukraine could accept legally binding security guarantees instead of NATO membership.";

struct Team {
    ws: common::TempWorkspace,
    /// Dana: the workspace's active user, who marks and usually proposes.
    dana: Store,
    /// Ali: a second reviewer.
    ali: Store,
    dana_id: String,
    ali_id: String,
    article: String,
}

async fn team() -> Team {
    let ws = common::workspace().await;
    let dana = users::add(&ws.store, "Dana Okafor", None, None)
        .await
        .unwrap();
    let ali = users::add(&ws.store, "Ali Rahman", None, None)
        .await
        .unwrap();
    let bytes = format!(
        "---\ntitle: Envoys meet in Berlin\nurl: https://news.example/berlin\noutlet: Example Daily\ndate: 2025-12-14T18:20:00+01:00\n---\n\n{P1}\n\n{P2}\n"
    );
    let article = common::import_file(&ws.store, "berlin.md", bytes.as_bytes())
        .await
        .article
        .id;
    Team {
        dana: ws.store.acting_as(&dana.id),
        ali: ws.store.acting_as(&ali.id),
        dana_id: dana.id,
        ali_id: ali.id,
        ws,
        article,
    }
}

impl Team {
    async fn claim(&self, quote: &str) -> ClaimInfo {
        let body = claimtrail::articles::show(&self.dana, &self.article, None)
            .await
            .unwrap()
            .body;
        let (start, end) = claims::find_quote_span(&body, quote).unwrap();
        claims::create(
            &self.dana,
            &ClaimFields {
                statement: quote.to_owned(),
                claimant: Some("Volodymyr Zelenskyy".into()),
                ..ClaimFields::default()
            },
            Some(&claimtrail::model::AppearanceFields {
                article_id: self.article.clone(),
                revision: None,
                start: start as u32,
                end: end as u32,
                details: Default::default(),
            }),
        )
        .await
        .unwrap()
    }

    fn store(&self, who: Who) -> &Store {
        match who {
            Who::Dana => &self.dana,
            Who::Ali => &self.ali,
        }
    }

    async fn events(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM audit_events")
            .fetch_one(self.ws.store.pool())
            .await
            .unwrap()
    }
}

#[derive(Clone, Copy, Debug)]
enum Who {
    Dana,
    Ali,
}

fn propose(rating: Rating, rationale: &str) -> ReviewAction {
    ReviewAction::Propose {
        rating,
        rationale: rationale.to_owned(),
    }
}

/// Brings a new claim to `state` through real moves: Dana takes and
/// proposes, Ali approves and reopens.
async fn claim_in(t: &Team, state: ReviewState) -> String {
    let id = t.claim(P2).await.id;
    let steps: &[(Who, ReviewAction)] = match state {
        ReviewState::Unreviewed => &[],
        ReviewState::InReview => &[(
            Who::Dana,
            ReviewAction::Assign {
                user: "Dana Okafor".into(),
            },
        )],
        ReviewState::Proposed => &[(
            Who::Dana,
            ReviewAction::Propose {
                rating: Rating::False,
                rationale: "No such offer.".into(),
            },
        )],
        ReviewState::Approved => &[
            (
                Who::Dana,
                ReviewAction::Propose {
                    rating: Rating::False,
                    rationale: "No such offer.".into(),
                },
            ),
            (Who::Ali, ReviewAction::Approve { verdict_id: None }),
        ],
        ReviewState::Reopened => &[
            (
                Who::Dana,
                ReviewAction::Propose {
                    rating: Rating::False,
                    rationale: "No such offer.".into(),
                },
            ),
            (Who::Ali, ReviewAction::Approve { verdict_id: None }),
            (
                Who::Ali,
                ReviewAction::Reopen {
                    reason: "A new statement contradicts it.".into(),
                },
            ),
        ],
    };
    for (who, action) in steps {
        review::act(t.store(*who), &id, action).await.unwrap();
    }
    assert_eq!(review::get(&t.dana, &id).await.unwrap().state, state);
    id
}

/// Every move from every state, by the proposer/assignee (Dana) and by the
/// other reviewer (Ali): the state it leads to, or words of the refusal.
#[tokio::test]
async fn the_review_state_machine_allows_and_refuses_every_move_as_specified() {
    use ReviewState::*;
    enum Expect {
        To(ReviewState),
        Refused(&'static str),
    }
    use Expect::*;
    let assign_dana = || ReviewAction::Assign {
        user: "Dana Okafor".into(),
    };
    let assign_ali = || ReviewAction::Assign {
        user: "Ali Rahman".into(),
    };
    let moves: Vec<(&str, Who, ReviewAction)> = vec![
        ("assign to self", Who::Dana, assign_dana()),
        ("assign to other", Who::Dana, assign_ali()),
        ("unassign", Who::Dana, ReviewAction::Unassign),
        (
            "propose as Dana",
            Who::Dana,
            propose(Rating::Misleading, "Out of context."),
        ),
        (
            "propose as Ali",
            Who::Ali,
            propose(Rating::Misleading, "Out of context."),
        ),
        (
            "propose without rationale",
            Who::Dana,
            propose(Rating::True, "  "),
        ),
        (
            "approve as Dana",
            Who::Dana,
            ReviewAction::Approve { verdict_id: None },
        ),
        (
            "approve as Ali",
            Who::Ali,
            ReviewAction::Approve { verdict_id: None },
        ),
        (
            "reopen with reason",
            Who::Ali,
            ReviewAction::Reopen {
                reason: "New facts.".into(),
            },
        ),
        (
            "reopen without reason",
            Who::Ali,
            ReviewAction::Reopen { reason: " ".into() },
        ),
    ];
    // One row per state, one column per move above.
    let table: Vec<(ReviewState, [Expect; 10])> = vec![
        (
            Unreviewed,
            [
                To(InReview),
                To(InReview),
                Refused("Only a claim in review can be unassigned"),
                To(Proposed),
                To(Proposed),
                Refused("needs a rationale"),
                Refused("no proposed verdict"),
                Refused("no proposed verdict"),
                Refused("Only a proposed or approved verdict"),
                Refused("Only a proposed or approved verdict"),
            ],
        ),
        (
            InReview,
            [
                To(InReview),
                To(InReview),
                To(Unreviewed),
                To(Proposed),
                Refused("assigned to Dana Okafor"),
                Refused("needs a rationale"),
                Refused("no proposed verdict"),
                Refused("no proposed verdict"),
                Refused("Only a proposed or approved verdict"),
                Refused("Only a proposed or approved verdict"),
            ],
        ),
        (
            Proposed,
            [
                Refused("waiting for approval"),
                Refused("waiting for approval"),
                Refused("Only a claim in review"),
                To(Proposed),
                Refused("Dana Okafor already proposed"),
                Refused("needs a rationale"),
                Refused("You proposed this verdict"),
                To(Approved),
                To(Reopened),
                Refused("Say why"),
            ],
        ),
        (
            Approved,
            [
                Refused("reopen it"),
                Refused("reopen it"),
                Refused("Only a claim in review"),
                To(Proposed),
                To(Proposed),
                Refused("needs a rationale"),
                Refused("already approved"),
                Refused("already approved"),
                To(Reopened),
                Refused("Say why"),
            ],
        ),
        (
            Reopened,
            [
                To(InReview),
                To(InReview),
                Refused("Only a claim in review"),
                To(Proposed),
                Refused("assigned to Dana Okafor"),
                Refused("needs a rationale"),
                Refused("no proposed verdict"),
                Refused("no proposed verdict"),
                Refused("Only a proposed or approved verdict"),
                Refused("Only a proposed or approved verdict"),
            ],
        ),
    ];
    let t = team().await;
    for (from, expectations) in &table {
        for ((name, who, action), expect) in moves.iter().zip(expectations) {
            let claim = claim_in(&t, *from).await;
            let events = t.events().await;
            let result = review::act(t.store(*who), &claim, action).await;
            let now = review::get(&t.dana, &claim).await.unwrap();
            match (expect, result) {
                (To(state), Ok(review)) => {
                    assert_eq!(review.state, *state, "{from:?} --{name}--> {state:?}");
                    assert_eq!(now.state, *state, "{from:?} --{name}--> stored");
                }
                (To(state), Err(e)) => panic!("{from:?} --{name}--> {state:?} was refused: {e}"),
                (
                    Refused(words),
                    Err(
                        refused @ (StoreError::Invalid { .. }
                        | StoreError::NotAllowed(_)
                        | StoreError::Conflict(_)),
                    ),
                ) => {
                    let message = refused.to_string();
                    assert!(
                        message.contains(words),
                        "{from:?} --{name}: “{message}” should say “{words}”"
                    );
                    assert_eq!(
                        now.state, *from,
                        "{from:?} --{name}: a refused move changes nothing"
                    );
                    assert_eq!(
                        t.events().await,
                        events,
                        "{from:?} --{name}: a refused move writes no event"
                    );
                }
                (Refused(words), other) => {
                    panic!("{from:?} --{name}: expected a refusal saying “{words}”, got {other:?}")
                }
            }
        }
    }
}

#[tokio::test]
async fn approval_records_who_and_the_verdict_and_a_new_rating_reopens_by_itself() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Approved).await;
    let approved = review::get(&t.dana, &claim).await.unwrap();
    let verdict = approved.verdict.expect("the approved verdict");
    assert_eq!(verdict.rating, Rating::False);
    assert_eq!(verdict.proposed_by.id, t.dana_id);
    assert_eq!(verdict.approved_by.map(|u| u.id), Some(t.ali_id.clone()));
    // A new rating on an approved claim reopens it (recorded) and proposes.
    let after = review::act(
        &t.dana,
        &claim,
        &propose(Rating::Misleading, "Partly offered."),
    )
    .await
    .unwrap();
    assert_eq!(after.state, ReviewState::Proposed);
    assert_eq!(
        after.verdicts.len(),
        2,
        "the approved verdict stays in the record"
    );
    let entries = history::claim(&t.dana, &claim).await.unwrap();
    let reopen = entries
        .iter()
        .find(|e| e.action == "reopen")
        .expect("the reopening is its own event");
    assert!(
        reopen
            .summary
            .contains("Rating changed from False to Misleading"),
        "{}",
        reopen.summary
    );
}

#[tokio::test]
async fn editing_the_statement_or_condition_of_an_approved_claim_reopens_it_but_a_note_does_not() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Approved).await;
    let current = claims::get(&t.dana, &claim).await.unwrap();
    let mut fields = ClaimFields {
        statement: current.statement.clone(),
        claimant: current.claimant.clone(),
        condition: current.condition.clone(),
        note: Some("Checked with the ministry.".into()),
        tags: current.tags.clone(),
    };
    claims::update(&t.dana, &claim, &fields).await.unwrap();
    assert_eq!(
        review::get(&t.dana, &claim).await.unwrap().state,
        ReviewState::Approved,
        "a note is not the claim"
    );
    fields.condition = Some("if the guarantees are legally binding".into());
    claims::update(&t.dana, &claim, &fields).await.unwrap();
    let review = review::get(&t.dana, &claim).await.unwrap();
    assert_eq!(review.state, ReviewState::Reopened);
    assert_eq!(
        review.reopen_reason.as_deref(),
        Some("Condition edited after approval")
    );
    let entries = history::claim(&t.dana, &claim).await.unwrap();
    let last_two: Vec<&str> = entries[entries.len() - 2..]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        last_two,
        ["update", "reopen"],
        "the edit and its reopening, in one change"
    );
    assert_eq!(
        entries[entries.len() - 1].write_id,
        entries[entries.len() - 2].write_id
    );
}

#[tokio::test]
async fn evidence_items_of_every_kind_keep_who_and_when_and_bad_ones_are_refused() {
    let t = team().await;
    let claim = t.claim(P2).await;
    let appearance = claim.appearances[0].id.clone();
    let items = [
        (EvidenceKind::Url, "https://mfa.example/statement", None),
        (
            EvidenceKind::Article,
            t.article.as_str(),
            Some("The original report"),
        ),
        (EvidenceKind::Appearance, appearance.as_str(), None),
        (EvidenceKind::File, "/shared/desk/ministry-reply.pdf", None),
        (
            EvidenceKind::Note,
            "",
            Some("Called the ministry at 14:00; no such offer."),
        ),
    ];
    for (kind, target, note) in items {
        review::add_evidence(
            &t.ali,
            &claim.id,
            &EvidenceFields {
                kind,
                target: target.into(),
                note: note.map(Into::into),
            },
        )
        .await
        .unwrap();
    }
    let review = review::get(&t.dana, &claim.id).await.unwrap();
    assert_eq!(review.evidence.len(), 5);
    assert!(review
        .evidence
        .iter()
        .all(|e| e.added_by.id == t.ali_id && !e.added_at.is_empty()));
    assert_eq!(
        review.evidence[1].title.as_deref(),
        Some("Envoys meet in Berlin")
    );
    assert!(review.evidence[2]
        .title
        .as_deref()
        .unwrap()
        .contains("legally binding"));
    for (kind, target) in [
        (EvidenceKind::Url, "ftp://nowhere"),
        (EvidenceKind::Article, "no-such-article"),
        (EvidenceKind::Note, ""),
    ] {
        let refused = review::add_evidence(
            &t.ali,
            &claim.id,
            &EvidenceFields {
                kind,
                target: target.into(),
                note: None,
            },
        )
        .await;
        assert!(
            matches!(refused, Err(StoreError::Invalid { .. })),
            "{kind:?} {target}: {refused:?}"
        );
    }
    // An appearance cited by another claim's review is not deleted under it.
    let other = t.claim(P1).await;
    review::add_evidence(
        &t.dana,
        &other.id,
        &EvidenceFields {
            kind: EvidenceKind::Appearance,
            target: appearance.clone(),
            note: None,
        },
    )
    .await
    .unwrap();
    let refused = claims::delete(&t.dana, &claim.id).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("evidence")),
        "{refused:?}"
    );
    assert!(
        claims::get(&t.dana, &claim.id).await.is_ok(),
        "nothing was deleted"
    );
}

#[tokio::test]
async fn comments_thread_mention_users_and_only_their_author_changes_them() {
    let t = team().await;
    let claim = t.claim(P2).await.id;
    let root = comments::add(&t.dana, &claim, None, "@Ali Rahman can you check the date?")
        .await
        .unwrap();
    assert_eq!(
        root.mentions
            .iter()
            .map(|u| u.id.as_str())
            .collect::<Vec<_>>(),
        [t.ali_id.as_str()]
    );
    let reply = comments::add(&t.ali, &claim, Some(&root.id), "Checked: Sunday, @DO.")
        .await
        .unwrap();
    let nested = comments::add(&t.dana, &claim, Some(&reply.id), "Thanks.")
        .await
        .unwrap();
    assert_eq!(
        nested.parent_id.as_deref(),
        Some(root.id.as_str()),
        "a reply to a reply joins the thread"
    );
    let threads = comments::list(&t.dana, &claim).await.unwrap();
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].replies.len(), 2);
    assert_eq!(threads[0].replies[0].mentions[0].id, t.dana_id);
    let refused = comments::edit(&t.ali, &root.id, "rewritten by someone else").await;
    assert!(
        matches!(refused, Err(StoreError::NotAllowed(_))),
        "{refused:?}"
    );
    let refused = comments::delete(&t.dana, &root.id).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("replies")),
        "{refused:?}"
    );
    let edited = comments::edit(&t.dana, &root.id, "@Ali Rahman can you check the day?")
        .await
        .unwrap();
    assert!(edited.edited_at.is_some());
    comments::delete(&t.dana, &nested.id).await.unwrap();
    assert_eq!(
        comments::list(&t.dana, &claim).await.unwrap()[0]
            .replies
            .len(),
        1
    );
}

#[tokio::test]
async fn queues_count_and_list_claims_for_the_acting_user() {
    let t = team().await;
    let _fresh = t.claim(P1).await;
    let mine = claim_in(&t, ReviewState::InReview).await;
    let waiting = claim_in(&t, ReviewState::Proposed).await;
    let dana = review::queue_counts(&t.dana).await.unwrap();
    assert_eq!(
        (dana.assigned_to_me, dana.needs_approval, dana.unreviewed),
        (1, 1, 1)
    );
    let ali = review::queue_counts(&t.ali).await.unwrap();
    assert_eq!(ali.assigned_to_me, 0, "assigned to me is per user");
    let list = |queue| {
        let store = t.dana.clone();
        async move {
            claims::list(
                &store,
                &ClaimQuery {
                    queue: Some(queue),
                    ..ClaimQuery::default()
                },
            )
            .await
        }
    };
    assert_eq!(list(Queue::AssignedToMe).await.unwrap()[0].id, mine);
    let approval = list(Queue::NeedsApproval).await.unwrap();
    assert_eq!(approval[0].id, waiting);
    assert_eq!(approval[0].verdict.as_deref(), Some("false"));
    assert_eq!(approval[0].assignee.as_deref(), Some("Dana Okafor"));
    // An appearance that lost its place puts its claim in the re-anchoring queue.
    sqlx::query("UPDATE appearances SET anchor_state = 'orphaned' WHERE claim_id = ?")
        .bind(&mine)
        .execute(t.ws.store.pool())
        .await
        .unwrap();
    assert_eq!(
        review::queue_counts(&t.dana)
            .await
            .unwrap()
            .needs_reanchoring,
        1
    );
    // A reopened claim stays with its assignee; handed on and given back,
    // it is nobody's, so unreviewed again, and listed as such.
    let reopened = claim_in(&t, ReviewState::Reopened).await;
    let before = review::queue_counts(&t.dana).await.unwrap();
    assert_eq!((before.assigned_to_me, before.unreviewed), (2, 1));
    let assign_ali = ReviewAction::Assign {
        user: "Ali Rahman".into(),
    };
    review::act(&t.dana, &reopened, &assign_ali).await.unwrap();
    review::act(&t.ali, &reopened, &ReviewAction::Unassign)
        .await
        .unwrap();
    let now = review::get(&t.dana, &reopened).await.unwrap();
    assert_eq!(now.state, ReviewState::Reopened);
    assert!(now.assignee.is_none(), "{:?}", now.assignee);
    let after = review::queue_counts(&t.dana).await.unwrap();
    assert_eq!((after.assigned_to_me, after.unreviewed), (1, 2));
    let unreviewed: Vec<String> = list(Queue::Unreviewed)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(unreviewed.len(), 2);
    assert!(unreviewed.contains(&reopened));
}

#[tokio::test]
async fn history_tells_the_review_story_and_the_feed_filters_by_person_entity_and_day() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Reopened).await;
    let story: Vec<(String, String)> = history::claim(&t.dana, &claim)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.actor.name, e.summary))
        .collect();
    let expected = [
        ("Dana Okafor", "marked the claim"),
        ("Dana Okafor", "added an appearance"),
        ("Dana Okafor", "wrote the rationale for False"),
        ("Dana Okafor", "proposed the verdict False"),
        ("Ali Rahman", "approved False"),
        ("Ali Rahman", "approved the verdict"),
        (
            "Ali Rahman",
            "reopened the claim: A new statement contradicts it.",
        ),
    ];
    assert_eq!(story.len(), expected.len(), "{story:#?}");
    for ((name, summary), (want_name, want)) in story.iter().zip(expected) {
        assert_eq!(name, want_name);
        assert!(
            summary.starts_with(want),
            "“{summary}” should start “{want}”"
        );
    }
    let by_ali = history::activity(
        &t.dana,
        &ActivityQuery {
            user: Some("Ali".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!by_ali.is_empty() && by_ali.iter().all(|e| e.actor.id == t.ali_id));
    let verdicts = history::activity(
        &t.dana,
        &ActivityQuery {
            entity: Some("verdict".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(verdicts.len(), 2, "the proposal and its approval");
    let today = &by_ali[0].at[..10];
    let that_day = history::activity(
        &t.dana,
        &ActivityQuery {
            day: Some(today.into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(that_day.len() >= by_ali.len());
    let other_day = history::activity(
        &t.dana,
        &ActivityQuery {
            day: Some("2001-01-01".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(other_day.is_empty());
    let older = history::activity(
        &t.dana,
        &ActivityQuery {
            before_seq: Some(that_day[2].seq),
            limit: Some(2),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        older.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [that_day[3].seq, that_day[4].seq],
        "paging continues below before_seq"
    );
}

#[tokio::test]
async fn undo_writes_inverse_events_redo_puts_the_change_back_and_history_keeps_both() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Proposed).await;
    let before = t.events().await;
    let undone = undo::undo(&t.dana, None).await.unwrap();
    assert_eq!(undone.summary, "Proposed the verdict False");
    let review = review::get(&t.dana, &claim).await.unwrap();
    assert_eq!(review.state, ReviewState::Unreviewed);
    assert!(
        review.verdicts.is_empty(),
        "the proposal's verdict row is gone"
    );
    assert!(
        t.events().await > before,
        "undo added events and deleted none"
    );
    let entries = history::claim(&t.dana, &claim).await.unwrap();
    assert!(
        entries.last().unwrap().summary.starts_with("undid: "),
        "{:?}",
        entries.last()
    );
    assert!(verify(&t.ws.store).await.unwrap().ok);
    // Undo skips what was undone: next it is the claim's marking.
    let next = undo::recent(&t.dana).await.unwrap();
    assert!(next[0].summary.starts_with("Marked the claim"), "{next:?}");
    undo::redo(&t.dana).await.unwrap();
    let review = review::get(&t.dana, &claim).await.unwrap();
    assert_eq!(review.state, ReviewState::Proposed);
    assert_eq!(review.verdict.unwrap().rationale, "No such offer.");
    // Only your own changes, and not over someone else's later change.
    let refused = undo::undo(&t.ali, Some(&undone.write_id)).await;
    assert!(
        matches!(&refused, Err(StoreError::NotAllowed(m)) if m.contains("your own")),
        "{refused:?}"
    );
    review::act(&t.ali, &claim, &ReviewAction::Approve { verdict_id: None })
        .await
        .unwrap();
    let refused = undo::undo(&t.dana, None).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("changed after this")),
        "{refused:?}"
    );
    assert_eq!(
        review::get(&t.dana, &claim).await.unwrap().state,
        ReviewState::Approved,
        "a refused undo changes nothing"
    );
    assert!(verify(&t.ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn undoing_a_claims_deletion_brings_back_its_appearances_links_review_and_comments() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Approved).await;
    let other = t.claim(P1).await.id;
    links::create(
        &t.dana,
        &LinkFields {
            from_claim_id: claim.clone(),
            to_claim_id: other.clone(),
            relation: LinkRelation::Contradicts,
            note: None,
            related_at: None,
        },
    )
    .await
    .unwrap();
    let line = storylines::create(&t.dana, "Guarantees", None)
        .await
        .unwrap();
    storylines::add_claim(&t.dana, &line.id, &other)
        .await
        .unwrap();
    storylines::add_claim(&t.dana, &line.id, &claim)
        .await
        .unwrap();
    let root = comments::add(&t.ali, &claim, None, "Solid.").await.unwrap();
    comments::add(&t.dana, &claim, Some(&root.id), "Thanks.")
        .await
        .unwrap();
    review::add_evidence(
        &t.dana,
        &claim,
        &EvidenceFields {
            kind: EvidenceKind::Url,
            target: "https://mfa.example/x".into(),
            note: None,
        },
    )
    .await
    .unwrap();
    let snapshot = |id: String| {
        let store = t.dana.clone();
        async move {
            (
                claims::get(&store, &id).await.unwrap(),
                review::get(&store, &id).await.unwrap(),
                comments::list(&store, &id).await.unwrap(),
                links::for_claim(&store, &id).await.unwrap(),
            )
        }
    };
    let was = snapshot(claim.clone()).await;
    claims::delete(&t.dana, &claim).await.unwrap();
    assert!(claims::get(&t.dana, &claim).await.is_err());
    undo::undo(&t.dana, None).await.unwrap();
    let now = snapshot(claim.clone()).await;
    assert_eq!(now.0.statement, was.0.statement);
    assert_eq!(now.0.appearances.len(), was.0.appearances.len());
    assert_eq!(now.0.appearances[0].exact, was.0.appearances[0].exact);
    assert_eq!(now.1.state, ReviewState::Approved);
    assert_eq!(now.1.verdicts, was.1.verdicts);
    assert_eq!(now.1.evidence.len(), 1);
    assert_eq!(now.2, was.2, "both comments, threaded as before");
    assert_eq!(now.3.len(), 1, "the link is back");
    let line = storylines::get(&t.dana, &line.id).await.unwrap();
    assert_eq!(
        line.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        [other, claim],
        "its storyline place, in order"
    );
    assert!(verify(&t.ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn an_import_cannot_be_undone_and_undo_of_a_marked_claim_leaves_the_people_it_needed() {
    let t = team().await;
    // The article import was the workspace's (Dana's) first change.
    let entries = undo::recent(&t.ws.store).await.unwrap();
    let import = entries
        .iter()
        .find(|e| e.summary.starts_with("Imported"))
        .expect("the import is listed");
    // One event records the article and its first revision: the change is
    // named by the article's title, not by the outlet it also created.
    assert!(
        import.summary.starts_with("Imported “"),
        "{}",
        import.summary
    );
    assert_eq!(import.events, 2, "the outlet and the article");
    assert!(import
        .blocked
        .as_deref()
        .unwrap()
        .contains("Importing cannot be undone"));
    let refused = undo::undo(&t.ws.store, Some(&import.write_id)).await;
    assert!(
        matches!(refused, Err(StoreError::NotAllowed(_))),
        "{refused:?}"
    );
    let claim = t.claim(P2).await;
    undo::undo(&t.dana, None).await.unwrap();
    assert!(
        claims::get(&t.dana, &claim.id).await.is_err(),
        "marking undone removes the claim"
    );
    assert!(claimtrail::articles::show(&t.dana, &t.article, None)
        .await
        .is_ok());
}

/// Opens the workspace file without Claimtrail, as someone editing it by
/// hand would, with the append-only triggers out of the way.
async fn tamper(path: &std::path::Path, sql: &[&str]) {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .foreign_keys(false)
        .connect()
        .await
        .unwrap();
    for statement in [
        "DROP TRIGGER IF EXISTS audit_events_no_update",
        "DROP TRIGGER IF EXISTS audit_events_no_delete",
    ]
    .iter()
    .chain(sql)
    {
        sqlx::query(sqlx::AssertSqlSafe(*statement))
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();
}

async fn verified_after(path: &std::path::Path) -> claimtrail::model::AuditCheck {
    let store = Store::open(path).await.unwrap();
    let check = verify(&store).await.unwrap();
    store.close().await;
    check
}

#[tokio::test]
async fn audit_verify_finds_an_edited_a_deleted_and_a_removed_newest_event() {
    for case in ["edit", "delete", "newest", "bytes"] {
        let t = team().await;
        let claim = claim_in(&t, ReviewState::Approved).await;
        let path = t.ws.store.path().to_path_buf();
        let check = verify(&t.ws.store).await.unwrap();
        assert!(check.ok, "a fresh log verifies: {check:?}");
        let events = check.events as i64;
        let proposal: i64 = sqlx::query_scalar(
            "SELECT seq FROM audit_events WHERE entity = 'verdict' AND action = 'create'",
        )
        .fetch_one(t.ws.store.pool())
        .await
        .unwrap();
        t.ws.store.clone().close().await;
        match case {
            "edit" => {
                let forged = format!(
                    "UPDATE audit_events SET actor_id = '{}' WHERE seq = {proposal}",
                    t.ali_id
                );
                tamper(&path, &[&forged]).await;
                let check = verified_after(&path).await;
                let broken = check.broken.expect("an edited event is found");
                assert_eq!(broken.seq, proposal);
                assert!(broken.problem.contains("edited"), "{}", broken.problem);
            }
            "delete" => {
                tamper(
                    &path,
                    &[&format!("DELETE FROM audit_events WHERE seq = {proposal}")],
                )
                .await;
                let broken = verified_after(&path)
                    .await
                    .broken
                    .expect("a deleted event is found");
                assert_eq!(
                    broken.seq,
                    proposal + 1,
                    "reported at the event after the gap"
                );
                assert!(
                    broken
                        .problem
                        .contains(&format!("event {proposal} is missing")),
                    "{}",
                    broken.problem
                );
            }
            "newest" => {
                tamper(
                    &path,
                    &[&format!("DELETE FROM audit_events WHERE seq = {events}")],
                )
                .await;
                let broken = verified_after(&path)
                    .await
                    .broken
                    .expect("a removed newest event is found");
                assert!(
                    broken.problem.contains("newest event"),
                    "{}",
                    broken.problem
                );
            }
            _ => {
                // Change the rationale's bytes in the file itself, keeping its length.
                let mut bytes = std::fs::read(&path).unwrap();
                let needle = b"No such offer.";
                let mut changed = 0;
                let mut i = 0;
                while i + needle.len() <= bytes.len() {
                    if &bytes[i..i + needle.len()] == needle {
                        bytes[i..i + needle.len()].copy_from_slice(b"A real  offer.");
                        changed += 1;
                    }
                    i += 1;
                }
                assert!(
                    changed >= 2,
                    "the rationale is in the verdict row and in its events"
                );
                std::fs::write(&path, bytes).unwrap();
                let check = verified_after(&path).await;
                let broken = check.broken.expect("edited bytes are found");
                assert!(
                    broken.seq <= proposal + 2,
                    "at the first event whose text changed: {broken:?}"
                );
            }
        }
        let _ = claim;
    }
}

#[tokio::test]
async fn events_written_before_the_chain_are_sealed_by_the_open_that_adds_it_and_never_again() {
    use sqlx::{ConnectOptions, Connection};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // A workspace of the schema before the chain, with events in its log.
    let mut before_chain = sqlx::migrate!();
    before_chain.migrations = before_chain
        .migrations
        .iter()
        .filter(|m| m.version < 20261128000000)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    before_chain.run(&mut conn).await.unwrap();
    for statement in [
        "INSERT INTO users (id, name, initials, color, created_at) VALUES ('u1', 'Dana', 'D', '#3b6ea5', '2025-12-01T10:00:00+01:00')",
        "INSERT INTO audit_events (id, actor_id, at, entity, entity_id, action, before, after) VALUES ('e1', 'u1', '2025-12-01T10:00:00+01:00', 'user', 'u1', 'create', NULL, '{\"name\":\"Dana\"}')",
        "INSERT INTO audit_events (id, actor_id, at, entity, entity_id, action, before, after) VALUES ('e2', 'u1', '2025-12-01T10:05:00+01:00', 'claim', 'c1', 'create', NULL, '{\"statement\":\"x\"}')",
    ] {
        sqlx::query(statement).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
    let check = verified_after(&path).await;
    assert!(check.ok, "the old events are sealed in order: {check:?}");
    assert_eq!(check.events, 2);
    let store = Store::open(&path).await.unwrap();
    let history = history::claim(&store, "c1").await.unwrap();
    assert_eq!(
        history.len(),
        1,
        "old claim events are in the claim's history"
    );
    // A new event chains to the sealed ones, written compactly: its hash
    // as 32 bytes and no copy of the one before (that is the old event's).
    users::add(&store, "Ali Rahman", None, None).await.unwrap();
    let check = verify(&store).await.unwrap();
    assert!(check.ok, "old and compact events chain: {check:?}");
    assert_eq!(check.events, 3);
    let forms: Vec<(String, Option<i64>, bool)> = sqlx::query_as(
        "SELECT typeof(hash), length(hash), prev_hash IS NULL FROM audit_events ORDER BY seq",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(
        forms,
        [
            ("text".to_owned(), Some(64), false),
            ("text".to_owned(), Some(64), false),
            ("blob".to_owned(), Some(32), true),
        ]
    );
    store.close().await;
    // Hashes stripped later are a break, not old history to seal again.
    tamper(
        &path,
        &["UPDATE audit_events SET hash = NULL, prev_hash = NULL"],
    )
    .await;
    let check = verified_after(&path).await;
    assert!(!check.ok);
    assert_eq!(check.broken.unwrap().seq, 1);
}

#[tokio::test]
async fn users_are_named_once_and_writes_are_attributed_to_who_acts() {
    let t = team().await;
    let refused = users::add(&t.ws.store, "dana okafor", None, None).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "names are unique, any case"
    );
    assert_eq!(
        users::resolve(&t.ws.store, "ali").await.unwrap(),
        t.ali_id,
        "a first name that fits one user"
    );
    assert_eq!(
        users::resolve(&t.ws.store, "AR").await.unwrap(),
        t.ali_id,
        "initials"
    );
    assert!(users::resolve(&t.ws.store, "Nobody").await.is_err());
    let active = users::active_user(&t.ws.store).await.unwrap().unwrap();
    assert_eq!(active.id, t.dana_id, "the first user is the active one");
    let claim = t.claim(P2).await.id;
    comments::add(&t.ali, &claim, None, "As Ali.")
        .await
        .unwrap();
    let last = history::activity(
        &t.ws.store,
        &ActivityQuery {
            limit: Some(1),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(last[0].actor.id, t.ali_id);
    users::set_active(&t.ws.store, "Ali Rahman").await.unwrap();
    assert_eq!(
        users::active_user(&t.ws.store).await.unwrap().unwrap().id,
        t.ali_id
    );
    let counts = review::queue_counts(&t.ws.store).await.unwrap();
    assert_eq!(counts.unreviewed, 1, "the active user's view");
}

#[tokio::test]
async fn a_name_learnt_for_a_person_is_undone_and_redone_with_its_change() {
    let t = team().await;
    let claim = t.claim(P2).await;
    let person = claim.claimant_id.clone().unwrap();
    claimtrail::persons::add_alias(&t.dana, &person, "the Ukrainian president")
        .await
        .unwrap();
    let names = |store: Store| {
        let person = person.clone();
        async move {
            claimtrail::persons::get(&store, &person)
                .await
                .unwrap()
                .aliases
        }
    };
    assert!(names(t.dana.clone())
        .await
        .contains(&"the Ukrainian president".to_owned()));
    let entries = undo::recent(&t.dana).await.unwrap();
    assert!(entries[0].blocked.is_none(), "{entries:?}");
    undo::undo(&t.dana, None).await.unwrap();
    assert!(!names(t.dana.clone())
        .await
        .contains(&"the Ukrainian president".to_owned()));
    undo::redo(&t.dana).await.unwrap();
    assert!(names(t.dana.clone())
        .await
        .contains(&"the Ukrainian president".to_owned()));
    assert!(verify(&t.ws.store).await.unwrap().ok);
}

#[tokio::test]
async fn the_newest_verdict_is_the_last_proposed_whatever_the_clocks_offsets_say() {
    let t = team().await;
    let claim = claim_in(&t, ReviewState::Reopened).await;
    // Ali was in a later timezone when Dana's verdict was written; his
    // later proposal carries an earlier-looking local time.
    sqlx::query("UPDATE verdicts SET proposed_at = '2030-01-01T09:00:00+14:00' WHERE claim_id = ?")
        .bind(&claim)
        .execute(t.ws.store.pool())
        .await
        .unwrap();
    review::act(&t.ali, &claim, &ReviewAction::Assign { user: "Ali".into() })
        .await
        .unwrap();
    let proposed = review::act(&t.ali, &claim, &propose(Rating::True, "It was offered."))
        .await
        .unwrap();
    assert_eq!(
        proposed.verdict.as_ref().unwrap().rating,
        Rating::True,
        "the newest is Ali's"
    );
    let refused = review::act(&t.ali, &claim, &ReviewAction::Approve { verdict_id: None }).await;
    assert!(
        matches!(&refused, Err(StoreError::NotAllowed(m)) if m.contains("You proposed")),
        "{refused:?}"
    );
    // Approving names the verdict read; a newer proposal is not approved unseen.
    let read = proposed.verdict.unwrap().id;
    review::act(
        &t.ali,
        &claim,
        &propose(Rating::MostlyTrue, "Offered, with conditions."),
    )
    .await
    .unwrap();
    let stale = review::act(
        &t.dana,
        &claim,
        &ReviewAction::Approve {
            verdict_id: Some(read),
        },
    )
    .await;
    assert!(
        matches!(&stale, Err(StoreError::Conflict(m)) if m.contains("changed while you were reading")),
        "{stale:?}"
    );
    let approved = review::act(&t.dana, &claim, &ReviewAction::Approve { verdict_id: None })
        .await
        .unwrap();
    assert_eq!(approved.verdict.unwrap().rating, Rating::MostlyTrue);
}

#[tokio::test]
async fn redo_walks_back_through_each_undo_and_never_flips() {
    let t = team().await;
    let claim = t.claim(P2).await.id;
    comments::add(&t.dana, &claim, None, "first").await.unwrap();
    comments::add(&t.dana, &claim, None, "second")
        .await
        .unwrap();
    let bodies = || {
        let store = t.dana.clone();
        let claim = claim.clone();
        async move {
            comments::list(&store, &claim)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.body)
                .collect::<Vec<_>>()
        }
    };
    undo::undo(&t.dana, None).await.unwrap();
    undo::undo(&t.dana, None).await.unwrap();
    assert!(bodies().await.is_empty());
    undo::redo(&t.dana).await.unwrap();
    assert_eq!(bodies().await, ["first"]);
    undo::redo(&t.dana).await.unwrap();
    assert_eq!(bodies().await, ["first", "second"]);
    assert!(undo::redo(&t.dana).await.is_err(), "nothing left to redo");
    assert_eq!(bodies().await, ["first", "second"]);
}

#[tokio::test]
async fn undoing_an_edit_under_an_approved_verdict_reopens_it() {
    let t = team().await;
    let claim = t.claim(P2).await;
    let mut fields = ClaimFields {
        statement: "Ukraine would trade its NATO bid for guarantees".into(),
        claimant: claim.claimant.clone(),
        ..ClaimFields::default()
    };
    claims::update(&t.dana, &claim.id, &fields).await.unwrap();
    review::act(
        &t.dana,
        &claim.id,
        &propose(Rating::Mixed, "Depends on the guarantees."),
    )
    .await
    .unwrap();
    review::act(
        &t.ali,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    let edit = undo::recent(&t.dana)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.summary.starts_with("Edited the statement"))
        .unwrap();
    undo::undo(&t.dana, Some(&edit.write_id)).await.unwrap();
    let review = review::get(&t.dana, &claim.id).await.unwrap();
    assert_eq!(
        review.state,
        ReviewState::Reopened,
        "the approved words changed"
    );
    assert_eq!(claims::get(&t.dana, &claim.id).await.unwrap().statement, P2);
    // Undoing an edit that itself reopened the claim restores approval.
    fields.statement = P2.to_owned();
    review::act(
        &t.dana,
        &claim.id,
        &propose(Rating::Mixed, "Depends on the guarantees."),
    )
    .await
    .unwrap();
    review::act(
        &t.ali,
        &claim.id,
        &ReviewAction::Approve { verdict_id: None },
    )
    .await
    .unwrap();
    fields.statement = "Something else".into();
    claims::update(&t.dana, &claim.id, &fields).await.unwrap();
    assert_eq!(
        review::get(&t.dana, &claim.id).await.unwrap().state,
        ReviewState::Reopened
    );
    undo::undo(&t.dana, None).await.unwrap();
    assert_eq!(
        review::get(&t.dana, &claim.id).await.unwrap().state,
        ReviewState::Approved
    );
}

#[tokio::test]
async fn undo_refuses_what_later_changes_depend_on_in_words_a_person_can_act_on() {
    let t = team().await;
    let claim = t.claim(P2).await.id;
    let item = review::add_evidence(
        &t.dana,
        &claim,
        &EvidenceFields {
            kind: EvidenceKind::Note,
            target: "Called the ministry.".into(),
            note: None,
        },
    )
    .await
    .unwrap();
    review::remove_evidence(&t.dana, &item.id).await.unwrap();
    let removal = undo::recent(&t.dana).await.unwrap()[0].write_id.clone();
    claims::delete(&t.dana, &claim).await.unwrap();
    let refused = undo::undo(&t.dana, Some(&removal)).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("Undo that deletion first")),
        "{refused:?}"
    );
    // A claim someone took into review since is not removed by undoing its marking.
    let claim = t.claim(P1).await.id;
    let marking = undo::recent(&t.dana).await.unwrap()[0].write_id.clone();
    review::act(&t.ali, &claim, &ReviewAction::Assign { user: "Ali".into() })
        .await
        .unwrap();
    let refused = undo::undo(&t.dana, Some(&marking)).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    assert!(claims::get(&t.dana, &claim).await.is_ok());
}

#[tokio::test]
async fn a_confidently_moved_appearance_is_not_in_the_reanchoring_queue_and_names_must_fit_one_user(
) {
    let t = team().await;
    let claim = t.claim(P2).await.id;
    for (state, count) in [("moved", 0), ("needs_review", 1), ("orphaned", 1)] {
        sqlx::query("UPDATE appearances SET anchor_state = ? WHERE claim_id = ?")
            .bind(state)
            .bind(&claim)
            .execute(t.ws.store.pool())
            .await
            .unwrap();
        assert_eq!(
            review::queue_counts(&t.dana)
                .await
                .unwrap()
                .needs_reanchoring,
            count,
            "{state}"
        );
    }
    users::add(&t.ws.store, "Ali Khan", None, None)
        .await
        .unwrap();
    let refused = users::resolve(&t.ws.store, "ali").await;
    assert!(
        matches!(&refused, Err(e @ StoreError::Invalid { .. }) if e.to_string().contains("Ali Rahman or Ali Khan") || e.to_string().contains("Ali Khan or Ali Rahman")),
        "{refused:?}"
    );
    let refused = users::resolve(&t.ws.store, "AK").await;
    assert!(refused.is_ok(), "initials that fit one user");
}
