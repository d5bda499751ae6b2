//! Writes the record of a training run (the fixtures' format, `fixture::Record`,
//! tests/fixtures/README.md) while it trains, step by step: memory stays flat however
//! many steps. The format orders `losses` before `predictions`, so the predictions go to
//! a spill stream (a file next to the record) and are copied after the last loss.

use crate::files::record::RecordConfig;
use crate::files::state_dict_json;
use crate::training::trainer::Trainer;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// Bytes a number takes in the record on average (`0.12345679104328156,`).
const BYTES_PER_NUMBER: u64 = 21;

/// A record being written: `out` gets the record, `spill` holds the predictions until
/// `finish`. Its own state is a step counter.
pub struct RecordWriter<W: Write, S: Read + Write + Seek> {
    out: W,
    spill: BufWriter<S>,
    written: u64,
}

impl<W: Write, S: Read + Write + Seek> RecordWriter<W, S> {
    /// Starts the record of a run of `steps` windows from where `trainer` stands:
    /// writes its config and initial state dict.
    pub fn begin(mut out: W, spill: S, trainer: &Trainer, steps: u64) -> io::Result<Self> {
        out.write_all(b"{\"config\":")?;
        serde_json::to_writer(&mut out, &RecordConfig::of(trainer.config(), steps))?;
        out.write_all(b",\"initial_state_dict\":")?;
        let net = trainer.network();
        serde_json::to_writer(&mut out, &state_dict_json::to_value(&net.layout, &net.params))?;
        out.write_all(b",\"losses\":[")?;
        Ok(RecordWriter { out, spill: BufWriter::new(spill), written: 0 })
    }

    /// Appends one step: its loss and the window's predictions (NaN and infinities are
    /// written as `null`, as JSON has no such numbers).
    pub fn push(&mut self, loss: f32, prediction: &[f32]) -> io::Result<()> {
        if self.written > 0 {
            self.out.write_all(b",")?;
            self.spill.write_all(b",")?;
        }
        serde_json::to_writer(&mut self.out, &(loss as f64))?;
        self.spill.write_all(b"[")?;
        for (j, &p) in prediction.iter().enumerate() {
            if j > 0 {
                self.spill.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.spill, &(p as f64))?;
        }
        self.spill.write_all(b"]")?;
        self.written += 1;
        Ok(())
    }

    /// Copies the predictions in, writes `trainer`'s weights as the final state dict and
    /// flushes; returns the two streams.
    pub fn finish(mut self, trainer: &Trainer) -> io::Result<(W, S)> {
        self.out.write_all(b"],\"predictions\":[")?;
        let mut spill = self.spill.into_inner().map_err(io::IntoInnerError::into_error)?;
        spill.seek(SeekFrom::Start(0))?;
        io::copy(&mut spill, &mut self.out)?;
        self.out.write_all(b"],\"final_state_dict\":")?;
        let net = trainer.network();
        serde_json::to_writer(&mut self.out, &state_dict_json::to_value(&net.layout, &net.params))?;
        self.out.write_all(b"}")?;
        self.out.flush()?;
        Ok((self.out, spill))
    }

    /// Steps written so far.
    pub fn steps(&self) -> u64 {
        self.written
    }
}

/// About how many bytes the record of `steps` windows with `trainer`'s configuration takes.
pub fn estimated_bytes(trainer: &Trainer, steps: u64) -> u64 {
    let per_step = (1 + trainer.config().time_step as u64) * BYTES_PER_NUMBER + 3;
    let dicts = 2 * trainer.network().params.len() as u64 * BYTES_PER_NUMBER;
    steps.saturating_mul(per_step).saturating_add(dicts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::record::Record;
    use crate::Config;
    use std::io::Cursor;

    /// The streamed record is byte for byte what serialising the whole `Record` at once
    /// gives (the fixtures' format), with NaN written as null.
    #[test]
    fn the_streamed_record_equals_the_serialised_record() {
        let mut trainer = Trainer::new(Config { hidden: 4, time_step: 5, ..Config::default() }).unwrap();
        let net = trainer.network();
        let initial = state_dict_json::to_value(&net.layout, &net.params);
        let mut writer = RecordWriter::begin(Vec::new(), Cursor::new(Vec::new()), &trainer, 4).unwrap();
        let (mut losses, mut predictions) = (Vec::new(), Vec::new());
        for k in 0..4 {
            let loss = if k == 2 { f32::NAN } else { trainer.step() };
            writer.push(loss, trainer.last_window().prediction).unwrap();
            losses.push(loss as f64);
            predictions.push(trainer.last_window().prediction.iter().map(|&p| p as f64).collect());
        }
        assert_eq!(writer.steps(), 4);
        let (bytes, _) = writer.finish(&trainer).unwrap();
        let net = trainer.network();
        let whole = Record {
            config: RecordConfig::of(trainer.config(), 4),
            initial_state_dict: initial,
            losses,
            predictions,
            final_state_dict: state_dict_json::to_value(&net.layout, &net.params),
            float64_losses: None,
        };
        assert_eq!(String::from_utf8(bytes).unwrap(), serde_json::to_string(&whole).unwrap());
    }

    /// The writer's own state does not grow with the steps: everything goes to the streams.
    #[test]
    fn the_writer_holds_no_step_data() {
        struct Counting(u64);
        impl Write for Counting {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0 += b.len() as u64;
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let trainer = Trainer::new(Config { hidden: 2, ..Config::default() }).unwrap();
        let mut writer = RecordWriter::begin(Counting(0), Cursor::new(Vec::new()), &trainer, 100_000).unwrap();
        let prediction = [0.125f32; 10];
        for _ in 0..100_000 {
            writer.push(0.5, &prediction).unwrap();
        }
        // What was pushed is in the streams (less the spill buffer's last ≤ 8 KiB).
        let spilled = writer.spill.get_ref().get_ref().len() as u64;
        assert!(spilled + 8192 >= 100_000 * 61, "{spilled}");
        assert!(writer.out.0 >= 100_000 * 4, "the losses are written out as they come");
    }
}
