//! Settings of the allocator the tracuu binary uses (mimalloc).

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (mimalloc.h of the
/// v3 sources libmimalloc-sys 0.1.49 builds; its bindings do not name it).
/// The test below checks that the number still means that option.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed memory back to the OS. By default it
/// does so a second after a free, and indexing, which frees and reallocates
/// large buffers all the time, then spent ~10% of its CPU faulting in and
/// zeroing the same pages again (all 127k articles: 15.2 s -> 12.7-13.4 s). The peak stays what the writer's memory budget
/// allows, and tracuu's processes are short-lived. No effect unless
/// mimalloc is the global allocator (it is in the tracuu binary).
pub fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer in mimalloc's option
    // table; the option number is checked by the test below.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_fifteen_is_the_purge_delay() {
        // Default of mi_option_purge_delay in v3's options.c: 1000 (ms). Its
        // neighbours default to 1 (deprecated_eager_commit_delay) and 0
        // (use_numa_nodes).
        // SAFETY: reads mimalloc's option table.
        let (before, delay, after) = unsafe {
            (
                libmimalloc_sys::mi_option_get(PURGE_DELAY - 1),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
                libmimalloc_sys::mi_option_get(PURGE_DELAY + 1),
            )
        };
        assert_eq!((before, delay, after), (1, 1000, 0));
    }
}
