//! "Copy as PyTorch": a self-contained Python script (torch, numpy) that reproduces a run of
//! this engine in PyTorch: the same model built after `torch.manual_seed(seed)` (so the same
//! initial weights), optimizer and hyper-parameters, the same windows (the time axis and phase
//! rule of `tasks.rs`, the denoising task's counter-based noise included), the carried and
//! detached state, and the hyper-parameter changes at the steps they were made. It prints one
//! loss per line: the engine's `losses()` within the parity tolerance of tests/fixtures.

use crate::training::config::{CellKind, Nonlinearity, OptimizerKind};
use crate::training::hyper::HyperChange;
use crate::training::tasks::Task;
use crate::Config;
use std::fmt::Write;

/// The script for `steps` windows of a run with `config` (its settings at step 0) and the
/// hyper-parameter `changes` made so far (those at or after `steps` are left out). With
/// `weights` (a JSON state dict) the model starts from them instead of from the seed.
pub fn pytorch_script(
    config: &Config,
    changes: &[HyperChange],
    weights: Option<&serde_json::Value>,
    steps: u64,
) -> String {
    let c = config;
    let cell = match c.cell {
        CellKind::Rnn => format!(
            "nn.RNN(input_size=1, hidden_size={}, num_layers={}, nonlinearity='{}', batch_first=True)",
            c.hidden,
            c.layers,
            match c.nonlinearity {
                Nonlinearity::Tanh => "tanh",
                Nonlinearity::Relu => "relu",
            }
        ),
        CellKind::Lstm => {
            format!("nn.LSTM(input_size=1, hidden_size={}, num_layers={}, batch_first=True)", c.hidden, c.layers)
        }
        CellKind::Gru => {
            format!("nn.GRU(input_size=1, hidden_size={}, num_layers={}, batch_first=True)", c.hidden, c.layers)
        }
    };
    let optimizer = match c.optimizer {
        OptimizerKind::Adam => {
            format!(
                "torch.optim.Adam(net.parameters(), lr={}, betas=({}, {}), eps={}, weight_decay={})",
                py(c.lr),
                py(c.beta1),
                py(c.beta2),
                py(c.eps),
                py(c.weight_decay)
            )
        }
        OptimizerKind::Sgd => {
            format!(
                "torch.optim.SGD(net.parameters(), lr={}, momentum={}, weight_decay={})",
                py(c.lr),
                py(c.momentum),
                py(c.weight_decay)
            )
        }
    };
    let mut change_lines = String::new();
    for ch in changes.iter().filter(|ch| ch.step < steps) {
        let _ = writeln!(change_lines, "    ({}, '{}', {}),", ch.step, ch.parameter.setting().field, py(ch.value));
    }
    let task = c.task.name();
    let load = match weights {
        None => String::new(),
        Some(w) => format!(
            "# The run started from imported weights, not from the seed's:\nSTATE_DICT = {w}\n\
             net.load_state_dict({{name: torch.tensor(value) for name, value in STATE_DICT.items()}})\n"
        ),
    };
    let noise = if c.task == Task::Denoise { NOISE } else { "" };
    // "1 layer", "4 layers" in the header.
    let counted = |n: u64, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    let (layers_text, steps_text) = (counted(c.layers as u64, "layer"), counted(steps, "window"));
    format!(
        r#"# Reproduces an rnn-playground run in PyTorch: {cell_name}, hidden {hidden}, {layers_text},
# {opt_name}, task {task}, seed {seed}, {steps_text} of {time_step} points.
# Written by rnn-playground's pytorchScript(); needs torch and numpy. Prints one loss per line.
import math

import numpy as np
import torch
from torch import nn

STEPS = {steps}
TIME_STEP = {time_step}
SEED = {seed}
TASK = '{task}'
CLIP_NORM = {clip}  # 0: no clipping
CARRY_STATE = {carry}  # True: the hidden state goes on from window to window, its gradient cut there
# Hyper-parameter changes made during the run: (window, setting, value), applied before that
# window; each setting but clip_norm and the betas is the param_group key of that name.
CHANGES = [
{change_lines}]


def window(k):
    """Window k: TIME_STEP points from k*pi to (k+1)*pi; the values at the phase k mod 2."""
    span = TIME_STEP - 1
    half = k % 2
    j = np.arange(TIME_STEP)
    phase = half * math.pi + j * (math.pi / span)
    p = half * span + j
    s = np.sin(phase)
    if TASK == 'sin-cos':
        x, y = s, np.cos(phase)
    elif TASK == 'denoise':
        x, y = s + 0.3 * np.array([gaussian(SEED, k, i) for i in range(TIME_STEP)]), s
    elif TASK == 'square':
        x, y = s, np.where((p < span) | (p == 2 * span), 1.0, -1.0)
    else:  # sawtooth
        x, y = s, np.where(p == 2 * span, -1.0, phase / math.pi - 1.0)
    as_tensor = lambda v: torch.from_numpy(np.asarray(v, dtype=np.float32)).view(1, TIME_STEP, 1)
    return as_tensor(x), as_tensor(y)
{noise}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = {cell}
        self.out = nn.Linear({hidden}, 1)

    def forward(self, x, state):
        h, state = self.rnn(x, state)
        return self.out(h), state


torch.manual_seed(SEED)
net = Net()
{load}optimizer = {optimizer}
loss_fn = nn.MSELoss()
state = None
for k in range(STEPS):
    for at, name, value in CHANGES:
        if at != k:
            continue
        if name == 'clip_norm':
            CLIP_NORM = value
            continue
        for group in optimizer.param_groups:
            if name == 'beta1':
                group['betas'] = (value, group['betas'][1])
            elif name == 'beta2':
                group['betas'] = (group['betas'][0], value)
            elif name in group:
                group[name] = value
    x, y = window(k)
    prediction, state = net(x, state if CARRY_STATE else None)
    state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
    loss = loss_fn(prediction, y)
    optimizer.zero_grad()
    loss.backward()
    if CLIP_NORM > 0:
        nn.utils.clip_grad_norm_(net.parameters(), CLIP_NORM)
    optimizer.step()
    print(f'{{loss.item():.9g}}')
"#,
        cell_name = match c.cell {
            CellKind::Rnn => "RNN",
            CellKind::Lstm => "LSTM",
            CellKind::Gru => "GRU",
        },
        hidden = c.hidden,
        opt_name = match c.optimizer {
            OptimizerKind::Adam => "Adam",
            OptimizerKind::Sgd => "SGD",
        },
        seed = c.seed,
        time_step = c.time_step,
        clip = py(c.clip_norm),
        carry = if c.carry_state { "True" } else { "False" },
    )
}

/// The denoising task's noise, as `tasks.rs` computes it: a standard normal that depends only
/// on (seed, k, j), from splitmix64 and Box–Muller.
const NOISE: &str = r#"
MASK = (1 << 64) - 1


def splitmix64(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def gaussian(seed, k, j):
    a = splitmix64(((seed << 32) & MASK) ^ splitmix64(k) ^ ((j * 0x9E3779B97F4A7C15) & MASK))
    b = splitmix64(a)
    u1 = ((a >> 11) + 1.0) / float(1 << 53)
    u2 = (b >> 11) / float(1 << 53)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
"#;

/// A Python literal for `v` that reads back as the same double.
fn py(v: f64) -> String {
    if v.is_finite() {
        format!("{v:?}")
    } else {
        format!("float('{v}')")
    }
}
