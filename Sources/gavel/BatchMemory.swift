import CGavelMalloc

/// Tells the C allocator that this process is a batch job that holds gigabytes until it exits.
///
/// glibc's defaults suit long-lived servers: each thread's arena grows 128 KiB at a time (an `mprotect` call that
/// waits for the address-space lock the other thread's page faults hold) and is trimmed back as soon as 128 KiB
/// at its top are free. A nightly run over a million keywords allocates 1.6 GB of daily points on two threads;
/// growing the arenas 64 MiB at a time and trimming only above 512 MiB saves it ≈ 2 s of CPU (≈ 9 %, measured on
/// the 1,000,000-keyword benchmark store; Benchmarks/README.md).
enum BatchMemory {
    static func configure() {
        #if os(Linux)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
        #endif
    }
}
