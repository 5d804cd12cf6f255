//! Generates the Tauri context and a permission per app command, so the
//! capability file can grant the window exactly these commands.

fn main() {
    let commands = tauri_build::AppManifest::new().commands(&[
        "workspace_info",
        "open_workspace",
        "list_articles",
        "list_outlets",
        "get_article",
        "revision_diff",
        "import_text",
        "import_url",
        "import_files",
        "import_folder",
        "cancel_import",
        "list_claims",
        "get_claim",
        "article_appearances",
        "create_claim",
        "add_appearance",
        "update_claim",
        "update_appearance",
        "delete_appearance",
        "delete_claim",
        "place_appearance",
        "reanchor_article",
        "list_persons",
        "create_person",
        "add_alias",
        "remove_alias",
        "merge_persons",
        "suggest_claims",
        "appearance_hints",
        "dismiss_suggestion",
        "restore_suggestion",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("the Tauri build step succeeds");
}
