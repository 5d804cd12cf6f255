//! The one error type that crosses IPC: a small code the UI can switch on
//! and a message written for the journalist.
//!
//! Every `StoreError` variant is mapped by name, with no wildcard, so a
//! new variant must choose its code here: `invalid_input` (with the field,
//! when the refusal is about one), `conflict` (changed since: an Undo over
//! a later change, a proposal replaced while read, a name taken),
//! `not_allowed` (not this actor, or not in this state), `not_found`,
//! `workspace`, `import` and `internal`. Tests and the UI switch on these
//! codes, never on the sentences. A refusal is logged by its kind only.

use serde::Serialize;
use ts_rs::TS;

use claimtrail::import::ImportError;
use claimtrail::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    /// Input that cannot be stored; `field` names it when there is one.
    InvalidInput,
    /// The change collides with one made since (reload and look again).
    Conflict,
    /// The acting user may not make this change now.
    NotAllowed,
    Workspace,
    /// The team hub cannot be reached or refused the login; the work is
    /// kept on this desk.
    Hub,
    Import,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The input an `invalid_input` error is about (`statement`, `name`,
    /// `stated_at`, …), for the UI to point at.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            field: None,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        // Every variant named, so a new one must choose its code here.
        let (code, field) = match &e {
            StoreError::NotFound(_) => (ErrorCode::NotFound, None),
            StoreError::Invalid { field, .. } => (ErrorCode::InvalidInput, *field),
            StoreError::Conflict(_) => (ErrorCode::Conflict, None),
            StoreError::NotAllowed(_) => (ErrorCode::NotAllowed, None),
            StoreError::Open { .. }
            | StoreError::Damaged { .. }
            | StoreError::Migrate { .. }
            | StoreError::Busy
            | StoreError::Full => (ErrorCode::Workspace, None),
            StoreError::Hub(_) => (ErrorCode::Hub, None),
            StoreError::Unaudited(_) | StoreError::Sql(_) | StoreError::Json(_) => {
                (ErrorCode::Internal, None)
            }
        };
        if e.is_refusal() {
            // Its message may quote what was written: the kind only.
            tracing::info!(?code, field, "refused");
        } else {
            tracing::error!(error = ?e, "workspace error");
        }
        ApiError {
            field: field.map(str::to_owned),
            ..ApiError::new(code, e.to_string())
        }
    }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        // A fetch error names the address, whose query may hold a token.
        match &e {
            ImportError::Io { path, source } => {
                tracing::warn!(path, error = %source, "import could not read")
            }
            ImportError::Fetch(_) => tracing::warn!("import could not fetch a page"),
            ImportError::NotSaved(_) => tracing::error!(error = %e, "import not saved"),
            ImportError::Parse(_) | ImportError::Store(_) => {}
        }
        match e {
            ImportError::Store(s) => s.into(),
            other @ (ImportError::Parse(_)
            | ImportError::Io { .. }
            | ImportError::Fetch(_)
            | ImportError::NotSaved(_)) => ApiError::new(ErrorCode::Import, other.to_string()),
        }
    }
}

pub type Result<T> = std::result::Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_and_import_errors_map_to_codes_the_ui_can_switch_on() {
        let missing: ApiError = StoreError::NotFound("article x".into()).into();
        assert_eq!(
            missing.code,
            ErrorCode::NotFound,
            "an unknown id is not_found"
        );
        let rejected: ApiError = ImportError::Parse(claimtrail::import::ParseError::Empty).into();
        assert_eq!(
            rejected.code,
            ErrorCode::Import,
            "a refused input is an import error"
        );
        assert!(
            rejected.message.contains("Nothing was imported"),
            "with the message the journalist reads"
        );
        let wrapped: ApiError = ImportError::Store(StoreError::NotFound("y".into())).into();
        assert_eq!(
            wrapped.code,
            ErrorCode::NotFound,
            "store errors inside imports keep their code"
        );
    }

    #[test]
    fn refusals_keep_their_kind_and_field() {
        let cases: [(StoreError, ErrorCode, Option<&str>); 4] = [
            (
                StoreError::invalid_field("statement", "A claim needs a statement."),
                ErrorCode::InvalidInput,
                Some("statement"),
            ),
            (
                StoreError::Conflict("changed since".into()),
                ErrorCode::Conflict,
                None,
            ),
            (
                StoreError::NotAllowed("your own verdict".into()),
                ErrorCode::NotAllowed,
                None,
            ),
            (StoreError::Unaudited(1), ErrorCode::Internal, None),
        ];
        for (error, code, field) in cases {
            let api: ApiError = error.into();
            assert_eq!(api.code, code, "{}", api.message);
            assert_eq!(api.field.as_deref(), field, "{}", api.message);
        }
        let json = serde_json::to_value(ApiError::from(StoreError::invalid_field("name", "x")))
            .expect("serialises");
        assert_eq!(json["field"], "name", "the UI reads the field");
    }

    #[test]
    fn errors_serialise_as_code_and_message() {
        let e = ApiError::new(ErrorCode::InvalidInput, "Enter a web address.");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "invalid_input", "message": "Enter a web address." }),
            "the UI reads exactly these fields"
        );
    }
}
