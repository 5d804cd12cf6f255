//! Facts about the open workspace as a whole.

use crate::model::WorkspaceInfo;
use crate::store::{users, Result, Store};

/// Path, size, active user and user profiles of the workspace. A workspace
/// nobody has written to yet has no user.
pub async fn info(store: &Store) -> Result<WorkspaceInfo> {
    Ok(WorkspaceInfo {
        path: store.path().display().to_string(),
        articles: crate::articles::count(store).await?,
        user: users::active_user(store).await?,
        users: users::list(store).await?,
    })
}
