//! The integration tests of the library and the `claimtrail` command line,
//! as one test binary: each file below was once its own binary, and linking
//! the fourteen they were took minutes on two cores.

mod common;

mod backup;
mod bundle;
mod bundle_undo;
mod claims;
mod cli;
mod cli_export;
mod cli_review;
mod cli_trail;
mod corrections;
mod example;
mod export;
mod fetch;
mod hostile_input;
mod hub;
mod import_pipeline;
mod layers;
mod logging;
mod meaning;
mod pg;
mod reappear;
mod reliability;
mod review;
mod saved_searches;
mod semantic;
mod signatures;
mod suggest;
mod suggestions;
mod trail;
mod transition;
mod twins;
mod workspace;
