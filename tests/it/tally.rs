//! A count of right answers, shared by the accuracy suites.

/// Right answers out of all.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Right.
    pub hit: usize,
    /// All.
    pub of: usize,
}

impl Tally {
    /// Count one answer.
    pub fn add(&mut self, ok: bool) {
        self.hit += usize::from(ok);
        self.of += 1;
    }

    /// Share right (1 when there is nothing to count).
    pub fn rate(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }

    /// `hit/of = p %`, or `-` when there is nothing to count.
    pub fn show(&self) -> String {
        if self.of == 0 {
            "-".into()
        } else {
            format!("{}/{} = {:.1} %", self.hit, self.of, 100.0 * self.rate())
        }
    }
}
