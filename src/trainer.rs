//! A training run of the tutorial's protocol: window after window, the state carried
//! from one window into the next, one optimizer step per window.

use crate::config::Config;
use crate::error::Error;
use crate::loss_history::LossHistory;
use crate::network::{Network, State};
use crate::optim::{clip_grad_norm, Optimizer};
use crate::recent_windows::RecentWindows;
use crate::state_dict;

pub struct Trainer {
    pub(crate) config: Config,
    pub(crate) net: Network<f32>,
    pub(crate) optimizer: Optimizer,
    /// The state carried into the next window.
    pub(crate) state: State<f32>,
    /// Windows trained so far; the next step trains window `step`.
    pub(crate) step: u64,
    pub(crate) history: LossHistory,
    recent: RecentWindows,
    /// The window last run through the network.
    window: WindowBuf,
}

#[derive(Debug, Clone)]
struct WindowBuf {
    k: u64,
    t: Vec<f64>,
    x: Vec<f32>,
    y: Vec<f32>,
}

/// One window as shown to the user.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    /// Window index.
    pub k: u64,
    pub t: &'a [f64],
    pub input: &'a [f32],
    pub target: &'a [f32],
    pub prediction: &'a [f32],
}

impl Trainer {
    /// A fresh run with `torch.manual_seed(config.seed)` weights.
    pub fn new(config: Config) -> Result<Self, Error> {
        config.validate()?;
        let net = Network::seeded(&config, config.seed);
        let n = config.time_step;
        let mut trainer = Trainer {
            optimizer: Optimizer::new(&config, net.params.len()),
            state: State::zeros(&config),
            step: 0,
            history: LossHistory::default(),
            recent: RecentWindows::new(n),
            window: WindowBuf { k: 0, t: vec![0.0; n], x: vec![0.0; n], y: vec![0.0; n] },
            net,
            config,
        };
        trainer.preview();
        Ok(trainer)
    }

    /// Trains one window and returns its loss (NaN or infinite once training diverged).
    pub fn step(&mut self) -> f32 {
        let k = self.step;
        self.load_window(k);
        let w = &self.window;
        let loss = self.net.train_window(&w.x, &w.y, &mut self.state);
        if self.config.clip_norm > 0.0 {
            clip_grad_norm(&mut self.net.grads, self.config.clip_norm);
        }
        self.optimizer.step(&mut self.net.params, &self.net.grads);
        self.step += 1;
        self.history.push(loss);
        self.recent.push(k, self.net.predictions());
        loss
    }

    /// Trains `n` windows; returns the last loss (NaN if n is 0).
    pub fn train(&mut self, n: u64) -> f32 {
        let mut loss = f32::NAN;
        for _ in 0..n {
            loss = self.step();
        }
        loss
    }

    /// Back to step 0 with fresh weights from `seed` (or the configured seed).
    pub fn reset(&mut self, seed: Option<u32>) {
        if let Some(seed) = seed {
            self.config.seed = seed;
        }
        self.net = Network::seeded(&self.config, self.config.seed);
        self.restart();
    }

    /// Replaces the weights by a state dict (see `state_dict`) and starts a new run
    /// from them: step 0, optimizer state and carried state cleared. On error the
    /// trainer is unchanged.
    pub fn import_weights(&mut self, json: &str) -> Result<(), Error> {
        let params = state_dict::import(&self.net.layout, json, &self.model_name())?;
        self.net.params = params;
        self.restart();
        Ok(())
    }

    pub fn export_weights(&self) -> String {
        state_dict::export(&self.net.layout, &self.net.params)
    }

    /// "RNN (tanh) with hidden 32 and 1 layer", for messages.
    pub fn model_name(&self) -> String {
        let c = &self.config;
        let act = if c.cell == crate::CellKind::Rnn { format!(" ({})", c.nonlinearity.name()) } else { String::new() };
        let layers = if c.layers == 1 { "1 layer".to_string() } else { format!("{} layers", c.layers) };
        let cell = match c.cell {
            crate::CellKind::Rnn => "RNN",
            crate::CellKind::Lstm => "LSTM",
            crate::CellKind::Gru => "GRU",
        };
        format!("{cell}{act} with hidden {} and {layers}", c.hidden)
    }

    fn restart(&mut self) {
        self.optimizer.reset();
        self.state = State::zeros(&self.config);
        self.step = 0;
        self.history = LossHistory::default();
        self.recent.clear();
        self.preview();
    }

    /// Runs window `step` forward without training, so the charts show what the net
    /// predicts before it learns from it.
    pub(crate) fn preview(&mut self) {
        self.load_window(self.step);
        self.net.forward(&self.window.x, &self.state);
    }

    fn load_window(&mut self, k: u64) {
        let w = &mut self.window;
        w.k = k;
        self.config.task.window(k, self.config.seed, &mut w.t, &mut w.x, &mut w.y);
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn step_count(&self) -> u64 {
        self.step
    }

    pub fn network(&self) -> &Network<f32> {
        &self.net
    }

    /// dL/dparams of the last step, after clipping, in the layout of `network().layout`
    /// (all zero before the first step).
    pub fn gradients(&self) -> &[f32] {
        &self.net.grads
    }

    pub fn losses(&self) -> &LossHistory {
        &self.history
    }

    /// The last window run through the network, with its predictions.
    pub fn last_window(&self) -> Window<'_> {
        let w = &self.window;
        Window { k: w.k, t: &w.t, input: &w.x, target: &w.y, prediction: self.net.predictions() }
    }

    /// The top layer's hidden state at each step of the last window, `time_step × hidden`.
    pub fn hidden_states(&self) -> &[f32] {
        self.net.hidden_states()
    }

    /// The last few trained windows (index and predictions), oldest first.
    pub fn recent_windows(&self) -> impl Iterator<Item = (u64, &[f32])> + '_ {
        self.recent.iter()
    }
}
