//! `review::transition`, the whole review state machine, as a table: every
//! state × every move × the two actors who matter (Ana, who holds the
//! claim and proposed its verdict, and Ben, anyone else).

use claimtrail::model::{Rating, ReviewAction, ReviewState};
use claimtrail::review::{transition, Current};
use claimtrail::store::StoreError;

use ReviewState::*;

fn claim_in(state: ReviewState) -> Current {
    let held = state != Unreviewed;
    let judged = matches!(state, Proposed | Approved);
    Current {
        state,
        assignee: held.then(|| "ana".to_owned()),
        proposer: judged.then(|| "ana".to_owned()),
        verdict: judged.then(|| (Rating::MostlyTrue, "sourced".to_owned())),
        verdict_id: judged.then(|| "v1".to_owned()),
        reopen_reason: (state == Reopened).then(|| "new evidence".to_owned()),
    }
}

fn moves() -> [(&'static str, ReviewAction); 5] {
    [
        ("assign", ReviewAction::Assign { user: "ben".into() }),
        ("unassign", ReviewAction::Unassign),
        (
            "propose",
            ReviewAction::Propose {
                rating: Rating::False,
                rationale: "the figures say otherwise".into(),
            },
        ),
        ("approve", ReviewAction::Approve { verdict_id: None }),
        (
            "reopen",
            ReviewAction::Reopen {
                reason: "a new source".into(),
            },
        ),
    ]
}

/// Where each move leads, for Ana and for Ben; None: refused.
fn expected(state: ReviewState, action: &str) -> (Option<ReviewState>, Option<ReviewState>) {
    let both = |s: Option<ReviewState>| (s, s);
    match (state, action) {
        // Anyone may hand out a claim nobody has judged yet.
        (Unreviewed | InReview | Reopened, "assign") => both(Some(InReview)),
        (Proposed | Approved, "assign") => both(None),
        (InReview, "unassign") => both(Some(Unreviewed)),
        (_, "unassign") => both(None),
        // Proposing is for the claim's reviewer (or anyone while nobody
        // holds it); a new rating on an approved claim reopens it first.
        (Unreviewed | Approved, "propose") => both(Some(Proposed)),
        (InReview | Reopened | Proposed, "propose") => (Some(Proposed), None),
        // Four eyes: the proposer never approves their own verdict.
        (Proposed, "approve") => (None, Some(Approved)),
        (_, "approve") => both(None),
        (Proposed | Approved, "reopen") => both(Some(Reopened)),
        (_, "reopen") => both(None),
        other => panic!("no expectation for {other:?}"),
    }
}

#[test]
fn every_state_move_and_actor() {
    let names = |id: &str| id.to_owned();
    let mut checked = 0;
    for state in ReviewState::ALL {
        let current = claim_in(state);
        for (name, action) in moves() {
            let (for_ana, for_ben) = expected(state, name);
            for (actor, want) in [("ana", for_ana), ("ben", for_ben)] {
                let got = transition(&current, actor, &action, &names);
                assert_eq!(
                    got.as_ref().ok().map(|n| n.state),
                    want,
                    "{name} by {actor} on a claim {state:?}: {got:?}"
                );
                if let Err(refused) = got {
                    // Every refusal in the table is about who asks or
                    // where the claim stands, not about the input.
                    assert!(
                        matches!(refused, StoreError::NotAllowed(_)),
                        "{name} by {actor} on {state:?}: {refused:?}"
                    );
                    let why = refused.to_string();
                    assert!(
                        why.ends_with('.') && why.len() > 20,
                        "a refusal says why in a sentence: {why}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5 * 5 * 2, "every combination was checked");
}

#[test]
fn a_new_rating_on_an_approved_claim_reopens_it_first_and_keeps_the_proposer_as_reviewer() {
    let current = claim_in(Approved);
    let (_, propose) = moves()[2].clone();
    let next = transition(&current, "ben", &propose, &|id| id.to_owned()).expect("allowed");
    assert_eq!(
        next.reopens_first.as_deref(),
        Some("Rating changed from Mostly true to False")
    );
    assert_eq!(
        next.assignee.as_deref(),
        Some("ben"),
        "the proposer becomes the reviewer"
    );
}

#[test]
fn the_input_and_a_stale_proposal_are_refused_with_their_own_kinds() {
    let names = |id: &str| id.to_owned();
    let no_rationale = ReviewAction::Propose {
        rating: Rating::False,
        rationale: "  ".into(),
    };
    let refused = transition(&claim_in(InReview), "ana", &no_rationale, &names);
    assert!(
        matches!(
            refused,
            Err(StoreError::Invalid {
                field: Some("rationale"),
                ..
            })
        ),
        "{refused:?}"
    );
    let no_reason = ReviewAction::Reopen { reason: "".into() };
    let refused = transition(&claim_in(Approved), "ben", &no_reason, &names);
    assert!(
        matches!(
            refused,
            Err(StoreError::Invalid {
                field: Some("reason"),
                ..
            })
        ),
        "{refused:?}"
    );
    let stale = ReviewAction::Approve {
        verdict_id: Some("v0".into()),
    };
    let refused = transition(&claim_in(Proposed), "ben", &stale, &names);
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "approving a proposal replaced since is a conflict: {refused:?}"
    );
}

#[test]
fn unassigning_a_reopened_claim_in_review_sends_it_back_to_reopened() {
    let current = Current {
        reopen_reason: Some("new evidence".into()),
        ..claim_in(InReview)
    };
    let next = transition(&current, "ben", &ReviewAction::Unassign, &|id| {
        id.to_owned()
    })
    .expect("allowed");
    assert_eq!(
        next.state, Reopened,
        "the reason it was reopened still stands"
    );
    assert_eq!(next.assignee, None);
}
