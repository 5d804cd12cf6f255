//! The example workspace: made from the repository's files into a new file,
//! it holds every part a new user is to try, and its history checks out.

use crate::common::cli;

use claimtrail::model::ReviewState;
use claimtrail::store::{users, verify};
use claimtrail::{articles, claims, example, links, review, storylines, suggestions};

#[tokio::test]
async fn the_example_workspace_holds_something_of_every_part_to_try() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.db");
    let store = example::create(&path).await.unwrap();

    let library = articles::list(&store, &Default::default()).await.unwrap();
    let outlets: Vec<&str> = library.iter().filter_map(|a| a.outlet.as_deref()).collect();
    assert_eq!(library.len(), 3);
    for outlet in ["ANI", "The Harbour Gazette", "Nordwind Post"] {
        assert!(outlets.contains(&outlet), "{outlet} in {outlets:?}");
    }

    let all = claims::list(&store, &Default::default()).await.unwrap();
    assert_eq!(all.len(), 3);
    let followed = all
        .iter()
        .find(|c| c.appearances.len() == 3)
        .expect("a claim followed across the three outlets, for its timeline");
    let articles_of: std::collections::HashSet<&str> = followed
        .appearances
        .iter()
        .map(|a| a.article_id.as_str())
        .collect();
    assert_eq!(articles_of.len(), 3);

    let proposed: Vec<_> = {
        let mut found = Vec::new();
        for c in &all {
            if review::get(&store, &c.id).await.unwrap().state == ReviewState::Proposed {
                found.push(c.id.clone());
            }
        }
        found
    };
    assert_eq!(proposed.len(), 1, "one verdict waits for the editor");
    let editor = users::resolve(&store, example::EDITOR).await.unwrap();
    let counts = review::queue_counts(&store.acting_as(&editor))
        .await
        .unwrap();
    assert_eq!(counts.needs_approval, 1, "the editor sees it to approve");

    let linked: usize = {
        let mut n = 0;
        for c in &all {
            n += links::for_claim(&store, &c.id).await.unwrap().len();
        }
        n
    };
    assert!(linked >= 1, "a link between claims");
    let lines = storylines::list(&store).await.unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].claim_ids.len(), 3);

    let harbour = library
        .iter()
        .find(|a| a.outlet.as_deref() == Some("The Harbour Gazette"))
        .unwrap();
    let offered = suggestions::for_article(&store, &harbour.id).await.unwrap();
    assert!(
        offered
            .iter()
            .any(|s| s.speaker.as_deref() == Some("Lena Vogt")),
        "an unmarked quote for Suggestions to offer: {offered:?}"
    );
    assert!(verify(&store).await.unwrap().ok);
    store.close().await;

    let again = example::create(&path).await.unwrap_err().to_string();
    assert!(again.contains("exists already"), "{again}");
}

#[test]
fn the_command_line_makes_it_in_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("try.db");
    let out = cli::claimtrail(&path, &["example", path.to_str().unwrap()]);
    assert!(cli::ok(&out).contains("Made the example workspace"));
    let listed = cli::ok_json(&cli::claimtrail(&path, &["articles", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 3);
}
