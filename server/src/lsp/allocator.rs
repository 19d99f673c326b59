//! The C allocator's settings for the long-running language server (glibc only): one malloc
//! arena for the whole process, and free pages handed back after indexing and opening
//! documents. Nothing here changes what the server computes, only how much memory it keeps.
//!
//! Why: glibc gives each thread that allocates its own arena (up to eight per core) and
//! never moves memory between them. The server allocates on many threads — the runtime's
//! workers, the blocking threads that compute diagnostics, rayon's threads that parse the
//! workspace — so a file parsed on one thread and replaced by its open document on another
//! leaves a hole that no other thread reuses: with 1,001 documents open, ten arenas held
//! about 10 MiB for 5.7 MiB of live data (docs/benchmarks.md, "Resident memory"). The
//! command line (`eca-ls check`) keeps glibc's defaults: it exits when done.
//!
//! The only `unsafe` code of the project: two calls into glibc that take plain integers,
//! read no pointer of ours and have no precondition.

/// Limit glibc to one arena. Call first thing, before the server starts any thread: arenas
/// made before this call stay.
pub fn use_one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: `mallopt` takes two integers and changes a setting of the allocator under its own
    // lock; any value is valid (an unknown one is refused with 0, which is fine to ignore).
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Give the free pages inside the heap back to the system, not only those at its end. The
/// server calls it when a round of diagnostics leaves nothing else in flight and something
/// other than an edit of an open document's text came since the last call — indexing, opening
/// and closing documents, file events, settings: about 44,000 instructions each time. After
/// keystrokes alone it waits, since the pages a keystroke frees are the ones the next one
/// needs, and giving them back had them faulted in again on the way to the diagnostics.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: `malloc_trim` takes an integer, locks each arena in turn and returns unused
    // pages to the kernel; it reads no pointer of ours.
    unsafe {
        libc::malloc_trim(0);
    }
}
