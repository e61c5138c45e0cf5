//! `xtask-light`: the runner without the crawler's HTTP stack, which `cargo xtask` starts;
//! commands that need the crawler are handed to `xtask`. See `lib.rs`.

fn main() -> std::process::ExitCode {
    xtask::main()
}
