//! Nothing to see: this crate exists for its `Cargo.toml`, which turns on, for the light
//! runner, the dependency features that the crawler's stack turns on for the full one,
//! so both builds share one compiled copy of each dependency. See that file.
