//! Facts about the open workspace as a whole.

use crate::model::{UserInfo, WorkspaceInfo};
use crate::store::{self, Result, Store};

/// Path, size and active user of the workspace. A workspace nobody has
/// written to yet reports the user who will be created on the first write.
pub async fn info(store: &Store) -> Result<WorkspaceInfo> {
    let user = match store::active_user(store).await? {
        Some(user) => user,
        None => UserInfo {
            id: String::new(),
            name: "Local user".to_owned(),
        },
    };
    Ok(WorkspaceInfo {
        path: store.path().display().to_string(),
        articles: crate::articles::count(store).await?,
        user,
    })
}
