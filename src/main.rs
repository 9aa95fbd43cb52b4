//! The `reftrace` command: a thin layer over the library (the command line itself is
//! the library's private `cli` module, `src/cli/`).

/// mimalloc: records are many small strings, and glibc's allocator spends about a fifth
/// of a large parse tidying them up (measured with `cargo bench --bench parse`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    reftrace::cli_main()
}
