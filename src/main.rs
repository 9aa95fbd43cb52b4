//! The `reftrace` command: a thin layer over the library (the command line itself is
//! the library's private `cli` module, `src/cli/`).

/// mimalloc: records are many small strings, and glibc's allocator spends about a fifth
/// of a large parse tidying them up (measured with `cargo bench --bench parse`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    reftrace::cli_main()
}

/// Asks Linux not to back this process's memory with 2 MB pages. mimalloc asks for them
/// on its heap; each thread's heap then holds whole 2 MB pages that it barely fills, and
/// each is zeroed whole when first touched: `reftrace parse` of a 9.9 MB list on two
/// threads peaked at 82 MB with them and at 49 MB without, in the same time.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; on
    // failure (an old kernel) nothing changes, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
