//! The loss of every step, in bounded memory however long the run: when the buffer is
//! full, neighbouring entries are averaged in pairs and each entry then covers twice
//! as many steps. Old history is coarsened, never dropped.

use serde::{Deserialize, Serialize};

/// Entries kept at most; memory is allocated once.
pub const CAPACITY: usize = 4096;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LossHistory {
    /// Entry i is the mean loss over steps [i·stride, (i+1)·stride).
    means: Vec<f32>,
    stride: u64,
    /// The entry being filled: sum and count of its steps so far.
    pending_sum: f64,
    pending_count: u64,
}

impl Default for LossHistory {
    fn default() -> Self {
        LossHistory { means: Vec::with_capacity(CAPACITY), stride: 1, pending_sum: 0.0, pending_count: 0 }
    }
}

impl LossHistory {
    pub fn push(&mut self, loss: f32) {
        self.pending_sum += loss as f64;
        self.pending_count += 1;
        if self.pending_count == self.stride {
            self.means.push((self.pending_sum / self.stride as f64) as f32);
            self.pending_sum = 0.0;
            self.pending_count = 0;
            if self.means.len() == CAPACITY {
                self.coarsen();
            }
        }
    }

    fn coarsen(&mut self) {
        let half = self.means.len() / 2;
        for i in 0..half {
            self.means[i] = 0.5 * (self.means[2 * i] + self.means[2 * i + 1]);
        }
        self.means.truncate(half);
        self.stride *= 2;
    }

    /// Steps each entry covers.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// The completed entries, oldest first, then the entry being filled (if any), so the
    /// newest steps always show.
    pub fn entries(&self) -> impl Iterator<Item = f32> + '_ {
        let pending = (self.pending_count > 0).then(|| (self.pending_sum / self.pending_count as f64) as f32);
        self.means.iter().copied().chain(pending)
    }

    pub fn len(&self) -> usize {
        self.means.len() + usize::from(self.pending_count > 0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The check a deserialised history must pass before it is used.
    pub fn is_consistent(&self) -> bool {
        self.stride.is_power_of_two() && self.means.len() < CAPACITY && self.pending_count < self.stride
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_step_until_full() {
        let mut h = LossHistory::default();
        for i in 0..10 {
            h.push(i as f32);
        }
        assert_eq!(h.stride(), 1);
        assert_eq!(h.entries().collect::<Vec<_>>(), (0..10).map(|i| i as f32).collect::<Vec<_>>());
    }

    #[test]
    fn coarsens_in_pairs_and_stays_bounded() {
        let mut h = LossHistory::default();
        let n = 10 * CAPACITY as u64 + 3;
        for i in 0..n {
            h.push(i as f32);
        }
        assert!(h.len() <= CAPACITY);
        // The buffer fills at steps 4096, 8192, 16384 and 32768: stride 16 from then on.
        assert_eq!(h.stride(), 16);
        // Entry i is the mean of steps [16i, 16i+16): 16i + 7.5.
        let e: Vec<f32> = h.entries().collect();
        assert_eq!(e[0], 7.5);
        assert_eq!(e[100], 1607.5);
        // The partial last entry holds the 3 newest steps.
        assert_eq!(*e.last().unwrap(), (n - 2) as f32);
        assert_eq!(h.means.capacity(), CAPACITY, "no reallocation");
    }
}
