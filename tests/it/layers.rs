//! The layering of both library crates, checked: each module may use only
//! modules below it in [`ORDER`] (and in [`TEXT_ORDER`] for the text
//! crate), so the modules form no cycle and a reader can learn them bottom
//! up (ARCHITECTURE.md, "Layers"). The test reads the `crate::` paths of
//! every file under each `src/` (the CLI, `main.rs` and `cli/`, sits above
//! everything and is not checked).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The modules bottom up. A module uses only those before it.
const ORDER: &[&str] = &[
    // The vocabulary: types everything shares (the text crate's are
    // below all of these).
    "model",
    "change",
    "logging",
    // The sentence-embedding model (reads its file, runs on the CPU).
    "semantic",
    // The workspace file and its one write path.
    "store",
    // Entities, each owning its rows and writes.
    "outlets",
    "persons",
    "review",
    "claims",
    "articles",
    // Corrections are laid over articles' revisions.
    "corrections",
    "links",
    "storylines",
    "comments",
    "saved_searches",
    // Workflows over many entities.
    "history",
    "search",
    // The statements' vectors (matching by meaning).
    "meaning",
    "matches",
    "timeline",
    "export",
    "merge",
    // Undo reverses a bundle merge through `unmerge`.
    "unmerge",
    "undo",
    "bundle",
    "hub",
    "suggestions",
    // Tracked claims found again in what an import brings (matches).
    "reappearances",
    "annotation_import",
    "import",
    "workspace",
    // The example workspace, made through the entities' own writes.
    "example",
    "bench",
];

/// Upward uses still to be removed, each with the reason it exists. The
/// list only shrinks: an entry that no longer occurs fails the test too,
/// so it is taken off when its use goes.
const KNOWN_UPWARD: &[(&str, &str, &str)] = &[];

/// The text crate's modules bottom up.
const TEXT_ORDER: &[&str] = &["model", "timestamp", "diff", "anchor", "parse", "suggest"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The module a file belongs to, as named in [`ORDER`].
fn unit_of(relative: &str) -> Option<String> {
    if relative == "main.rs" || relative == "lib.rs" || relative.starts_with("cli/") {
        return None;
    }
    let first = relative.split('/').next()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The modules a file's code names through `crate::` (comments skipped),
/// groups included however rustfmt spreads them over lines and nests them.
fn uses(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let names: Vec<String> = match rest.strip_prefix('{') {
            Some(group) => top_level_items(group),
            None => vec![rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect()],
        };
        for name in names {
            let first = name.split("::").next().unwrap_or("").trim().to_owned();
            if !first.is_empty() && first != "self" {
                found.insert(first);
            }
        }
    }
    found
}

/// The items of a `{…}` group (the text after its `{`), split at its own
/// commas only: `store::{rows, Write}, claims` is two items.
fn top_level_items(group: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut depth = 0;
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(String::new());
                continue;
            }
            _ => {}
        }
        items.last_mut().expect("one item at least").push(c);
    }
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

/// The uses of a module above it, as (user, used, file).
fn upward_uses(crate_root: &str, order: &[&str]) -> BTreeSet<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(crate_root)
        .join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank = |unit: &str| order.iter().position(|u| *u == unit);
    let mut upward = BTreeSet::new();
    for file in &files {
        let relative = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(unit) = unit_of(&relative) else {
            continue;
        };
        let from = rank(&unit).unwrap_or_else(|| {
            panic!("{crate_root}src/{relative}: the module `{unit}` has no place in the order; add it at its layer")
        });
        let code = std::fs::read_to_string(file).expect("the file reads");
        for used in uses(&code) {
            if used == unit {
                continue;
            }
            // Names that are not modules (macros, the crate's root items).
            let Some(to) = rank(&used) else { continue };
            if to > from {
                upward.insert((unit.clone(), used, relative.clone()));
            }
        }
    }
    upward
}

#[test]
fn lower_modules_never_use_higher_ones() {
    let upward = upward_uses("", ORDER);
    let new: Vec<_> = upward
        .iter()
        .filter(|(from, to, _)| !KNOWN_UPWARD.iter().any(|(f, t, _)| f == from && t == to))
        .collect();
    assert!(
        new.is_empty(),
        "lower modules use higher ones (move the code down, or depend on a declaration): {new:#?}"
    );
    for (from, to, why) in KNOWN_UPWARD {
        assert!(
            upward.iter().any(|(f, t, _)| f == from && t == to),
            "{from} no longer uses {to} ({why}): take it off KNOWN_UPWARD"
        );
    }
}

#[test]
fn the_text_crate_is_layered_too() {
    let upward = upward_uses("crates/claimtrail-text/", TEXT_ORDER);
    assert!(
        upward.is_empty(),
        "text modules use higher ones: {upward:#?}"
    );
}

#[test]
fn uses_are_read_from_paths_and_groups() {
    let code = "use crate::store::{rows, Write};\nuse crate::{\n    claims,\n    review,\n};\n\
                use crate::{model::{A, B}, links};\n\
                // crate::bundle in a comment\nlet x = crate::import::pipeline::run();";
    let found: Vec<String> = uses(code).into_iter().collect();
    assert_eq!(
        found,
        ["claims", "import", "links", "model", "review", "store"],
        "groups over several lines and nested groups are read"
    );
}
