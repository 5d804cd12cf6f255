//! The main crate's parsers of untrusted input, on arbitrary input: search
//! text (whatever is typed must become a query SQLite's full-text index
//! accepts), annotation files and bundle files (refused with a reason,
//! never a panic, nothing written). The text crate's parsers are fuzzed
//! with libFuzzer (`fuzz/`); these need a workspace, so they are property
//! tests with many cases.

use crate::common;

use claimtrail::model::SearchQuery;
use claimtrail::store::verify;
use proptest::prelude::*;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Text with the characters a search's syntax gives meaning to.
fn typed() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Zа-яё0-9 \"*():^+\\-'.,ʼ’«»#@\\\\]{0,30}").unwrap()
}

#[test]
fn whatever_is_typed_in_search_is_a_query_the_index_accepts() {
    let rt = runtime();
    let ws = rt.block_on(async {
        let ws = common::workspace().await;
        let text = std::fs::read(common::ani_fixture()).unwrap();
        common::import_file(&ws.store, "a.txt", &text).await;
        ws
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(1000));
    runner
        .run(&typed(), |text| {
            let query = SearchQuery {
                text: text.clone(),
                ..SearchQuery::default()
            };
            let found = rt.block_on(claimtrail::search::search(&ws.store, &query));
            prop_assert!(found.is_ok(), "{text:?}: {found:?}");
            Ok(())
        })
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_as_an_annotation_file_are_answered_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), json in "[\\[\\]{}\":,a-z0-9 ]{0,200}") {
        let rt = runtime();
        rt.block_on(async {
            let ws = common::workspace().await;
            let _ = claimtrail::annotation_import::import(&ws.store, &bytes).await;
            let _ = claimtrail::annotation_import::import(&ws.store, json.as_bytes()).await;
            prop_assert!(verify(&ws.store).await.unwrap().ok);
            Ok(())
        })?;
    }

    #[test]
    fn any_bytes_as_a_bundle_are_refused_with_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let rt = runtime();
        rt.block_on(async {
            let ws = common::workspace().await;
            let path = ws.dir.path().join("x.ctbundle");
            std::fs::write(&path, &bytes).unwrap();
            let before = verify(&ws.store).await.unwrap().events;
            let refused = claimtrail::bundle::import(&ws.store, &path).await;
            prop_assert!(refused.is_err());
            prop_assert_eq!(verify(&ws.store).await.unwrap().events, before);
            Ok(())
        })?;
    }
}
