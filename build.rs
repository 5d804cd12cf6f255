//! `sqlx::migrate!()` embeds `migrations/` when the crate compiles, and
//! Cargo reruns a macro only when a file it already knows changes: a commit
//! that only adds a migration would leave an incremental build migrating to
//! the old list. Watching the folder rebuilds the crate when one is added.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
