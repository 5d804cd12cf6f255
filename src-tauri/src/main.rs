//! The Claimtrail desktop app: a Tauri 2 window over the claimtrail library.
//! This crate only turns IPC calls into library calls (see ARCHITECTURE.md).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    claimtrail_app::run();
}
