//! The `tracuu` command line: a thin main over the CLI modules, which hold
//! the flags, the commands, the terminal rendering, messages and progress
//! (the engine is the `tracuu` library).

mod cli;

// mimalloc: indexing and searching allocate and free many short-lived
// buffers (documents, token lists, hit lists); glibc's allocator spent about
// 6% of indexing CPU on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    cli::allocator::keep_freed_memory();
    std::process::exit(cli::main());
}
