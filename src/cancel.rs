//! Stopping long work from outside: a token the caller keeps a clone of
//! (a Ctrl-C handler, a server's per-request time budget) and the engine
//! checks between steps.

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Asks indexing, a search or an export to stop. Clones share one flag;
/// the default token is never cancelled.
///
/// Indexing stops at the next batch with what it read committed (its
/// report says `interrupted`); searches, counts and exports return
/// [`Error::Cancelled`].
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    flag: Arc<AtomicBool>,
    deadline: Option<Instant>,
}

impl CancelToken {
    /// A token that only [`cancel`](Self::cancel) stops.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// A token that also counts as cancelled once `budget` has passed.
    pub fn with_budget(budget: Duration) -> CancelToken {
        CancelToken {
            flag: Arc::default(),
            deadline: Instant::now().checked_add(budget),
        }
    }

    /// Asks the work holding a clone of this token to stop.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// Asks to stop and says whether it had been asked before (a second
    /// Ctrl-C).
    pub fn cancel_again(&self) -> bool {
        self.flag.swap(true, Ordering::SeqCst)
    }

    /// Whether the work should stop.
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed) || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// `Err(Error::Cancelled)` once cancelled: for `?` between steps.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_a_spent_budget_cancels() {
        let token = CancelToken::new();
        let clone = token.clone();
        assert!(!clone.is_cancelled());
        assert!(!token.cancel_again());
        assert!(clone.is_cancelled() && token.cancel_again());
        assert!(matches!(clone.check(), Err(Error::Cancelled)));
        assert!(CancelToken::with_budget(Duration::ZERO).is_cancelled());
        assert!(!CancelToken::with_budget(Duration::from_secs(3600)).is_cancelled());
    }
}
