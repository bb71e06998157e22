//! The command's thread pool: rayon's global pool, each worker kept on a processor of its
//! own.
//!
//! A figure on its own is painted as two bands at once, one on each worker. Left to the
//! scheduler, the second worker was often woken onto the processor that was already busy —
//! on this 2-processor virtual machine the idle one looks unavailable while its host has it
//! asleep — and waited there 1 to 3 ms for the load balancer: in 57 of 200 runs of the
//! default PNG, its band began more than a millisecond after the first. With each worker
//! kept on its own processor, 2 of 200 runs did, and the 90th percentile of the figure's time
//! fell from 8.2 to 6.3 ms (README, Speed). The library leaves pools alone; only the command
//! does this.

/// Starts rayon's global pool (see [`pinned`]). Whichever thread asks first starts it; later
/// calls do nothing.
pub fn start() {
    // An error only says that the pool has already been started.
    let _ = pinned().build_global();
}

/// A pool whose workers are spread over the processors this thread may run on, one each in
/// turn.
fn pinned() -> rayon::ThreadPoolBuilder {
    // The processors this thread may run on, which the workers it starts inherit.
    let processors = core_affinity::get_core_ids().unwrap_or_default();
    rayon::ThreadPoolBuilder::new().start_handler(move |worker| {
        if !processors.is_empty() {
            // Refused (a processor taken away meanwhile): the worker runs anywhere.
            core_affinity::set_for_current(processors[worker % processors.len()]);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The processors the calling thread may run on, as the kernel reports them.
    fn allowed() -> String {
        let status = std::fs::read_to_string("/proc/thread-self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("Cpus_allowed_list:"));
        line.unwrap().split(':').nth(1).unwrap().trim().to_string()
    }

    #[test]
    fn each_worker_runs_on_one_processor_of_its_own() {
        let processors = core_affinity::get_core_ids().unwrap();
        let workers = processors.len().min(4);
        let pool = pinned().num_threads(workers).build().unwrap();
        let mut theirs = pool.broadcast(|_| allowed());
        // One processor each ("3", not "0-3"), and no two the same.
        assert!(
            theirs.iter().all(|p| p.parse::<usize>().is_ok()),
            "{theirs:?}"
        );
        theirs.sort();
        theirs.dedup();
        assert_eq!(theirs.len(), workers, "{theirs:?}");
    }
}
