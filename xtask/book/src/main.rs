//! `cargo xtask book`: builds the workbook as an mdBook (skeleton; the build comes next).

mod quiz;

fn main() {}
