// mimalloc: indexing and searching allocate and free many short-lived
// buffers (documents, token lists, hit lists); glibc's allocator spent about
// 6% of indexing CPU on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    tracuu::allocator::keep_freed_memory();
    std::process::exit(tracuu::cli::main());
}
