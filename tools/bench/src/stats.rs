//! Summaries of repeated measurements: median and 99th percentile (nearest rank), and the
//! way durations are shown in the report.

use std::time::Duration;

/// Repeated measurements of one thing.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    durations: Vec<Duration>,
}

impl Samples {
    pub fn new() -> Samples {
        Samples::default()
    }

    pub fn push(&mut self, duration: Duration) {
        self.durations.push(duration);
    }

    pub fn len(&self) -> usize {
        self.durations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.durations.is_empty()
    }

    pub fn median(&self) -> Duration {
        self.percentile(50.0)
    }

    pub fn p99(&self) -> Duration {
        self.percentile(99.0)
    }

    pub fn min(&self) -> Duration {
        self.durations.iter().min().copied().unwrap_or_default()
    }

    /// The nearest-rank percentile: the smallest sample at or above `percent` of them.
    pub fn percentile(&self, percent: f64) -> Duration {
        if self.durations.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.durations.clone();
        sorted.sort();
        let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }
}

/// A duration for people: µs below a millisecond, ms below a second, else s.
pub fn show(duration: Duration) -> String {
    let micros = duration.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else if micros < 1_000_000.0 {
        let millis = micros / 1000.0;
        if millis < 10.0 {
            format!("{millis:.2} ms")
        } else {
            format!("{millis:.1} ms")
        }
    } else {
        format!("{:.2} s", micros / 1e6)
    }
}

/// `a / b` as a ratio for people (`3.2×`).
pub fn ratio(numerator: Duration, denominator: Duration) -> String {
    if denominator.is_zero() {
        return "–".to_string();
    }
    format!(
        "{:.1}×",
        numerator.as_secs_f64() / denominator.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(millis: &[u64]) -> Samples {
        let mut samples = Samples::new();
        for value in millis {
            samples.push(Duration::from_millis(*value));
        }
        samples
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let hundred: Vec<u64> = (1..=100).collect();
        let samples = samples(&hundred);
        assert_eq!(samples.median(), Duration::from_millis(50));
        assert_eq!(samples.p99(), Duration::from_millis(99));
        assert_eq!(samples.min(), Duration::from_millis(1));
        let few = super::tests::samples(&[30, 10, 20]);
        assert_eq!(few.median(), Duration::from_millis(20));
        assert_eq!(few.p99(), Duration::from_millis(30));
        assert_eq!(Samples::new().median(), Duration::ZERO);
    }

    #[test]
    fn durations_and_ratios_for_people() {
        assert_eq!(show(Duration::from_micros(42)), "42 µs");
        assert_eq!(show(Duration::from_micros(4200)), "4.20 ms");
        assert_eq!(show(Duration::from_millis(420)), "420.0 ms");
        assert_eq!(show(Duration::from_millis(1650)), "1.65 s");
        assert_eq!(
            ratio(Duration::from_millis(3), Duration::from_millis(2)),
            "1.5×"
        );
        assert_eq!(ratio(Duration::from_millis(3), Duration::ZERO), "–");
    }
}
