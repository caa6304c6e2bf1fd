// mimalloc: indexing and searching allocate and free many short-lived
// buffers (documents, token lists, hit lists); glibc's allocator spent about
// 6% of indexing CPU on them and returned large ones to the kernel only to
// fault them in again.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(tracuu::cli::main());
}
