//! The IPC surface is written in five places that must agree: the
//! `generate_handler!` list, the permission per command in `build.rs`, the
//! window's capability, the UI's one typed module (`ui/src/lib/api.ts`)
//! and the UI tests' fake shell; `build.rs` also writes a permission file
//! per command, which it never deletes. This test reads them all and fails
//! on any disagreement, and on a command the app never calls.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative} reads: {e}"))
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("{open} is there")) + open.len();
    let end = text[start..].find(close).expect("the list ends") + start;
    &text[start..end]
}

/// Quoted strings of a list, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn handlers() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    between(&lib, "generate_handler![", "]")
        .split(',')
        .map(|p| p.trim().rsplit("::").next().unwrap_or("").to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

fn permissions() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    quoted(between(&build, ".commands(&[", "])"))
        .into_iter()
        .collect()
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).expect("JSON");
    json["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

/// The commands `api.ts` calls, with the exported function calling each.
fn api_calls() -> Vec<(String, String)> {
    let api = read("ui/src/lib/api.ts");
    let mut found = Vec::new();
    let mut function = String::new();
    for line in api.lines() {
        if let Some(rest) = line.strip_prefix("export function ") {
            function = rest.split(['(', '<']).next().unwrap_or("").to_owned();
        } else if let Some(rest) = line.strip_prefix("export async function ") {
            function = rest.split(['(', '<']).next().unwrap_or("").to_owned();
        }
        let mut rest = line;
        while let Some(at) = rest.find("call(\"") {
            rest = &rest[at + 6..];
            let name = rest.split('"').next().unwrap_or("").to_owned();
            found.push((name, function.clone()));
        }
    }
    found
}

/// Handler names of the UI tests' fake shell: `name: (args) =>` entries.
fn mock_commands() -> BTreeSet<String> {
    let mock = read("ui/src/tests/backend.ts");
    let defaults = between(
        &mock,
        "const defaults: Record<string, Handler> = {",
        "\n  };",
    );
    defaults
        .lines()
        .filter_map(|line| {
            let (key, value) = line.trim().split_once(':')?;
            let value = value.trim_start();
            let handler = value.starts_with('(') || value.starts_with("async (");
            let key_is_name = key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            (handler && key_is_name).then(|| key.to_owned())
        })
        .collect()
}

/// Every `.ts`/`.svelte` file of the app (tests and the API module aside).
fn app_sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("ui/src reads") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                if name != "bindings" && name != "tests" {
                    walk(&path, out);
                }
            } else if (name.ends_with(".ts") || name.ends_with(".svelte"))
                && !name.contains(".test.")
                && name != "api.ts"
            {
                out.push_str(&std::fs::read_to_string(&path).expect("reads"));
            }
        }
    }
    let mut all = String::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
        &mut all,
    );
    all
}

#[test]
fn the_five_places_name_the_same_commands() {
    let handlers = handlers();
    assert!(
        handlers.len() > 50,
        "the handler list was read: {handlers:?}"
    );
    assert_eq!(
        permissions(),
        handlers,
        "build.rs makes a permission for exactly the registered commands"
    );
    assert_eq!(
        capability(),
        handlers,
        "the window's capability allows exactly the registered commands"
    );
    let called: BTreeSet<String> = api_calls().into_iter().map(|(c, _)| c).collect();
    assert_eq!(
        called, handlers,
        "ui/src/lib/api.ts calls exactly the registered commands (remove a command the app does not use)"
    );
    let generated: BTreeSet<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("permissions/autogenerated"))
            .expect("the generated permissions read")
            .filter_map(|e| {
                let name = e.ok()?.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".toml").map(str::to_owned)
            })
            .collect();
    assert_eq!(
        generated, handlers,
        "src-tauri/permissions/autogenerated holds a file per command and none for a removed one"
    );
    let mock = mock_commands();
    let stale: Vec<_> = mock
        .iter()
        .filter(|m| !handlers.contains(*m) && *m != "library")
        .collect();
    assert!(
        stale.is_empty(),
        "the UI tests' fake shell answers commands that do not exist: {stale:?}"
    );
}

#[test]
fn the_app_uses_every_function_of_the_api_module() {
    let sources = app_sources();
    let unused: Vec<String> = api_calls()
        .into_iter()
        .map(|(_, function)| function)
        .filter(|f| !sources.contains(&format!("{f}(")))
        .collect();
    assert!(
        unused.is_empty(),
        "functions of api.ts no screen calls (remove them and their commands): {unused:?}"
    );
}
