//! `xtask`: the runner with everything, the crawler included. See `lib.rs`.

fn main() -> std::process::ExitCode {
    xtask::main()
}
