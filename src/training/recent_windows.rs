//! The predictions of the last few windows, for the scrolling strip chart. Their time
//! axis, inputs and targets are a function of the window index and are not stored; the
//! windows are consecutive, so only the newest one's index is kept.

/// How many windows the strip chart scrolls over.
pub const RECENT: usize = 6;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecentWindows {
    time_step: usize,
    /// Ring buffer of predictions, one slot per window.
    #[serde(with = "crate::engine::floats")]
    predictions: Vec<f32>,
    len: usize,
    next: usize,
    /// Index of the window after the newest one.
    end: u64,
}

impl RecentWindows {
    pub fn new(time_step: usize) -> Self {
        RecentWindows { time_step, predictions: vec![0.0; RECENT * time_step], len: 0, next: 0, end: 0 }
    }

    /// Adds window `k`, which must follow the newest one (or be the first after `clear`).
    pub fn push(&mut self, k: u64, prediction: &[f32]) {
        debug_assert!(self.len == 0 || k == self.end, "windows must be consecutive");
        let t = self.time_step;
        self.predictions[self.next * t..(self.next + 1) * t].copy_from_slice(prediction);
        self.next = (self.next + 1) % RECENT;
        self.len = (self.len + 1).min(RECENT);
        self.end = k + 1;
    }

    /// The check a deserialised ring must pass before it is used: windows of `time_step` steps.
    pub fn is_consistent(&self, time_step: usize) -> bool {
        self.time_step == time_step
            && self.predictions.len() == RECENT * time_step
            && self.len <= RECENT
            && self.next < RECENT
            && self.end >= self.len as u64
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.next = 0;
    }

    /// (window index, predictions), oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &[f32])> + '_ {
        let start = (self.next + RECENT - self.len) % RECENT;
        let first = self.end - self.len as u64;
        (0..self.len).map(move |i| {
            let slot = (start + i) % RECENT;
            (first + i as u64, &self.predictions[slot * self.time_step..(slot + 1) * self.time_step])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_windows_oldest_first() {
        let mut r = RecentWindows::new(2);
        for k in 0..10u64 {
            r.push(k, &[k as f32, -(k as f32)]);
        }
        let got: Vec<(u64, Vec<f32>)> = r.iter().map(|(k, p)| (k, p.to_vec())).collect();
        assert_eq!(got.len(), RECENT);
        assert_eq!(got[0], (4, vec![4.0, -4.0]));
        assert_eq!(got[RECENT - 1], (9, vec![9.0, -9.0]));
    }
}
