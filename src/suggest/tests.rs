//! Whole-module tests of `suggest` and `hints`: quotes, reported speech,
//! back-references, relays, and offsets that always slice to `exact`.

use super::*;
