//! The one error type that crosses IPC: a small code the UI can switch on
//! and a message written for the journalist.

use serde::Serialize;
use ts_rs::TS;

use claimtrail::import::ImportError;
use claimtrail::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    Workspace,
    Import,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let code = match e {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::Open { .. }
            | StoreError::Migrate { .. }
            | StoreError::Busy
            | StoreError::Full => ErrorCode::Workspace,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(s) => s.into(),
            other => ApiError::new(ErrorCode::Import, other.to_string()),
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
